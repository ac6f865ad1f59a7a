package dev.nanobanana4j.core.domain;

import java.util.Objects;

/**
 * One Nano Banana model as a provider sells it: its vendor id, what it accepts and what it costs.
 *
 * @param id the vendor's model id, such as {@code nano-banana-2}
 * @param capabilities what the model accepts at this provider
 * @param prices the vendor's published prices for it
 * @param beta whether the vendor marks the model as in testing (MuleRun's "Beta", Google's
 *     "preview"): not every account may have access, and calls may be unstable
 */
public record ModelInfo(
    String id, ProviderCapabilities capabilities, PriceTable prices, boolean beta) {
  /** A model the vendor sells as generally available. */
  public ModelInfo(String id, ProviderCapabilities capabilities, PriceTable prices) {
    this(id, capabilities, prices, false);
  }

  /** Checks the fields are present and the price table is for this model. */
  public ModelInfo {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(capabilities, "capabilities == null");
    Objects.requireNonNull(prices, "prices == null");
    if (!prices.model().equals(id)) {
      throw new IllegalArgumentException(
          "price table is for model " + prices.model() + ", not " + id);
    }
  }

  /** A copy the vendor marks as in testing ({@link #beta()}). */
  public ModelInfo asBeta() {
    return new ModelInfo(id, capabilities, prices, true);
  }

  /**
   * {@code request}, which has passed validation, with this model's defaults applied by the one
   * policy {@link ResolvedRequest} describes: what the provider sends and the price are both
   * computed from it.
   */
  public ResolvedRequest resolve(ImageRequest request) {
    return new ResolvedRequest(
        request,
        id,
        capabilities.effectiveResolution(request),
        capabilities.effectiveOutputFormat(request),
        capabilities.defaultAspectRatio());
  }

  /**
   * Prices {@code request} on this model from {@code table} (the published prices, or a table that
   * replaces them): the count at the {@linkplain #resolve resolved} resolution.
   */
  public CostEstimate estimate(String providerId, ImageRequest request, PriceTable table) {
    return CostEstimate.from(
        providerId, table, capabilities.effectiveResolution(request), request.count());
  }
}
