package dev.nanobanana4j.core.application;

import dev.nanobanana4j.core.domain.AspectRatio;
import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.domain.Mode;
import dev.nanobanana4j.core.domain.ModelInfo;
import dev.nanobanana4j.core.domain.Money;
import dev.nanobanana4j.core.domain.OutputFormat;
import dev.nanobanana4j.core.domain.PriceTable;
import dev.nanobanana4j.core.domain.ProviderCapabilities;
import dev.nanobanana4j.core.domain.ProviderInfo;
import dev.nanobanana4j.core.domain.Resolution;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;

/** Provider descriptions for tests of the use cases. */
public final class Fixtures {
  private Fixtures() {}

  public static ProviderInfo info(String id) {
    return info(id, "0.05");
  }

  /** A provider whose one model costs {@code usd} per 1K image, or has no price when null. */
  public static ProviderInfo info(String id, String usd) {
    return info(id, usd, false);
  }

  /** As above, taking callback URLs with requests when {@code webhooks}. */
  public static ProviderInfo info(String id, String usd, boolean webhooks) {
    return ProviderInfo.builder()
        .id(id)
        .displayName(id.toUpperCase())
        .defaultBaseUrl("https://api." + id + ".example/v1")
        .addModel(
            new ModelInfo(
                "model-1",
                ProviderCapabilities.builder()
                    .modes(Mode.TEXT_TO_IMAGE, Mode.EDIT)
                    .promptLength(1, 100)
                    .maxReferenceImages(2)
                    .referenceImageKinds(ImageInput.Kind.URL)
                    .aspectRatios(EnumSet.of(AspectRatio.AUTO, AspectRatio.RATIO_1_1))
                    .defaultAspectRatio(AspectRatio.AUTO)
                    .resolutions(Resolution.ONE_K, Resolution.TWO_K)
                    .defaultResolution(Resolution.ONE_K)
                    .outputFormats(OutputFormat.PNG)
                    .defaultOutputFormat(OutputFormat.PNG)
                    .maxCount(2)
                    .webhooks(webhooks)
                    .build(),
                usd == null
                    ? PriceTable.unknown("model-1", LocalDate.of(2026, 1, 1), "no price published")
                    : PriceTable.perImage(
                        "model-1",
                        Map.of(Resolution.ONE_K, Money.usd(usd)),
                        LocalDate.of(2026, 1, 1),
                        "https://example/pricing")))
        .pollingGuidance(Duration.ofSeconds(10), Duration.ofSeconds(10))
        .build();
  }

  /**
   * A mocked provider port described by {@link #info(String)}, checking and pricing requests as a
   * real provider does; the test stubs its submit and status.
   */
  public static dev.nanobanana4j.core.port.ImageProvider provider(String id) {
    dev.nanobanana4j.core.port.ImageProvider provider =
        org.mockito.Mockito.mock(dev.nanobanana4j.core.port.ImageProvider.class);
    org.mockito.Mockito.when(provider.info()).thenReturn(info(id));
    org.mockito.Mockito.when(provider.id()).thenReturn(id);
    org.mockito.Mockito.when(provider.violations(org.mockito.ArgumentMatchers.any()))
        .thenCallRealMethod();
    org.mockito.Mockito.when(provider.estimate(org.mockito.ArgumentMatchers.any()))
        .thenCallRealMethod();
    return provider;
  }

  /**
   * The value a future completed with, which must be done already (on virtual time everything the
   * test waited for is): a future left pending fails the test at once rather than blocking it.
   */
  public static <T> T done(java.util.concurrent.CompletableFuture<T> future) {
    org.junit.jupiter.api.Assertions.assertTrue(future.isDone(), "the future is done");
    return future.join();
  }

  /**
   * The failure a completed future ended with; an assertion error if it is not done or succeeded.
   */
  public static Throwable cause(java.util.concurrent.CompletableFuture<?> future) {
    org.junit.jupiter.api.Assertions.assertTrue(future.isDone(), "the future is done");
    try {
      future.get();
      throw new AssertionError("expected a failure");
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
