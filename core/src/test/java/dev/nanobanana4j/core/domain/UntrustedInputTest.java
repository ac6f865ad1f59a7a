package dev.nanobanana4j.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.port.ProviderConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a user types or a vendor sends is checked where it enters, with words to act on. */
class UntrustedInputTest {
  private static String token(String payload) {
    return "nb1."
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(payload.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void a_token_whose_submission_time_is_out_of_range_is_refused() {
    for (String millis : List.of("-1", "-16000000000000", "7258118400000", "9223372036854775807")) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> JobHandle.parse(token("p=apixo&t=task-1&s=" + millis)));
      assertEquals(
          "job token is damaged: its submission time is outside 1970 to 2200", e.getMessage());
    }
    assertEquals(
        Instant.ofEpochMilli(7258118399999L),
        JobHandle.parse(token("p=apixo&t=task-1&s=7258118399999")).submittedAt());
    assertEquals(Instant.EPOCH, JobHandle.parse(token("p=apixo&t=task-1&s=0")).submittedAt());
  }

  @Test
  void a_task_id_that_cannot_be_a_path_segment_is_refused() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    for (String id :
        List.of("..", ".", "a/b", "a\\b", "a b", "a\nb", "a\u0000b", "x".repeat(257))) {
      assertThrows(IllegalArgumentException.class, () -> JobHandle.of("apixo", id, now), id);
      assertThrows(
          IllegalArgumentException.class,
          () ->
              JobHandle.parse(
                  token("p=apixo&t=" + java.net.URLEncoder.encode(id, "UTF-8") + "&s=1")),
          id);
    }
    assertEquals("x".repeat(256), JobHandle.of("apixo", "x".repeat(256), now).taskId());
    assertEquals("a..b", JobHandle.of("apixo", "a..b", now).taskId());
  }

  @Test
  void a_token_too_long_to_be_ours_is_refused_before_it_is_decoded() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> JobHandle.parse("nb1." + "A".repeat(9000)));
    assertTrue(e.getMessage().startsWith("not a job token: it is 9004 characters long"));
  }

  @Test
  void an_api_key_with_a_control_space_or_non_ascii_character_is_refused_without_showing_it() {
    for (String key :
        List.of(
            "sk-abc\n", "sk-abc\r\n", "sk ab", "sk-ab\u00e9", "sk-\u0000ab", "\"sk-ab\"x\u2019")) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> ProviderConfig.builder().apiKey(key).build(),
              key);
      assertFalse(e.getMessage().contains("sk-ab"), e.getMessage());
      assertTrue(e.getMessage().contains("API keys are printable ASCII"), e.getMessage());
    }
    assertEquals(
        "the API key has a control character at position 7 of 7; API keys are printable ASCII (was a"
            + " newline or a quote copied with it?)",
        assertThrows(
                IllegalArgumentException.class,
                () -> ProviderConfig.builder().apiKey("sk-abc\n").build())
            .getMessage());
    ProviderConfig.builder().apiKey("sk-AZaz09_-.~+/=").build();
  }

  @Test
  void an_estimate_beyond_a_day_is_read_as_a_day() {
    assertEquals(
        Duration.ofDays(1),
        JobStatus.Running.endingIn(Duration.ofSeconds(Long.MAX_VALUE)).estimatedRemaining().get());
    assertEquals(
        Duration.ofHours(23),
        JobStatus.Running.endingIn(Duration.ofHours(23)).estimatedRemaining().get());
  }

  @Test
  void a_vendors_overlong_answer_is_cut_to_what_is_kept() {
    java.util.List<GeneratedImage> many = new java.util.ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      many.add(
          GeneratedImage.ofUrl(java.net.URI.create("https://cdn.example/" + i + ".png"), null));
    }
    JobStatus.Succeeded succeeded = new JobStatus.Succeeded(many);
    org.junit.jupiter.api.Assertions.assertEquals(
        JobStatus.Succeeded.MAX_IMAGES, succeeded.images().size());
    org.junit.jupiter.api.Assertions.assertEquals(many.get(0), succeeded.images().get(0));
    JobStatus.Failed failed =
        new JobStatus.Failed(
            FailureReason.UNKNOWN, java.util.Optional.of("C".repeat(500)), "x".repeat(25_000));
    org.junit.jupiter.api.Assertions.assertEquals(
        JobStatus.Failed.MAX_MESSAGE, failed.message().length());
    org.junit.jupiter.api.Assertions.assertTrue(failed.message().endsWith("…"));
    org.junit.jupiter.api.Assertions.assertEquals(
        JobStatus.Failed.MAX_CODE, failed.vendorCode().orElseThrow().length());
    org.junit.jupiter.api.Assertions.assertEquals(
        "short",
        new JobStatus.Failed(FailureReason.UNKNOWN, java.util.Optional.empty(), "short").message());
  }

  @Test
  void inline_references_beyond_what_one_request_holds_are_refused() {
    byte[] big = new byte[25 * 1024 * 1024];
    ImageRequest.Builder builder =
        ImageRequest.builder()
            .prompt("merge")
            .addReferenceImage(ImageInput.bytes(big, "image/png"))
            .addReferenceImage(ImageInput.bytes(big, "image/png"));
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> builder.addReferenceImage(ImageInput.bytes(big, "image/png")));
    assertTrue(refused.getMessage().contains("bytes in all"), refused.getMessage());
    builder.addReferenceImage(ImageInput.url("https://cdn.example/a.png"));
  }
}
