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

  /**
   * A duration a vendor reports in seconds (a fraction allowed); empty for {@code null}, a negative
   * or not-a-number value, or one over 30 years.
   */
  public static java.util.Optional<java.time.Duration> seconds(Double seconds) {
    return seconds == null || !(seconds >= 0) || seconds > 1e9
        ? java.util.Optional.empty()
        : java.util.Optional.of(java.time.Duration.ofMillis(Math.round(seconds * 1000)));
  }

  /** A duration a vendor reports in milliseconds; empty for {@code null} or a negative value. */
  public static java.util.Optional<java.time.Duration> millis(Long millis) {
    return millis == null || millis < 0
        ? java.util.Optional.empty()
        : java.util.Optional.of(java.time.Duration.ofMillis(millis));
  }

  /** Whether {@code s} is {@code null} or blank. */
  public static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
