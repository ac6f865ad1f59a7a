package dev.nanobanana4j.core.port;

import dev.nanobanana4j.core.domain.CostEstimate;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.ModelInfo;
import dev.nanobanana4j.core.domain.ProviderInfo;
import java.util.List;

/**
 * One vendor, configured and ready: what an adapter implements. Applications use it through the
 * client rather than directly.
 */
public interface ImageProvider
    extends SubmissionPort, StatusPort, BillingEstimationPort, AutoCloseable {

  /** What the provider is and accepts. */
  ProviderInfo info();

  /** The provider's id; the same as {@code info().id()}. */
  default String id() {
    return info().id();
  }

  /**
   * Everything about {@code request} this provider cannot take, in words a user can act on; empty
   * when it fits. By default the chosen model's capabilities decide; a provider overrides this to
   * add rules its capabilities cannot express (and keeps the default's).
   */
  default List<String> violations(ImageRequest request) {
    return info().violations(request);
  }

  /**
   * How many calls to the vendor this provider makes at once ({@link
   * ProviderConfig#maxConcurrentRequests()}). The client holds due polls in a queue of its own
   * until one of these slots is free, so that many jobs cost no more than the slots in flight.
   */
  default int maxConcurrentRequests() {
    return ProviderConfig.DEFAULT_MAX_CONCURRENT_REQUESTS;
  }

  /** Prices the request from the chosen model's price table. */
  @Override
  default CostEstimate estimate(ImageRequest request) {
    ModelInfo model =
        info()
            .modelFor(request)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "model " + request.model().orElse("") + " is not sold by " + id()));
    return model.estimate(id(), request, model.prices());
  }

  /** Releases what the provider holds. Idempotent. */
  @Override
  void close();
}
