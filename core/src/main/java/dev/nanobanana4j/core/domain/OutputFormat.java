package dev.nanobanana4j.core.domain;

import java.util.Locale;

/** The file format of generated images. */
public enum OutputFormat {
  PNG("png", "image/png"),
  JPEG("jpeg", "image/jpeg"),
  WEBP("webp", "image/webp");

  private final String label;
  private final String mediaType;

  OutputFormat(String label, String mediaType) {
    this.label = label;
    this.mediaType = mediaType;
  }

  /** The lower-case name: {@code png}, {@code jpeg} or {@code webp}. */
  public String label() {
    return label;
  }

  /** The IANA media type, such as {@code image/png}. */
  public String mediaType() {
    return mediaType;
  }

  /** The usual file extension, without the dot. */
  public String fileExtension() {
    return this == JPEG ? "jpg" : label;
  }

  /**
   * Parses {@code png}, {@code jpeg} (or {@code jpg}) or {@code webp}, in either case.
   *
   * @throws IllegalArgumentException naming the accepted values when {@code text} is not one
   */
  public static OutputFormat parse(String text) {
    if (text == null) {
      throw new NullPointerException("text == null");
    }
    String wanted = text.trim().toLowerCase(Locale.ROOT);
    if (wanted.equals("jpg")) {
      return JPEG;
    }
    for (OutputFormat format : values()) {
      if (format.label.equals(wanted)) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        "unknown output format '" + text + "'; expected one of png, jpeg, webp");
  }

  @Override
  public String toString() {
    return label;
  }
}
