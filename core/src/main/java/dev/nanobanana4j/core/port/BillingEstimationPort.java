package dev.nanobanana4j.core.port;

import dev.nanobanana4j.core.domain.CostEstimate;
import dev.nanobanana4j.core.domain.ImageRequest;

/** Prices a request from the vendor's published prices, without calling the vendor. */
public interface BillingEstimationPort {
  /** The estimated cost of {@code request}; unknown where the vendor publishes no price. */
  CostEstimate estimate(ImageRequest request);
}
