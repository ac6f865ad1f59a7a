package dev.nanobanana4j.provider.gemini;

import static dev.nanobanana4j.core.domain.NanoBananaModels.NANO_BANANA;
import static dev.nanobanana4j.core.domain.NanoBananaModels.NANO_BANANA_2;
import static dev.nanobanana4j.core.domain.NanoBananaModels.NANO_BANANA_PRO;

import dev.nanobanana4j.core.domain.AspectRatio;
import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.domain.Mode;
import dev.nanobanana4j.core.domain.ModelInfo;
import dev.nanobanana4j.core.domain.Money;
import dev.nanobanana4j.core.domain.NanoBananaModels;
import dev.nanobanana4j.core.domain.OutputFormat;
import dev.nanobanana4j.core.domain.PriceTable;
import dev.nanobanana4j.core.domain.ProviderCapabilities;
import dev.nanobanana4j.core.domain.ProviderInfo;
import dev.nanobanana4j.core.domain.Resolution;
import dev.nanobanana4j.core.port.ImageProvider;
import dev.nanobanana4j.core.port.ProviderConfig;
import dev.nanobanana4j.provider.gemini.internal.mapper.GeminiMapper;
import dev.nanobanana4j.spi.HttpProviderFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;

/**
 * The Gemini provider ({@code gemini}): Google's own Gemini API at {@code
 * https://generativelanguage.googleapis.com/v1beta}. It sells Nano Banana ({@code
 * gemini-2.5-flash-image}, the default; 1K only), Nano Banana 2 ({@code
 * gemini-3.1-flash-image-preview}; 512 to 4K, fourteen aspect ratios) and Nano Banana Pro ({@code
 * gemini-3-pro-image-preview}; 1K to 4K). Reference images travel inline (PNG, JPEG, WebP), as
 * Google takes no image URLs. The extra {@code model_id} sends another Google model id, for a model
 * Google renames (a preview reaching general availability, say).
 *
 * <p>Google answers each call with its image: the job ends with its submission. Prices are Google's
 * list prices per output image (image output tokens times their rate); input tokens are billed
 * apart and are not in the estimate.
 */
public final class GeminiProviderFactory extends HttpProviderFactory {
  /** The provider id. */
  public static final String ID = "gemini";

  private static final LocalDate CHECKED = LocalDate.of(2026, 11, 30);

  private static final String PRICES =
      "https://ai.google.dev/gemini-api/docs/pricing (image output tokens per image times the"
          + " output image token rate)";

  /** The image types Google's inline data takes that this library can recognise. */
  private static final String[] INLINE_TYPES = {"image/png", "image/jpeg", "image/webp"};

  /** Inline data is limited to 20 MB a request by Google; each image is held to that. */
  private static final long MAX_INLINE_IMAGE = 20L * 1000 * 1000;

  /**
   * The longest prompt accepted: Google bounds input in tokens (32,768 for 2.5 Flash Image), not
   * characters; this bound is the token limit read as characters, which no prompt of that many
   * tokens is shorter than (inferred).
   */
  private static final int MAX_PROMPT = 32_768;

  /**
   * Google's own models, as {@link NanoBananaModels#capabilities()} describes them, but with
   * reference images inline only: Google takes no image URLs.
   */
  private static ProviderCapabilities.Builder capabilities() {
    return ProviderCapabilities.builder()
        .modes(Mode.TEXT_TO_IMAGE, Mode.EDIT)
        .maxReferenceImages(14)
        .defaultAspectRatio(AspectRatio.RATIO_1_1)
        .defaultResolution(Resolution.ONE_K)
        .outputFormats(OutputFormat.PNG)
        .defaultOutputFormat(OutputFormat.PNG)
        .promptLength(1, MAX_PROMPT)
        .referenceImageKinds(ImageInput.Kind.INLINE)
        .inlineImageTypes(INLINE_TYPES)
        .maxInlineImageBytes(MAX_INLINE_IMAGE)
        .extras(GeminiMapper.MODEL_ID);
  }

  private static final ProviderInfo INFO =
      ProviderInfo.builder()
          .id(ID)
          .displayName("Google Gemini API")
          .defaultBaseUrl("https://generativelanguage.googleapis.com/v1beta")
          // Nano Banana: 1K only and ten aspect ratios; Google's guide says it "works best with up
          // to 3 images" as input, taken as the limit.
          .addModel(
              new ModelInfo(
                  NANO_BANANA,
                  capabilities()
                      .maxReferenceImages(3)
                      .aspectRatios(NanoBananaModels.TEN_ASPECT_RATIOS)
                      .resolutions(Resolution.ONE_K)
                      .build(),
                  prices(NANO_BANANA, Map.of(Resolution.ONE_K, "0.039"))))
          .addModel(
              new ModelInfo(
                      NANO_BANANA_2,
                      capabilities()
                          .aspectRatios(EnumSet.complementOf(EnumSet.of(AspectRatio.AUTO)))
                          .resolutions(
                              Resolution.HALF_K,
                              Resolution.ONE_K,
                              Resolution.TWO_K,
                              Resolution.FOUR_K)
                          .build(),
                      prices(
                          NANO_BANANA_2,
                          Map.of(
                              Resolution.HALF_K, "0.045",
                              Resolution.ONE_K, "0.067",
                              Resolution.TWO_K, "0.101",
                              Resolution.FOUR_K, "0.151")))
                  // Google sells it as a preview model.
                  .asBeta())
          .addModel(
              new ModelInfo(
                      NANO_BANANA_PRO,
                      capabilities()
                          .aspectRatios(NanoBananaModels.TEN_ASPECT_RATIOS)
                          .resolutions(Resolution.ONE_K, Resolution.TWO_K, Resolution.FOUR_K)
                          .build(),
                      prices(
                          NANO_BANANA_PRO,
                          Map.of(
                              Resolution.ONE_K, "0.134",
                              Resolution.TWO_K, "0.134",
                              Resolution.FOUR_K, "0.24")))
                  .asBeta())
          // The answer carries the image: the first poll, at once, finds the job ended.
          .pollingGuidance(Duration.ZERO, Duration.ofSeconds(1))
          .build();

  private static PriceTable prices(String model, Map<Resolution, String> usd) {
    Map<Resolution, Money> table = new java.util.EnumMap<>(Resolution.class);
    usd.forEach((resolution, amount) -> table.put(resolution, Money.usd(amount)));
    return PriceTable.perImage(model, table, CHECKED, PRICES);
  }

  /** Made by {@link java.util.ServiceLoader}. */
  public GeminiProviderFactory() {
    super(INFO);
  }

  @Override
  protected ImageProvider create(ProviderInfo info, ProviderConfig config, Clock clock) {
    return new GeminiProvider(info, config, clock);
  }
}
