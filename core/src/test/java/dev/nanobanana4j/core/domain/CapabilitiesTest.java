package dev.nanobanana4j.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a provider accepts, each rule at its boundary, in the words a user reads. */
class CapabilitiesTest {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};

  private static ProviderCapabilities.Builder base() {
    return base(ImageInput.Kind.URL, ImageInput.Kind.INLINE);
  }

  private static ProviderCapabilities.Builder base(ImageInput.Kind... kinds) {
    return ProviderCapabilities.builder()
        .modes(Mode.TEXT_TO_IMAGE, Mode.EDIT)
        .aspectRatios(List.of(AspectRatio.RATIO_1_1, AspectRatio.RATIO_16_9))
        .defaultAspectRatio(AspectRatio.RATIO_1_1)
        .resolutions(Resolution.ONE_K, Resolution.TWO_K)
        .defaultResolution(Resolution.ONE_K)
        .outputFormats(OutputFormat.PNG)
        .defaultOutputFormat(OutputFormat.PNG)
        .promptLength(2, 10)
        .maxReferenceImages(2)
        .referenceImageKinds(kinds)
        .maxCount(2);
  }

  private static List<String> check(ProviderCapabilities caps, ImageRequest.Builder request) {
    return caps.violations("acme", request.build());
  }

  private static ImageRequest.Builder prompt(String prompt) {
    return ImageRequest.builder().prompt(prompt);
  }

  @Test
  void reports_its_settings() {
    ProviderCapabilities caps =
        base().seed(true).negativePrompt(true).cancel(true).webhooks(true).extras("x").build();
    assertEquals(Set.of(Mode.TEXT_TO_IMAGE, Mode.EDIT), caps.modes());
    assertEquals(Set.of(AspectRatio.RATIO_1_1, AspectRatio.RATIO_16_9), caps.aspectRatios());
    assertEquals(AspectRatio.RATIO_1_1, caps.defaultAspectRatio());
    assertEquals(Set.of(Resolution.ONE_K, Resolution.TWO_K), caps.resolutions());
    assertEquals(Resolution.ONE_K, caps.defaultResolution());
    assertEquals(Set.of(OutputFormat.PNG), caps.outputFormats());
    assertEquals(OutputFormat.PNG, caps.defaultOutputFormat());
    assertEquals(2, caps.minPromptLength());
    assertEquals(10, caps.maxPromptLength());
    assertEquals(2, caps.maxReferenceImages());
    assertEquals(Set.of(ImageInput.Kind.URL, ImageInput.Kind.INLINE), caps.referenceImageKinds());
    assertEquals(2, caps.maxCount());
    assertTrue(caps.supportsSeed());
    assertTrue(caps.supportsNegativePrompt());
    assertTrue(caps.supportsCancel());
    assertTrue(caps.supportsWebhooks());
    assertEquals(Set.of("x"), caps.extras());
    assertEquals(Long.MAX_VALUE, caps.maxInlineImageBytes());
    ProviderCapabilities none = base().build();
    assertFalse(none.supportsSeed());
    assertFalse(none.supportsNegativePrompt());
    assertFalse(none.supportsCancel());
    assertFalse(none.supportsWebhooks());
    assertEquals(
        AspectRatio.RATIO_16_9,
        caps.effectiveAspectRatio(prompt("ab").aspectRatio(AspectRatio.RATIO_16_9).build()));
    assertEquals(AspectRatio.RATIO_1_1, caps.effectiveAspectRatio(prompt("ab").build()));
    assertEquals(OutputFormat.PNG, caps.effectiveOutputFormat(prompt("ab").build()));
  }

  @Test
  void prompt_length_is_checked_at_both_ends() {
    ProviderCapabilities caps = base().build();
    assertEquals(List.of(), check(caps, prompt("ab")));
    assertEquals(List.of(), check(caps, prompt("x".repeat(10))));
    assertEquals(
        List.of("prompt has 1 characters; acme accepts 2 to 10"), check(caps, prompt("a")));
    assertEquals(
        List.of("prompt has 11 characters; acme accepts 2 to 10"),
        check(caps, prompt("x".repeat(11))));
  }

  @Test
  void reference_images_are_checked_for_count_kind_and_inline_size() {
    ProviderCapabilities caps = base().maxInlineImageBytes(8).build();
    ImageInput url = ImageInput.url("https://e.example/1.png");
    assertEquals(
        List.of(), check(caps, prompt("ab").addReferenceImage(url).addReferenceImage(url)));
    assertEquals(
        List.of("3 reference images; acme accepts at most 2"),
        check(
            caps,
            prompt("ab").addReferenceImage(url).addReferenceImage(url).addReferenceImage(url)));
    assertEquals(
        List.of(), check(caps, prompt("ab").addReferenceImage(ImageInput.bytes(PNG, "image/png"))));
    assertEquals(
        List.of("reference image 2 is 9 bytes; acme accepts inline images of at most 8 bytes"),
        check(
            caps,
            prompt("ab")
                .addReferenceImage(url)
                .addReferenceImage(ImageInput.bytes(Arrays.copyOf(PNG, 9), "image/png"))));
    ProviderCapabilities urlsOnly = base(ImageInput.Kind.URL).maxInlineImageBytes(8).build();
    ProviderCapabilities inlineOnly = base(ImageInput.Kind.INLINE).build();
    assertEquals(
        List.of(
            "reference image 2 is an inline file; acme accepts only http(s) URLs (an ImageUploader"
                + " on the client uploads local files)"),
        check(
            urlsOnly,
            prompt("ab")
                .addReferenceImage(url)
                .addReferenceImage(ImageInput.bytes(Arrays.copyOf(PNG, 9), "image/png"))));
    assertEquals(
        List.of("reference image 1 is a URL; acme accepts only inline images"),
        check(inlineOnly, prompt("ab").addReferenceImage(url)));
    assertThrows(IllegalArgumentException.class, () -> base().maxInlineImageBytes(0).build());
  }

  @Test
  void an_inline_image_of_a_type_the_vendor_does_not_take_is_refused() {
    ProviderCapabilities caps =
        base().maxReferenceImages(3).inlineImageTypes("image/png", "image/jpeg").build();
    byte[] gif = {'G', 'I', 'F', '8', '9', 'a', 0, 0};
    assertEquals(
        List.of(
            "reference image 2 is image/gif; acme takes inline images of image/jpeg, image/png"),
        check(
            caps,
            prompt("ab")
                .addReferenceImage(ImageInput.bytes(new byte[] {1}, "image/png"))
                .addReferenceImage(ImageInput.bytes(gif, "image/gif"))
                .addReferenceImage(ImageInput.url("https://cdn.example/a.gif"))));
    assertEquals(
        List.of(),
        check(base().build(), prompt("ab").addReferenceImage(ImageInput.bytes(gif, "image/gif"))));
    assertEquals(java.util.Set.of("image/png", "image/jpeg"), caps.inlineImageTypes());
  }

  @Test
  void modes_are_checked_both_ways() {
    ProviderCapabilities editOnly =
        ProviderCapabilities.builder()
            .modes(Mode.EDIT)
            .aspectRatios(List.of(AspectRatio.RATIO_1_1))
            .defaultAspectRatio(AspectRatio.RATIO_1_1)
            .resolutions(Resolution.ONE_K)
            .defaultResolution(Resolution.ONE_K)
            .outputFormats(OutputFormat.PNG)
            .defaultOutputFormat(OutputFormat.PNG)
            .promptLength(1, 10)
            .maxReferenceImages(1)
            .referenceImageKinds(ImageInput.Kind.URL)
            .maxCount(1)
            .build();
    assertEquals(
        List.of("acme does not support text-to-image (requests without reference images)"),
        check(editOnly, prompt("ab")));
  }

  @Test
  void ratios_resolutions_formats_count_and_options_are_checked() {
    ProviderCapabilities caps = base().build();
    assertEquals(
        List.of(
            "aspect ratio 21:9 is not supported by acme; use one of 1:1, 16:9",
            "resolution 4K is not supported by acme; use one of 1K, 2K",
            "output format jpeg is not supported by acme; use one of png",
            "count is 3; acme generates at most 2 images per request",
            "acme does not accept a seed",
            "acme does not accept a negative prompt",
            "acme does not take a callback URL with a request",
            "extra 'x' is not known to acme, which takes none"),
        check(
            caps,
            prompt("ab")
                .aspectRatio(AspectRatio.RATIO_21_9)
                .resolution(Resolution.FOUR_K)
                .outputFormat(OutputFormat.JPEG)
                .count(3)
                .seed(7L)
                .negativePrompt("blur")
                .callbackUrl(URI.create("https://app.example/cb"))
                .extra("x", 1)));
    assertEquals(
        List.of(),
        check(
            caps,
            prompt("ab")
                .aspectRatio(AspectRatio.RATIO_16_9)
                .resolution(Resolution.TWO_K)
                .outputFormat(OutputFormat.PNG)
                .count(2)));
    assertEquals(
        List.of("count is 2; acme generates at most 1 image per request"),
        check(base().maxCount(1).build(), prompt("ab").count(2)));
    assertEquals(
        List.of("extra 'y' is not known to acme; known: x, z"),
        check(base().extras("x", "z").build(), prompt("ab").extra("y", 1)));
  }

  @Test
  void a_lenient_request_drops_what_a_provider_cannot_honour_and_says_so() {
    ProviderInfo acme =
        ProviderInfo.builder()
            .id("acme")
            .displayName("ACME")
            .defaultBaseUrl("https://api.acme.example/v1")
            .addModel(
                new ModelInfo(
                    "m",
                    base().extras("keep").build(),
                    PriceTable.unknown("m", java.time.LocalDate.of(2026, 1, 1), "none")))
            .build();
    ImageRequest strict =
        prompt("ab")
            .aspectRatio(AspectRatio.RATIO_21_9)
            .resolution(Resolution.FOUR_K)
            .outputFormat(OutputFormat.JPEG)
            .count(3)
            .seed(42L)
            .negativePrompt("blur")
            .callbackUrl(URI.create("https://app.example/cb"))
            .extra("keep", 1)
            .extra("x", 2)
            .build();
    assertEquals(RelaxedRequest.unchanged(strict), acme.relax(strict), "strict is the default");
    RelaxedRequest relaxed = acme.relax(strict.lenient());
    assertEquals(
        List.of(
            "seed",
            "negativePrompt",
            "aspectRatio",
            "resolution",
            "outputFormat",
            "callbackUrl",
            "extra:x"),
        relaxed.warnings().stream().map(RequestWarning::option).toList());
    assertEquals(
        "acme does not accept a seed; seed 42 was not sent", relaxed.warnings().get(0).message());
    assertEquals(
        "resolution 4K is not supported by acme; its default 1K is used",
        relaxed.warnings().get(3).toString());
    ImageRequest sent = relaxed.request();
    assertTrue(sent.seed().isEmpty() && sent.negativePrompt().isEmpty());
    assertTrue(sent.aspectRatio().isEmpty() && sent.resolution().isEmpty());
    assertTrue(sent.outputFormat().isEmpty() && sent.callbackUrl().isEmpty());
    assertEquals(Map.of("keep", 1), sent.extras());
    // What would change the image asked for is still refused.
    assertEquals(
        List.of("count is 3; acme generates at most 2 images per request"), acme.violations(sent));
    ImageRequest fits = prompt("ab").lenient(true).build();
    assertEquals(RelaxedRequest.unchanged(fits), acme.relax(fits));
    assertEquals(fits, fits.lenient());
    assertTrue(fits.toString().contains("lenient"), fits::toString);
    assertFalse(fits.equals(prompt("ab").build()));
  }

  @Test
  void impossible_capabilities_are_refused() {
    assertThrows(IllegalArgumentException.class, () -> base().promptLength(0, 10).build());
    assertThrows(IllegalArgumentException.class, () -> base().promptLength(5, 4).build());
    base().promptLength(1, 1).build();
    assertThrows(IllegalArgumentException.class, () -> base().maxReferenceImages(-1).build());
    assertThrows(IllegalArgumentException.class, () -> base().maxCount(0).build());
    base().maxCount(1).build();
    assertThrows(IllegalArgumentException.class, () -> base().maxReferenceImages(0).build());
  }

  @Test
  void an_image_is_told_by_its_first_bytes_at_their_shortest() {
    assertEquals(Optional.of("image/png"), ImageInput.mediaTypeOf(PNG));
    assertEquals(Optional.empty(), ImageInput.mediaTypeOf(Arrays.copyOf(PNG, 7)));
    assertEquals(
        Optional.empty(),
        ImageInput.mediaTypeOf(new byte[] {(byte) 0x89, 'P', 'N', 'X', 0, 0, 0, 0}));
    assertEquals(
        Optional.empty(),
        ImageInput.mediaTypeOf(new byte[] {(byte) 0x88, 'P', 'N', 'G', 0, 0, 0, 0}));
    assertEquals(
        Optional.of("image/jpeg"),
        ImageInput.mediaTypeOf(new byte[] {(byte) 0xff, (byte) 0xd8, 0}));
    assertEquals(Optional.empty(), ImageInput.mediaTypeOf(new byte[] {(byte) 0xff, (byte) 0xd8}));
    assertEquals(
        Optional.empty(), ImageInput.mediaTypeOf(new byte[] {(byte) 0xff, (byte) 0xd9, 0}));
    assertEquals(
        Optional.empty(), ImageInput.mediaTypeOf(new byte[] {(byte) 0xfe, (byte) 0xd8, 0}));
    byte[] webp = "RIFF0000WEBP".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertEquals(Optional.of("image/webp"), ImageInput.mediaTypeOf(webp));
    assertEquals(Optional.empty(), ImageInput.mediaTypeOf(Arrays.copyOf(webp, 11)));
    assertEquals(
        Optional.empty(),
        ImageInput.mediaTypeOf(
            "RIFF0000WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    assertEquals(
        Optional.empty(),
        ImageInput.mediaTypeOf(
            "RXFF0000WEBP".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    assertEquals(Optional.of("image/gif"), ImageInput.mediaTypeOf("GIF8".getBytes()));
    assertEquals(Optional.empty(), ImageInput.mediaTypeOf("GIF".getBytes()));
    assertEquals(Optional.empty(), ImageInput.mediaTypeOf("GIX8".getBytes()));
  }

  @Test
  void an_inline_image_keeps_its_bytes_and_type(@TempDir Path dir) throws IOException {
    Path file = Files.write(dir.resolve("a.png"), Arrays.copyOf(PNG, 20));
    ImageInput.Inline inline = ImageInput.file(file);
    assertEquals(ImageInput.Kind.INLINE, inline.kind());
    assertEquals("image/png", inline.mediaType());
    assertEquals(20, inline.size());
    assertEquals(20, inline.data().length);
    assertEquals(inline, ImageInput.bytes(Arrays.copyOf(PNG, 20), "image/png"));
    assertNotEquals(inline, ImageInput.bytes(Arrays.copyOf(PNG, 20), "image/jpeg"));
    assertNotEquals(inline, ImageInput.bytes(Arrays.copyOf(PNG, 21), "image/png"));
    assertNotEquals(inline, ImageInput.url("https://e.example/a.png"));
    Path text = Files.writeString(dir.resolve("a.txt"), "hello");
    assertThrows(IllegalArgumentException.class, () -> ImageInput.file(text));
  }

  @Test
  void a_file_larger_than_any_vendor_takes_is_refused_before_it_is_read(@TempDir Path dir)
      throws IOException {
    Path big = dir.resolve("big.png");
    try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(big.toFile(), "rw")) {
      file.setLength(ImageInput.MAX_FILE_BYTES + 1); // sparse: nothing is written
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ImageInput.file(big));
    assertTrue(e.getMessage().contains("may be at most 67108864 bytes"), e.getMessage());
  }
}
