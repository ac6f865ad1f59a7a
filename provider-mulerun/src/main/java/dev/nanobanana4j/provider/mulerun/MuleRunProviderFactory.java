package dev.nanobanana4j.provider.mulerun;

import static dev.nanobanana4j.core.domain.NanoBananaModels.NANO_BANANA;
import static dev.nanobanana4j.core.domain.NanoBananaModels.NANO_BANANA_2;
import static dev.nanobanana4j.core.domain.NanoBananaModels.NANO_BANANA_PRO;

import dev.nanobanana4j.core.domain.AspectRatio;
import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.domain.Mode;
import dev.nanobanana4j.core.domain.ModelInfo;
import dev.nanobanana4j.core.domain.NanoBananaModels;
import dev.nanobanana4j.core.domain.OutputFormat;
import dev.nanobanana4j.core.domain.PriceTable;
import dev.nanobanana4j.core.domain.ProviderCapabilities;
import dev.nanobanana4j.core.domain.ProviderInfo;
import dev.nanobanana4j.core.domain.Resolution;
import dev.nanobanana4j.core.port.ImageProvider;
import dev.nanobanana4j.core.port.ProviderConfig;
import dev.nanobanana4j.spi.HttpProviderFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;

/**
 * The MuleRun provider ({@code mulerun}): Nano Banana 2 (default) and Nano Banana Pro (beta at
 * MuleRun), text to image and edit, through {@code https://api.mulerun.com}. Reference images may
 * be URLs or local files (sent as base64 data URIs). The extra {@code web_search} (boolean) is
 * passed to Nano Banana 2. MuleRun publishes no prices, so estimates are unknown.
 */
public final class MuleRunProviderFactory extends HttpProviderFactory {
  /** MuleRun's limit on one inline (base64) image: 20 MB. */
  private static final long MAX_INLINE_IMAGE = 20L * 1000 * 1000;

  /** The inline image types MuleRun's NB2 page lists: JPEG/JPG, PNG, BMP and WEBP (no GIF). */
  private static final String[] INLINE_TYPES = {
    "image/jpeg", "image/png", "image/bmp", "image/webp"
  };

  /** The provider id. */
  public static final String ID = "mulerun";

  private static final LocalDate CHECKED = LocalDate.of(2026, 11, 21);

  private static final ProviderInfo INFO =
      ProviderInfo.builder()
          .id(ID)
          .displayName("MuleRun")
          .defaultBaseUrl("https://api.mulerun.com")
          .addModel(
              new ModelInfo(
                  NANO_BANANA_2,
                  NanoBananaModels.capabilities()
                      .referenceImageKinds(ImageInput.Kind.URL, ImageInput.Kind.INLINE)
                      // "≤20 MB each", the NB2 page says of its images, "JPEG/JPG/PNG/BMP/WEBP".
                      .maxInlineImageBytes(MAX_INLINE_IMAGE)
                      .inlineImageTypes(INLINE_TYPES)
                      .aspectRatios(EnumSet.complementOf(EnumSet.of(AspectRatio.AUTO)))
                      .resolutions(Resolution.ONE_K, Resolution.TWO_K, Resolution.FOUR_K)
                      .extras("web_search")
                      .build(),
                  unknownPrice(NANO_BANANA_2)))
          // The Pro edit page: images "minimum 1, maximum 14" in prose but "1 - 10 elements" as the
          // constraint (the constraint is taken), ten aspect ratios, resolutions 1K and 2K with 2K
          // the default. Its text-to-image endpoint is assumed to share them (inferred).
          .addModel(
              new ModelInfo(
                      NANO_BANANA_PRO,
                      NanoBananaModels.capabilities()
                          .maxReferenceImages(10)
                          .referenceImageKinds(ImageInput.Kind.URL, ImageInput.Kind.INLINE)
                          // The Pro page states no size or types; NB2's are assumed (inferred).
                          .maxInlineImageBytes(MAX_INLINE_IMAGE)
                          .inlineImageTypes(INLINE_TYPES)
                          .aspectRatios(NanoBananaModels.TEN_ASPECT_RATIOS)
                          .resolutions(Resolution.ONE_K, Resolution.TWO_K)
                          .defaultResolution(Resolution.TWO_K)
                          .build(),
                      unknownPrice(NANO_BANANA_PRO))
                  // "Beta: This model is currently in public testing. Not everyone has access, and
                  // API
                  // requests may also be unstable."
                  .asBeta())
          // Nano Banana (v1): /vendors/google/v1/nano-banana/generation and /edit. Its generation
          // page names the prompt alone: no aspect ratio or resolution is sent (the vendor's own
          // 1K). Its edit endpoint is assumed to take images as Nano Banana 2's does, at most
          // three (Google's advice for the model) (inferred).
          .addModel(
              new ModelInfo(
                  NANO_BANANA,
                  ProviderCapabilities.builder()
                      .modes(Mode.TEXT_TO_IMAGE, Mode.EDIT)
                      .maxReferenceImages(3)
                      .referenceImageKinds(ImageInput.Kind.URL, ImageInput.Kind.INLINE)
                      .maxInlineImageBytes(MAX_INLINE_IMAGE)
                      .inlineImageTypes(INLINE_TYPES)
                      .aspectRatios(EnumSet.of(AspectRatio.AUTO))
                      .defaultAspectRatio(AspectRatio.AUTO)
                      .resolutions(Resolution.ONE_K)
                      .defaultResolution(Resolution.ONE_K)
                      .outputFormats(OutputFormat.PNG)
                      .defaultOutputFormat(OutputFormat.PNG)
                      .build(),
                  unknownPrice(NANO_BANANA)))
          .pollingGuidance(Duration.ofSeconds(5), Duration.ofSeconds(5))
          .build();

  private static PriceTable unknownPrice(String model) {
    return PriceTable.unknown(model, CHECKED, "MuleRun publishes no price for Nano Banana");
  }

  /** Made by {@link java.util.ServiceLoader}. */
  public MuleRunProviderFactory() {
    super(INFO);
  }

  @Override
  protected ImageProvider create(ProviderInfo info, ProviderConfig config, Clock clock) {
    return new MuleRunProvider(info, config, clock);
  }
}
