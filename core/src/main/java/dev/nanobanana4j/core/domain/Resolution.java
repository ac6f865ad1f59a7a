package dev.nanobanana4j.core.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The size tier of a generated image, named by its long edge. */
public enum Resolution {
  /** About 512 pixels on the long edge (some vendors call it {@code 0.5K}). */
  HALF_K("512", 512),
  ONE_K("1K", 1024),
  TWO_K("2K", 2048),
  FOUR_K("4K", 4096);

  private final String label;
  private final int longEdge;

  Resolution(String label, int longEdge) {
    this.label = label;
    this.longEdge = longEdge;
  }

  /** The conventional spelling: {@code 512}, {@code 1K}, {@code 2K} or {@code 4K}. */
  public String label() {
    return label;
  }

  /** The nominal number of pixels on the long edge. */
  public int longEdgePixels() {
    return longEdge;
  }

  /**
   * Parses {@code 512}, {@code 0.5K}, {@code 1K}, {@code 2K} or {@code 4K}, in either case.
   *
   * @throws IllegalArgumentException naming the accepted values when {@code text} is not one
   */
  public static Resolution parse(String text) {
    if (text == null) {
      throw new NullPointerException("text == null");
    }
    String wanted = text.trim().toUpperCase(Locale.ROOT);
    if (wanted.equals("0.5K")) {
      return HALF_K;
    }
    for (Resolution resolution : values()) {
      if (resolution.label.equals(wanted)) {
        return resolution;
      }
    }
    throw new IllegalArgumentException(
        "unknown resolution '"
            + text
            + "'; expected one of "
            + Arrays.stream(values()).map(Resolution::label).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return label;
  }
}
