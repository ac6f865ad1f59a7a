package dev.nanobanana4j.provider.modellix;

import static dev.nanobanana4j.core.domain.NanoBananaModels.NANO_BANANA;
import static dev.nanobanana4j.core.domain.NanoBananaModels.NANO_BANANA_2;
import static dev.nanobanana4j.core.domain.NanoBananaModels.NANO_BANANA_PRO;

import dev.nanobanana4j.core.domain.AspectRatio;
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
 * The Modellix provider ({@code modellix}): Nano Banana 2 (default) and Nano Banana Pro, text to
 * image and edit, and Nano Banana and Nano Banana 2 Lite ({@code nano-banana-2-lite}), text to
 * image, through {@code https://api.modellix.ai/api/v1}. Reference images are 1–14 public URLs.
 * Modellix publishes no per-image price, so estimates are unknown.
 */
public final class ModellixProviderFactory extends HttpProviderFactory {
  /** The provider id. */
  public static final String ID = "modellix";

  /** Modellix's lighter Nano Banana 2, {@code google/nano-banana-2-lite}. */
  public static final String NANO_BANANA_2_LITE = "nano-banana-2-lite";

  private static final LocalDate CHECKED = LocalDate.of(2026, 11, 21);

  private static final ProviderInfo INFO =
      ProviderInfo.builder()
          .id(ID)
          .displayName("Modellix")
          .defaultBaseUrl("https://api.modellix.ai/api/v1")
          .addModel(
              new ModelInfo(
                  NANO_BANANA_2,
                  capabilities(
                      Resolution.HALF_K, Resolution.ONE_K, Resolution.TWO_K, Resolution.FOUR_K),
                  unknownPrice(NANO_BANANA_2)))
          // Only Nano Banana 2's pages list sizes; the Pro model is given the tiers Google sells
          // it in (1K, 2K, 4K). Inferred, not documented by Modellix.
          .addModel(
              new ModelInfo(
                  NANO_BANANA_PRO,
                  capabilities(Resolution.ONE_K, Resolution.TWO_K, Resolution.FOUR_K),
                  unknownPrice(NANO_BANANA_PRO)))
          // Nano Banana (google/nano-banana) and Nano Banana 2 Lite (google/nano-banana-2-lite, in
          // Modellix's agent playbook) have text-to-image endpoints alone. Their pages give no
          // sizes
          // or ratios: Google's 1K and ratios for Nano Banana, Nano Banana 2's ratios for Lite,
          // and no imageSize sent for either (inferred).
          .addModel(
              new ModelInfo(
                  NANO_BANANA,
                  textToImageOnly(NanoBananaModels.TEN_ASPECT_RATIOS),
                  unknownPrice(NANO_BANANA)))
          .addModel(
              new ModelInfo(
                  NANO_BANANA_2_LITE,
                  textToImageOnly(EnumSet.complementOf(EnumSet.of(AspectRatio.AUTO))),
                  unknownPrice(NANO_BANANA_2_LITE)))
          // Results expire after 24 hours (its docs and agent skill; a newer playbook says 7 days:
          // the shorter is kept, so that an image is never said to last longer than it does).
          .pollingGuidance(Duration.ofSeconds(5), Duration.ofSeconds(5))
          .resultLifetime(Duration.ofHours(24))
          .build();

  private static ProviderCapabilities capabilities(Resolution... resolutions) {
    return NanoBananaModels.capabilities()
        // The documented 14 ratios; Modellix lists no "auto", and its default is 1:1.
        .aspectRatios(EnumSet.complementOf(EnumSet.of(AspectRatio.AUTO)))
        .resolutions(resolutions)
        // Modellix takes no output format; it returns PNG, the preset's only one.
        .maxCount(1)
        .build();
  }

  /** A model Modellix sells for text to image alone, at 1K, 1:1 unless asked. */
  private static ProviderCapabilities textToImageOnly(java.util.Set<AspectRatio> ratios) {
    return ProviderCapabilities.builder()
        .modes(Mode.TEXT_TO_IMAGE)
        .maxReferenceImages(0)
        .aspectRatios(ratios)
        .defaultAspectRatio(AspectRatio.RATIO_1_1)
        .resolutions(Resolution.ONE_K)
        .defaultResolution(Resolution.ONE_K)
        .outputFormats(OutputFormat.PNG)
        .defaultOutputFormat(OutputFormat.PNG)
        .maxCount(1)
        .build();
  }

  private static PriceTable unknownPrice(String model) {
    return PriceTable.unknown(
        model, CHECKED, "Modellix publishes no per-image price; it bills per task");
  }

  /** Made by {@link java.util.ServiceLoader}. */
  public ModellixProviderFactory() {
    super(INFO);
  }

  @Override
  protected ImageProvider create(ProviderInfo info, ProviderConfig config, Clock clock) {
    return new ModellixProvider(info, config, clock);
  }
}
