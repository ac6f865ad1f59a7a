package ${package};

import dev.nanobanana4j.core.domain.AspectRatio;
import dev.nanobanana4j.core.domain.ModelInfo;
import dev.nanobanana4j.core.domain.NanoBananaModels;
import dev.nanobanana4j.core.domain.OutputFormat;
import dev.nanobanana4j.core.domain.PriceTable;
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
 * The ${providerId} provider ({@code ${providerId}}): Nano Banana through the vendor's image API, as {@code
 * docs/vendor-api.md} describes it. Found by {@link java.util.ServiceLoader}; applications use it
 * by id:
 *
 * <pre>{@code
 * NanoBananaClient.builder()
 *     .provider("${providerId}", ProviderConfig.builder().apiKey(System.getenv("${providerId.toUpperCase()}_API_KEY")).build())
 *     .build();
 * }</pre>
 *
 * <p>Replace what this factory declares with what the vendor documents: every capability is
 * checked before a request is sent, so a wrong one either refuses good requests or lets the vendor
 * refuse bad ones after the fact.
 */
public final class ${providerClass}ProviderFactory extends HttpProviderFactory {
  /** The provider id. */
  public static final String ID = "${providerId}";

  /** The default model. */
  public static final String NANO_BANANA = "nano-banana";

  private static final ProviderInfo INFO =
      ProviderInfo.builder()
          .id(ID)
          .displayName("${providerId}")
          .defaultBaseUrl("https://api.${providerId}.example/v1")
          .addModel(
              new ModelInfo(
                  NANO_BANANA,
                  // Starts from Google's own: text to image and edit, 14 reference URLs, 1:1, 1K
                  // and PNG by default. Name what the vendor sells, and override where it differs.
                  NanoBananaModels.capabilities()
                      .promptLength(1, 5_000)
                      .maxReferenceImages(4)
                      .aspectRatios(
                          EnumSet.of(
                              AspectRatio.RATIO_1_1,
                              AspectRatio.RATIO_16_9,
                              AspectRatio.RATIO_9_16,
                              AspectRatio.RATIO_4_3,
                              AspectRatio.RATIO_3_4))
                      .resolutions(Resolution.ONE_K, Resolution.TWO_K)
                      // Adds JPEG to the preset's PNG.
                      .outputFormats(OutputFormat.JPEG)
                      .maxCount(1)
                      .build(),
                  // Where the vendor publishes a per-image price, give it with its date and page:
                  // PriceTable.perImage(NANO_BANANA, Map.of(Resolution.ONE_K, Money.usd("0.04")),
                  //     LocalDate.of(...), "https://...").
                  PriceTable.unknown(
                      NANO_BANANA,
                      LocalDate.of(2026, 1, 1),
                      "${providerId} publishes no per-image price")))
          // The vendor's advice on when to look again: first poll after 5 s, then every 5 s.
          .pollingGuidance(Duration.ofSeconds(5), Duration.ofSeconds(5))
          .build();

  /** Made by {@link java.util.ServiceLoader}. */
  public ${providerClass}ProviderFactory() {
    super(INFO);
  }

  @Override
  protected ImageProvider create(ProviderInfo info, ProviderConfig config, Clock clock) {
    return new ${providerClass}Provider(info, config, clock);
  }
}
