package dev.nanobanana4j.provider.seaart;

import static dev.nanobanana4j.core.domain.NanoBananaModels.NANO_BANANA_2;
import static dev.nanobanana4j.core.domain.NanoBananaModels.NANO_BANANA_PRO;

import dev.nanobanana4j.core.domain.AspectRatio;
import dev.nanobanana4j.core.domain.ModelInfo;
import dev.nanobanana4j.core.domain.NanoBananaModels;
import dev.nanobanana4j.core.domain.PriceTable;
import dev.nanobanana4j.core.domain.ProviderInfo;
import dev.nanobanana4j.core.domain.Resolution;
import dev.nanobanana4j.core.port.ImageProvider;
import dev.nanobanana4j.core.port.ProviderConfig;
import dev.nanobanana4j.provider.seaart.internal.mapper.SeaArtMapper;
import dev.nanobanana4j.spi.HttpProviderFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;

/**
 * The SeaArt provider ({@code seaart}): Nano Banana 2 (default) and Nano Banana Pro through
 * SeaArt's fal-style queue at {@code https://cloud.seaart.ai/model}. Nano Banana 2 takes prompts of
 * 1–2500 characters and up to 3 reference URLs; jobs can be cancelled. SeaArt's prices live on its
 * model pages only, so estimates are unknown.
 */
public final class SeaArtProviderFactory extends HttpProviderFactory {
  /** The provider id. */
  public static final String ID = "seaart";

  private static final LocalDate CHECKED = LocalDate.of(2026, 11, 21);

  private static final ProviderInfo INFO =
      ProviderInfo.builder()
          .id(ID)
          .displayName("SeaArt")
          .defaultBaseUrl("https://cloud.seaart.ai/model")
          .addModel(
              new ModelInfo(
                  NANO_BANANA_2,
                  NanoBananaModels.capabilities()
                      .promptLength(1, 2500)
                      .maxReferenceImages(3)
                      .aspectRatios(EnumSet.complementOf(EnumSet.of(AspectRatio.AUTO)))
                      .resolutions(
                          Resolution.HALF_K, Resolution.ONE_K, Resolution.TWO_K, Resolution.FOUR_K)
                      // ["Text", "Image"] by default; ["Image"] returns only images.
                      .extras(SeaArtMapper.RESPONSE_MODALITIES)
                      .cancel(true)
                      .build(),
                  unknownPrice(NANO_BANANA_2)))
          // Pro: up to 14 image URLs, ten aspect ratios, image_size 1K/2K/4K. Its prompt limit is
          // not documented; Nano Banana 2's is kept (inferred).
          .addModel(
              new ModelInfo(
                  NANO_BANANA_PRO,
                  NanoBananaModels.capabilities()
                      .promptLength(1, 2500)
                      .aspectRatios(NanoBananaModels.TEN_ASPECT_RATIOS)
                      .resolutions(Resolution.ONE_K, Resolution.TWO_K, Resolution.FOUR_K)
                      .cancel(true)
                      .build(),
                  unknownPrice(NANO_BANANA_PRO)))
          .pollingGuidance(Duration.ofSeconds(3), Duration.ofSeconds(3))
          .build();

  private static PriceTable unknownPrice(String model) {
    return PriceTable.unknown(
        model, CHECKED, "SeaArt publishes its per-image price only on its model page");
  }

  /** Made by {@link java.util.ServiceLoader}. */
  public SeaArtProviderFactory() {
    super(INFO);
  }

  @Override
  protected ImageProvider create(ProviderInfo info, ProviderConfig config, Clock clock) {
    return new SeaArtProvider(info, config, clock);
  }
}
