package dev.nanobanana4j.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One resolved request: what is sent and what is priced come from the same values. */
class ResolvedRequestTest {
  private static final ModelInfo MODEL =
      new ModelInfo(
          "nano-banana-2",
          ProviderCapabilities.builder()
              .modes(Mode.TEXT_TO_IMAGE, Mode.EDIT)
              .promptLength(1, 100)
              .maxReferenceImages(2)
              .referenceImageKinds(ImageInput.Kind.URL)
              .aspectRatios(EnumSet.of(AspectRatio.RATIO_1_1, AspectRatio.RATIO_16_9))
              .defaultAspectRatio(AspectRatio.RATIO_1_1)
              .resolutions(Resolution.ONE_K, Resolution.TWO_K)
              .defaultResolution(Resolution.TWO_K)
              .outputFormats(OutputFormat.PNG, OutputFormat.JPEG)
              .defaultOutputFormat(OutputFormat.JPEG)
              .maxCount(2)
              .build(),
          PriceTable.perImage(
              "nano-banana-2",
              Map.of(Resolution.ONE_K, Money.usd("0.04"), Resolution.TWO_K, Money.usd("0.08")),
              LocalDate.of(2026, 11, 1),
              "https://example/pricing"));

  @Test
  void options_left_out_take_the_models_defaults_and_the_price_follows_them() {
    ImageRequest request = ImageRequest.builder().prompt("a fox").count(2).build();
    ResolvedRequest resolved = MODEL.resolve(request);
    assertEquals("nano-banana-2", resolved.model());
    assertEquals(Resolution.TWO_K, resolved.resolution());
    assertEquals(OutputFormat.JPEG, resolved.outputFormat());
    assertEquals(Optional.empty(), resolved.aspectRatio(), "left to the vendor's own default");
    assertEquals(AspectRatio.RATIO_1_1, resolved.aspectRatioOrDefault());
    CostEstimate estimate = MODEL.estimate("apixo", request, MODEL.prices());
    assertEquals(resolved.resolution(), estimate.resolution());
    assertEquals(Money.usd("0.16"), estimate.total().orElseThrow());
  }

  @Test
  void options_given_are_kept_and_the_rest_read_through() {
    ImageRequest request =
        ImageRequest.builder()
            .prompt("make it night")
            .addReferenceImage(ImageInput.url("https://example.com/a.png"))
            .aspectRatio(AspectRatio.RATIO_16_9)
            .resolution(Resolution.ONE_K)
            .outputFormat(OutputFormat.PNG)
            .seed(7L)
            .negativePrompt("blur")
            .build();
    ResolvedRequest resolved = MODEL.resolve(request);
    assertEquals(Resolution.ONE_K, resolved.resolution());
    assertEquals(OutputFormat.PNG, resolved.outputFormat());
    assertEquals(Optional.of(AspectRatio.RATIO_16_9), resolved.aspectRatio());
    assertEquals(AspectRatio.RATIO_16_9, resolved.aspectRatioOrDefault());
    assertEquals(Mode.EDIT, resolved.mode());
    assertEquals("make it night", resolved.prompt());
    assertEquals(request.referenceImages(), resolved.referenceImages());
    assertEquals(1, resolved.count());
    assertEquals(7L, resolved.seed().getAsLong());
    assertEquals(Optional.of("blur"), resolved.negativePrompt());
    assertTrue(resolved.extras().isEmpty());
    assertTrue(resolved.callbackUrl().isEmpty());
  }
}
