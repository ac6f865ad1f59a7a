package dev.nanobanana4j.provider.modelslab;

import static dev.nanobanana4j.core.domain.NanoBananaModels.NANO_BANANA;

import dev.nanobanana4j.core.domain.AspectRatio;
import dev.nanobanana4j.core.domain.ModelInfo;
import dev.nanobanana4j.core.domain.NanoBananaModels;
import dev.nanobanana4j.core.domain.PriceTable;
import dev.nanobanana4j.core.domain.ProviderInfo;
import dev.nanobanana4j.core.domain.Resolution;
import dev.nanobanana4j.core.port.ImageProvider;
import dev.nanobanana4j.core.port.ProviderConfig;
import dev.nanobanana4j.provider.modelslab.internal.mapper.ModelsLabMapper;
import dev.nanobanana4j.spi.HttpProviderFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;

/**
 * The ModelsLab provider ({@code modelslab}): the enterprise Nano Banana server at {@code
 * https://modelslab.com/api/v1}. Sizes are width and height from 1024 to 2048 (divisible by 32),
 * derived from the aspect ratio and resolution (1K puts the short side at 1024, 2K the long side at
 * 2048); a ratio that cannot fit is refused before sending. 1–4 samples, seed and negative prompt.
 * Extras: {@code base64} (images returned as bytes), {@code watermark}, {@code
 * keep_original_aspect}. Enterprise is a server subscription, so per-image prices are unknown.
 */
public final class ModelsLabProviderFactory extends HttpProviderFactory {
  /** The provider id. */
  public static final String ID = "modelslab";

  private static final ProviderInfo INFO =
      ProviderInfo.builder()
          .id(ID)
          .displayName("ModelsLab")
          .defaultBaseUrl("https://modelslab.com/api/v1")
          .addModel(
              new ModelInfo(
                  NANO_BANANA,
                  NanoBananaModels.capabilities()
                      // multi_ref documents no upper bound; the preset's 14, Google's own, is
                      // assumed.
                      .aspectRatios(EnumSet.allOf(AspectRatio.class))
                      .defaultAspectRatio(AspectRatio.AUTO)
                      .resolutions(Resolution.ONE_K, Resolution.TWO_K)
                      .defaultResolution(Resolution.TWO_K)
                      .maxCount(4)
                      .seed(true)
                      .negativePrompt(true)
                      // The img2img page's other fields, as extras: noise scales, temp, a
                      // track_id of the caller's, and an explicit width and height.
                      .extras(ModelsLabMapper.EXTRAS)
                      // "webhook" and "track_id" in the request (docs-v2 webhooks.mdx)
                      .webhooks(true)
                      .build(),
                  PriceTable.unknown(
                      NANO_BANANA,
                      LocalDate.of(2026, 11, 21),
                      "ModelsLab sells the enterprise Nano Banana server as a subscription, not per image")))
          .pollingGuidance(Duration.ofSeconds(5), Duration.ofSeconds(5))
          // "Images generated without s3 details being added will be delete after 24hours" (the
          // img2img page); this client sends no s3 details.
          .resultLifetime(Duration.ofHours(24))
          .build();

  /** Made by {@link java.util.ServiceLoader}. */
  public ModelsLabProviderFactory() {
    super(INFO);
  }

  @Override
  protected ImageProvider create(ProviderInfo info, ProviderConfig config, Clock clock) {
    return new ModelsLabProvider(info, config, clock);
  }
}
