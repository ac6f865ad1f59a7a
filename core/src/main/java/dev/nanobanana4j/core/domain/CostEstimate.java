package dev.nanobanana4j.core.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * What a request would cost at one provider, from its price table. When the vendor publishes no
 * price for the request the estimate is unknown, and says why; it is never guessed.
 */
public final class CostEstimate {
  private final String providerId;
  private final String model;
  private final Resolution resolution;
  private final int count;
  private final Money unitPrice;
  private final PriceTable table;
  private String basis; // built when first asked: most estimates are never explained

  private CostEstimate(
      String providerId, PriceTable table, Resolution resolution, int count, Money unitPrice) {
    this.providerId = Objects.requireNonNull(providerId, "providerId == null");
    this.table = table;
    this.model = table.model();
    this.resolution = Objects.requireNonNull(resolution, "resolution == null");
    this.count = count;
    this.unitPrice = unitPrice;
  }

  /** Prices {@code count} images at {@code resolution} from {@code table}. */
  public static CostEstimate from(
      String providerId, PriceTable table, Resolution resolution, int count) {
    Objects.requireNonNull(table, "table == null");
    if (count < 1) {
      throw new IllegalArgumentException("count is " + count + "; it must be at least 1");
    }
    return new CostEstimate(
        providerId, table, resolution, count, table.perImage(resolution).orElse(null));
  }

  /** The provider the estimate is for. */
  public String providerId() {
    return providerId;
  }

  /** The vendor's model id. */
  public String model() {
    return model;
  }

  /** The resolution priced (the request's, or the provider's default). */
  public Resolution resolution() {
    return resolution;
  }

  /** The number of images priced. */
  public int count() {
    return count;
  }

  /** How old a price table may be, in days, before a price from it is called stale. */
  public static final int STALE_AFTER_DAYS = 90;

  /** When the price table this estimate comes from was read. */
  public java.time.LocalDate asOf() {
    return table.asOf();
  }

  /**
   * Whether the price is known and comes from a table read more than {@value #STALE_AFTER_DAYS}
   * days before {@code today}: prices change, and such a table should be checked again.
   */
  public boolean isStale(java.time.LocalDate today) {
    return unitPrice != null && table.asOf().plusDays(STALE_AFTER_DAYS).isBefore(today);
  }

  /** The warning a stale price deserves, naming its date and source; empty when it is fresh. */
  public Optional<String> staleness(java.time.LocalDate today) {
    return isStale(today)
        ? Optional.of(
            providerId
                + "'s price for "
                + model
                + " is from "
                + table.asOf()
                + ", more than "
                + STALE_AFTER_DAYS
                + " days ago: check "
                + table.source()
                + ", or set a price of your own (PriceOverrides)")
        : Optional.empty();
  }

  /** Whether a price is known. */
  public boolean isKnown() {
    return unitPrice != null;
  }

  /** The price of one image, when known. */
  public Optional<Money> unitPrice() {
    return Optional.ofNullable(unitPrice);
  }

  /** The price of all images, when known. */
  public Optional<Money> total() {
    return unitPrice == null ? Optional.empty() : Optional.of(unitPrice.times(count));
  }

  /** Where the price comes from, or why it is unknown. */
  public String basis() {
    String b = basis;
    if (b == null) {
      b =
          unitPrice != null
              ? providerId
                  + " price for "
                  + model
                  + " at "
                  + resolution
                  + " as of "
                  + table.asOf()
                  + " ("
                  + table.source()
                  + ")"
              : providerId
                  + " publishes no price for "
                  + model
                  + " at "
                  + resolution
                  + (table.isKnown() ? "" : ": " + table.source());
      basis = b; // racy but idempotent: every thread builds the same string
    }
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CostEstimate c
        && providerId.equals(c.providerId)
        && model.equals(c.model)
        && resolution == c.resolution
        && count == c.count
        && Objects.equals(unitPrice, c.unitPrice)
        && basis().equals(c.basis());
  }

  @Override
  public int hashCode() {
    return Objects.hash(providerId, model, resolution, count, unitPrice, basis());
  }

  /** Like {@code 0.16 USD (2 x 0.08 USD, apixo nano-banana-2 2K)} or {@code unknown (...)}. */
  @Override
  public String toString() {
    String what = providerId + " " + model + " " + resolution;
    return isKnown()
        ? total().orElseThrow() + " (" + count + " x " + unitPrice + ", " + what + ")"
        : "unknown (" + what + ")";
  }
}
