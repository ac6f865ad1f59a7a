package dev.nanobanana4j.provider.apixo;

import static dev.nanobanana4j.core.domain.NanoBananaModels.NANO_BANANA;
import static dev.nanobanana4j.core.domain.NanoBananaModels.NANO_BANANA_2;

import dev.nanobanana4j.core.domain.AspectRatio;
import dev.nanobanana4j.core.domain.ModelInfo;
import dev.nanobanana4j.core.domain.Money;
import dev.nanobanana4j.core.domain.NanoBananaModels;
import dev.nanobanana4j.core.domain.OutputFormat;
import dev.nanobanana4j.core.domain.PriceTable;
import dev.nanobanana4j.core.domain.ProviderInfo;
import dev.nanobanana4j.core.domain.Resolution;
import dev.nanobanana4j.core.port.ImageProvider;
import dev.nanobanana4j.core.port.ProviderConfig;
import dev.nanobanana4j.provider.apixo.internal.mapper.ApixoMapper;
import dev.nanobanana4j.spi.HttpProviderFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;

/**
 * The APIXO provider ({@code apixo}): Nano Banana 2 (default) and Nano Banana, text-to-image and
 * image-to-image, through {@code https://api.apixo.ai/api/v1}. Found by {@link
 * java.util.ServiceLoader}; applications use it by id:
 *
 * <pre>{@code
 * NanoBananaClient.builder()
 *     .provider("apixo", ProviderConfig.builder().apiKey(System.getenv("APIXO_API_KEY")).build())
 *     .build();
 * }</pre>
 *
 * <p>Reference images must be public URLs (up to 14). The extra {@code google_search} (boolean) is
 * passed to the vendor.
 */
public final class ApixoProviderFactory extends HttpProviderFactory {
  /** The provider id. */
  public static final String ID = "apixo";

  private static final ProviderInfo INFO =
      ProviderInfo.builder()
          .id(ID)
          .displayName("APIXO")
          .defaultBaseUrl("https://api.apixo.ai/api/v1")
          .addModel(
              new ModelInfo(
                  NANO_BANANA_2,
                  NanoBananaModels.capabilities()
                      .promptLength(1, 20_000)
                      .aspectRatios(EnumSet.allOf(AspectRatio.class))
                      .defaultAspectRatio(AspectRatio.AUTO)
                      .resolutions(Resolution.ONE_K, Resolution.TWO_K, Resolution.FOUR_K)
                      .outputFormats(OutputFormat.PNG, OutputFormat.JPEG)
                      .maxCount(1)
                      .extras("google_search")
                      // request_type "callback" with a callback_url
                      // (apixo.ai/docs/api-reference/webhooks)
                      .webhooks(true)
                      .build(),
                  PriceTable.perImage(
                      NANO_BANANA_2,
                      Map.of(
                          Resolution.ONE_K, Money.usd("0.05"),
                          Resolution.TWO_K, Money.usd("0.08"),
                          Resolution.FOUR_K, Money.usd("0.12")),
                      LocalDate.of(2026, 11, 21),
                      "https://apixo.ai/docs/models/image/nano-banana-2")))
          // Nano Banana (apixo.ai/docs/models/image/nano-banana): $0.03 an image, the same task API
          // at generateTask/nano-banana. Its page as summarised gives no ratio, size or image
          // limits: Google's ten ratios (and auto, as Nano Banana 2 takes), 1K, and three reference
          // images (Google's advice for the model) are assumed (inferred).
          .addModel(
              new ModelInfo(
                  NANO_BANANA,
                  NanoBananaModels.capabilities()
                      .promptLength(1, 20_000)
                      .maxReferenceImages(3)
                      .aspectRatios(NanoBananaModels.TEN_ASPECT_RATIOS)
                      .aspectRatios(EnumSet.of(AspectRatio.AUTO))
                      .defaultAspectRatio(AspectRatio.AUTO)
                      .resolutions(Resolution.ONE_K)
                      .outputFormats(OutputFormat.PNG, OutputFormat.JPEG)
                      .maxCount(1)
                      .webhooks(true)
                      .build(),
                  PriceTable.perImage(
                      NANO_BANANA,
                      Map.of(Resolution.ONE_K, Money.usd("0.03")),
                      LocalDate.of(2026, 11, 30),
                      "https://apixo.ai/docs/models/image/nano-banana")))
          // "Wait 10s-20s after task creation before the first status request; poll every 10s."
          .pollingGuidance(Duration.ofSeconds(10), Duration.ofSeconds(10))
          // "Result URLs are available for 15 days by default" (the Nano Banana 2 page).
          .resultLifetime(ApixoMapper.RESULT_LIFETIME)
          .build();

  /** Made by {@link java.util.ServiceLoader}. */
  public ApixoProviderFactory() {
    super(INFO);
  }

  @Override
  protected ImageProvider create(ProviderInfo info, ProviderConfig config, Clock clock) {
    return new ApixoProvider(info, config, clock);
  }
}
