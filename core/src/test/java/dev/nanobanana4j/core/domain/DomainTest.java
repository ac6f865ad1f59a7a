package dev.nanobanana4j.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DomainTest {

  @Test
  void money_is_read_from_an_amount_and_a_currency_code() {
    assertEquals(Money.usd("0.07"), Money.parse(" 0.07   USD "));
    assertEquals(
        new Money(new java.math.BigDecimal("12"), java.util.Currency.getInstance("EUR")),
        Money.parse("12 EUR"));
    for (String wrong : new String[] {"0.07", "USD 0.07", "0.07 XXY", "-1 USD", "1 2 USD", ""}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Money.parse(wrong), wrong);
      assertTrue(e.getMessage().contains("'" + wrong + "'"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> Money.parse(null));
  }

  @Test
  void an_extra_named_for_a_provider_reaches_that_provider_alone() {
    ImageRequest request =
        ImageRequest.builder()
            .prompt("a fox")
            .extra("seed", 7)
            .extra("apixo.google_search", true)
            .extra("modelslab.track_id", "order-1")
            .extra("modelslab.seed", 9)
            .build();
    assertEquals(Map.of("seed", 7, "google_search", true), request.forProvider("apixo").extras());
    assertEquals(
        Map.of("seed", 9, "track_id", "order-1"),
        request.forProvider("modelslab").extras(),
        "its own name wins over the unnamespaced one");
    assertEquals(Map.of("seed", 7), request.forProvider("gemini").extras());
    ImageRequest plain = ImageRequest.builder().prompt("a fox").extra("seed", 7).build();
    assertSame(plain, plain.forProvider("apixo"), "nothing namespaced, nothing copied");
  }

  @Test
  void a_handle_keeps_its_attributes_in_key_order_and_refuses_a_null() {
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    Map<String, String> two = new java.util.HashMap<>();
    two.put("z", "1");
    two.put("a", "2");
    assertEquals(
        List.of("a", "z"), List.copyOf(JobHandle.of("acme", "t", at, two).attributes().keySet()));
    Map<String, String> one = Map.of("model", "m");
    assertEquals(one, JobHandle.of("acme", "t", at, one).attributes());
    assertEquals(
        List.of("a", "z"),
        List.copyOf(
            JobHandle.of("acme", "t", at, Map.of("z", "1", "a", "2")).attributes().keySet()),
        "an immutable map of several attributes is taken as any other");
    two.put("a", null);
    assertThrows(NullPointerException.class, () -> JobHandle.of("acme", "t", at, two));
    Map<String, String> nullOne = new java.util.HashMap<>();
    nullOne.put("model", null);
    assertThrows(NullPointerException.class, () -> JobHandle.of("acme", "t", at, nullOne));
    assertThrows(
        UnsupportedOperationException.class,
        () -> JobHandle.of("acme", "t", at, Map.of("k", "v")).attributes().put("x", "y"));
  }

  @Test
  void an_image_says_when_it_expires_once_told() {
    GeneratedImage image =
        GeneratedImage.ofUrl(java.net.URI.create("https://cdn.example/a.png"), "image/png");
    Instant at = Instant.parse("2026-12-15T10:00:00Z");
    GeneratedImage expiring = image.withExpiresAt(at);
    assertEquals(java.util.Optional.empty(), image.expiresAt());
    assertEquals(java.util.Optional.of(at), expiring.expiresAt());
    assertFalse(image.equals(expiring));
    assertEquals(expiring, image.withExpiresAt(at));
    assertEquals(expiring.hashCode(), image.withExpiresAt(at).hashCode());
    assertTrue(expiring.toString().contains("expires 2026-12-15T10:00:00Z"), expiring::toString);
    assertThrows(NullPointerException.class, () -> image.withExpiresAt(null));
    assertThrows(
        IllegalArgumentException.class,
        () -> ProviderInfo.builder().resultLifetime(java.time.Duration.ZERO));
  }

  @Test
  void there_are_fourteen_aspect_ratios_plus_auto() {
    assertEquals(15, AspectRatio.values().length);
    assertEquals(AspectRatio.RATIO_21_9, AspectRatio.parse("21:9"));
    assertEquals(AspectRatio.AUTO, AspectRatio.parse(" AUTO "));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AspectRatio.parse("2:1"));
    assertTrue(
        e.getMessage().startsWith("unknown aspect ratio '2:1'; expected one of auto, 1:1, 1:4"));
  }

  @Test
  void resolutions_parse_in_any_case_and_the_half_k_alias() {
    assertEquals(Resolution.TWO_K, Resolution.parse("2k"));
    assertEquals(Resolution.HALF_K, Resolution.parse("0.5K"));
    assertEquals(Resolution.HALF_K, Resolution.parse("512"));
    assertThrows(IllegalArgumentException.class, () -> Resolution.parse("8K"));
    assertEquals(OutputFormat.JPEG, OutputFormat.parse("jpg"));
  }

  @Test
  void a_request_is_an_edit_exactly_when_it_has_reference_images() {
    ImageRequest text = ImageRequest.builder().prompt("a fox").build();
    assertEquals(Mode.TEXT_TO_IMAGE, text.mode());
    ImageRequest edit =
        text.newBuilder().addReferenceImage(ImageInput.url("https://e.example/a.png")).build();
    assertEquals(Mode.EDIT, edit.mode());
    assertEquals(text, edit.newBuilder().referenceImages(java.util.List.of()).build());
  }

  @Test
  void a_request_refuses_bad_values_with_what_is_allowed() {
    assertEquals(
        "prompt is blank; describe the image to generate",
        assertThrows(
                IllegalArgumentException.class, () -> ImageRequest.builder().prompt("  ").build())
            .getMessage());
    assertEquals(
        "count is 0; it must be at least 1",
        assertThrows(
                IllegalArgumentException.class,
                () -> ImageRequest.builder().prompt("x").count(0).build())
            .getMessage());
    assertEquals(
        "prompt == null",
        assertThrows(NullPointerException.class, () -> ImageRequest.builder().build())
            .getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> ImageRequest.builder().extra("x", new Object()));
  }

  @Test
  void image_urls_must_be_absolute_http() {
    assertThrows(IllegalArgumentException.class, () -> ImageInput.url("ftp://e.example/a.png"));
    assertThrows(IllegalArgumentException.class, () -> ImageInput.url("/relative.png"));
    assertThrows(
        IllegalArgumentException.class, () -> ImageInput.url("https://exa mple.com/a.png"));
  }

  @Test
  void inline_images_show_their_size_not_their_bytes() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
    assertEquals("Inline[image/png, 8 bytes]", ImageInput.bytes(png, "image/png").toString());
    assertEquals(java.util.Optional.of("image/png"), ImageInput.mediaTypeOf(png));
    assertEquals(java.util.Optional.empty(), ImageInput.mediaTypeOf(new byte[] {1, 2, 3}));
  }

  @Test
  void a_job_handle_round_trips_through_its_url_safe_token() {
    JobHandle handle =
        JobHandle.of(
            "apixo",
            "task:1&x=y%2F+",
            Instant.parse("2026-01-01T00:00:00.123Z"),
            Map.of("model", "nano-banana-2"));
    String token = handle.toToken();
    assertTrue(token.matches("nb1\\.[A-Za-z0-9_-]+"), token);
    assertEquals(handle, JobHandle.parse(token));
  }

  @Test
  void a_damaged_or_foreign_token_is_refused_clearly() {
    assertEquals(
        "not a job token: it must start with 'nb1.'",
        assertThrows(IllegalArgumentException.class, () -> JobHandle.parse("hello")).getMessage());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> JobHandle.parse("nb2.abc"))
            .getMessage()
            .contains("job token version 'nb2' is not supported"));
    assertThrows(IllegalArgumentException.class, () -> JobHandle.parse("nb1.!!!"));
    assertThrows(
        IllegalArgumentException.class, () -> JobHandle.parse("nb1.cD1hcGl4bw")); // p=apixo only
  }

  @Test
  void money_is_exact_and_an_estimate_multiplies_by_count() {
    PriceTable table =
        PriceTable.perImage(
            "m",
            Map.of(Resolution.TWO_K, Money.usd("0.08")),
            LocalDate.of(2026, 1, 1),
            "https://p");
    CostEstimate estimate = CostEstimate.from("apixo", table, Resolution.TWO_K, 3);
    assertEquals(Money.usd("0.24"), estimate.total().orElseThrow());
    assertEquals("0.24 USD (3 x 0.08 USD, apixo m 2K)", estimate.toString());
  }

  @Test
  void a_results_metadata_names_the_job_and_its_price_and_nothing_else() {
    PriceTable table =
        PriceTable.perImage(
            "m",
            Map.of(Resolution.TWO_K, Money.usd("0.08")),
            LocalDate.of(2026, 1, 1),
            "https://p");
    JobHandle handle = JobHandle.of("apixo", "task-1", Instant.parse("2026-11-30T12:00:00Z"));
    GenerationResult priced =
        new GenerationResult(
            handle,
            List.of(),
            CostEstimate.from("apixo", table, Resolution.TWO_K, 2),
            java.time.Duration.ofSeconds(3));
    assertEquals(
        List.of("provider", "taskId", "token", "estimatedCost", "currency"),
        List.copyOf(priced.metadata().keySet()));
    assertEquals("apixo", priced.metadata().get("provider"));
    assertEquals("task-1", priced.metadata().get("taskId"));
    assertEquals(handle.toToken(), priced.metadata().get("token"));
    assertEquals("0.16", priced.metadata().get("estimatedCost"));
    assertEquals("USD", priced.metadata().get("currency"));
    GenerationResult unpriced =
        new GenerationResult(
            handle,
            List.of(),
            CostEstimate.from(
                "apixo",
                PriceTable.unknown("m", LocalDate.of(2026, 1, 1), "none"),
                Resolution.ONE_K,
                1),
            java.time.Duration.ZERO);
    assertEquals(List.of("provider", "taskId", "token"), List.copyOf(unpriced.metadata().keySet()));
    assertThrows(UnsupportedOperationException.class, () -> unpriced.metadata().put("x", "y"));
  }

  @Test
  void an_unpublished_price_is_unknown_never_guessed() {
    PriceTable unknown =
        PriceTable.unknown("m", LocalDate.of(2026, 1, 1), "the vendor publishes no price");
    CostEstimate estimate = CostEstimate.from("x", unknown, Resolution.ONE_K, 1);
    assertFalse(estimate.isKnown());
    assertTrue(estimate.total().isEmpty());
    assertTrue(estimate.basis().endsWith(": the vendor publishes no price"));
    PriceTable partial =
        PriceTable.perImage(
            "m",
            Map.of(Resolution.ONE_K, Money.usd("0.05")),
            LocalDate.of(2026, 1, 1),
            "https://p");
    assertFalse(CostEstimate.from("x", partial, Resolution.FOUR_K, 1).isKnown());
  }
}
