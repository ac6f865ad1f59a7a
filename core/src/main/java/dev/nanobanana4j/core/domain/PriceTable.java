package dev.nanobanana4j.core.domain;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A vendor's published per-image prices for one model, with the date they were read and where from.
 * A table may be {@linkplain #unknown unknown}: the vendor publishes no price, and none is made up.
 */
public final class PriceTable {
  private final String model;
  private final Map<Resolution, Money> perImage;
  private final LocalDate asOf;
  private final String source;

  private PriceTable(String model, Map<Resolution, Money> perImage, LocalDate asOf, String source) {
    this.model = Objects.requireNonNull(model, "model == null");
    Map<Resolution, Money> copy = new EnumMap<>(Resolution.class);
    perImage.forEach(
        (resolution, price) ->
            copy.put(
                Objects.requireNonNull(resolution, "resolution == null"),
                Objects.requireNonNull(price, "price == null")));
    this.perImage = Collections.unmodifiableMap(copy);
    this.asOf = Objects.requireNonNull(asOf, "asOf == null");
    this.source = Objects.requireNonNull(source, "source == null");
  }

  /**
   * Published per-image prices by resolution.
   *
   * @param model the vendor's model id
   * @param perImage the price of one image at each resolution the vendor prices
   * @param asOf the date the prices were read
   * @param source where they were read, such as the vendor's pricing page
   */
  public static PriceTable perImage(
      String model, Map<Resolution, Money> perImage, LocalDate asOf, String source) {
    Objects.requireNonNull(perImage, "perImage == null");
    if (perImage.isEmpty()) {
      throw new IllegalArgumentException("a price table needs at least one price; use unknown()");
    }
    return new PriceTable(model, perImage, asOf, source);
  }

  /** A table for a model whose vendor publishes no price; {@code why} says so for users. */
  public static PriceTable unknown(String model, LocalDate asOf, String why) {
    return new PriceTable(model, Map.of(), asOf, why);
  }

  /** The vendor's model id. */
  public String model() {
    return model;
  }

  /** The price of one image at {@code resolution}, if the vendor publishes one. */
  public Optional<Money> perImage(Resolution resolution) {
    return Optional.ofNullable(perImage.get(resolution));
  }

  /** All published prices, by resolution; empty for an unknown table. */
  public Map<Resolution, Money> prices() {
    return perImage;
  }

  /** Whether the table holds any price. */
  public boolean isKnown() {
    return !perImage.isEmpty();
  }

  /** The date the prices were read. */
  public LocalDate asOf() {
    return asOf;
  }

  /** Where the prices come from, or why there are none. */
  public String source() {
    return source;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PriceTable p
        && model.equals(p.model)
        && perImage.equals(p.perImage)
        && asOf.equals(p.asOf)
        && source.equals(p.source);
  }

  @Override
  public int hashCode() {
    return Objects.hash(model, perImage, asOf, source);
  }

  @Override
  public String toString() {
    return "PriceTable{"
        + model
        + ", "
        + (isKnown() ? perImage : "unknown")
        + ", asOf="
        + asOf
        + "}";
  }
}
