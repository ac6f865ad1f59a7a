package dev.nanobanana4j.core.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The framing of a generated image: the fourteen ratios Nano Banana supports, plus {@link #AUTO}.
 */
public enum AspectRatio {
  /** Let the model choose, usually from the reference images. */
  AUTO("auto", 0, 0),
  RATIO_1_1("1:1", 1, 1),
  RATIO_1_4("1:4", 1, 4),
  RATIO_4_1("4:1", 4, 1),
  RATIO_1_8("1:8", 1, 8),
  RATIO_8_1("8:1", 8, 1),
  RATIO_2_3("2:3", 2, 3),
  RATIO_3_2("3:2", 3, 2),
  RATIO_3_4("3:4", 3, 4),
  RATIO_4_3("4:3", 4, 3),
  RATIO_4_5("4:5", 4, 5),
  RATIO_5_4("5:4", 5, 4),
  RATIO_9_16("9:16", 9, 16),
  RATIO_16_9("16:9", 16, 9),
  RATIO_21_9("21:9", 21, 9);

  private final String label;
  private final int width;
  private final int height;

  AspectRatio(String label, int width, int height) {
    this.label = label;
    this.width = width;
    this.height = height;
  }

  /** The conventional spelling, such as {@code "16:9"} or {@code "auto"}. */
  public String label() {
    return label;
  }

  /** The width term of the ratio; 0 for {@link #AUTO}. */
  public int widthTerm() {
    return width;
  }

  /** The height term of the ratio; 0 for {@link #AUTO}. */
  public int heightTerm() {
    return height;
  }

  /**
   * Parses a label such as {@code "16:9"} or {@code "auto"}.
   *
   * @throws IllegalArgumentException naming the accepted values when {@code text} is not one
   */
  public static AspectRatio parse(String text) {
    if (text == null) {
      throw new NullPointerException("text == null");
    }
    String wanted = text.trim().toLowerCase(Locale.ROOT);
    for (AspectRatio ratio : values()) {
      if (ratio.label.equals(wanted)) {
        return ratio;
      }
    }
    throw new IllegalArgumentException(
        "unknown aspect ratio '" + text + "'; expected one of " + labels());
  }

  static String labels() {
    return Arrays.stream(values()).map(AspectRatio::label).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return label;
  }
}
