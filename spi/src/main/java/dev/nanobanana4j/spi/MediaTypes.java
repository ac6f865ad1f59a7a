package dev.nanobanana4j.spi;

import java.util.Locale;

/** Media types of result images, for vendors that give only a URL. */
public final class MediaTypes {
  private MediaTypes() {}

  /**
   * The image media type a URL's file extension names ({@code .png}, {@code .jpg}, {@code .jpeg},
   * {@code .webp}), or {@code null} when it names none; the query and fragment are ignored.
   */
  public static String fromUrl(String url) {
    int end = url.length();
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c == '?' || c == '#') {
        end = i;
        break;
      }
    }
    String path = url.substring(0, end).toLowerCase(Locale.ROOT);
    if (path.endsWith(".png")) {
      return "image/png";
    }
    if (path.endsWith(".jpg") || path.endsWith(".jpeg")) {
      return "image/jpeg";
    }
    if (path.endsWith(".webp")) {
      return "image/webp";
    }
    return null;
  }
}
