package dev.nanobanana4j.spi;

import dev.nanobanana4j.core.domain.GeneratedImage;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Result images from the URLs a vendor's answer lists, each checked to be a URL. */
public final class ResultImages {
  private ResultImages() {}

  /**
   * The image at {@code url}, its media type guessed from the URL's extension.
   *
   * @throws MalformedBodyException when {@code url} is blank or not a URL
   */
  public static GeneratedImage fromUrl(String url) {
    return fromUrl(url, null);
  }

  /**
   * The image at {@code url}, of {@code mediaType} where the vendor says (else guessed from the
   * URL's extension).
   *
   * @throws MalformedBodyException when {@code url} is blank or not a URL
   */
  public static GeneratedImage fromUrl(String url, String mediaType) {
    if (JsonValues.isBlank(url)) {
      throw new MalformedBodyException("a result image has no url");
    }
    String trimmed = url.trim();
    try {
      return GeneratedImage.ofUrl(
          URI.create(trimmed),
          JsonValues.isBlank(mediaType) ? MediaTypes.fromUrl(trimmed) : mediaType);
    } catch (IllegalArgumentException e) {
      throw new MalformedBodyException("a result image url is not a URL", e);
    }
  }

  /**
   * The images at {@code urls}, in order: each must be a URL string, and there must be one at
   * least, as a successful task has.
   *
   * @throws MalformedBodyException when one is not, or there are none
   */
  public static List<GeneratedImage> fromUrls(Collection<?> urls) {
    if (urls == null || urls.isEmpty()) {
      throw new MalformedBodyException("a successful task has no result image");
    }
    List<GeneratedImage> images = new ArrayList<>(urls.size());
    for (Object url : urls) {
      if (!(url instanceof String text)) {
        throw new MalformedBodyException("a result image url is not text");
      }
      images.add(fromUrl(text));
    }
    return images;
  }

  /**
   * {@code images}, each marked to expire at {@code expiresAt} where the vendor's answer gives it;
   * {@code images} as they are when it gives none (null).
   */
  public static List<GeneratedImage> expiring(List<GeneratedImage> images, Instant expiresAt) {
    if (expiresAt == null) {
      return images;
    }
    List<GeneratedImage> marked = new ArrayList<>(images.size());
    for (GeneratedImage image : images) {
      marked.add(image.withExpiresAt(expiresAt));
    }
    return marked;
  }
}
