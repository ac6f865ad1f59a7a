package dev.nanobanana4j.spi;

/** Small readings of untyped JSON values, as Moshi gives them for {@code Object} fields. */
public final class JsonValues {
  private JsonValues() {}

  /**
   * A value as text: whole numbers without a fraction ({@code 3001}, not {@code 3001.0}); {@code
   * null} for {@code null} or blank text.
   */
  public static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
      return String.valueOf(d.longValue());
    }
    String text = value.toString();
    return text.isBlank() ? null : text;
  }

  /** Whether {@code s} is {@code null} or blank. */
  public static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
