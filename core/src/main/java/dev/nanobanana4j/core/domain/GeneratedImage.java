package dev.nanobanana4j.core.domain;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One image a job produced: a URL to download it from, or its bytes where the vendor returns them
 * inline; and, where the vendor documents how long it keeps results, when the URL stops working.
 */
public final class GeneratedImage {
  private final URI url;
  private final byte[] data;
  private final String mediaType;
  private final Instant expiresAt;
  private final URI storedAt;
  private final int width;
  private final int height;

  private GeneratedImage(
      URI url,
      byte[] data,
      String mediaType,
      Instant expiresAt,
      URI storedAt,
      int width,
      int height) {
    this.url = url;
    this.data = data;
    this.mediaType = mediaType;
    this.expiresAt = expiresAt;
    this.storedAt = storedAt;
    this.width = width;
    this.height = height;
  }

  /** An image at a URL; {@code mediaType} may be {@code null} when the vendor does not say. */
  public static GeneratedImage ofUrl(URI url, String mediaType) {
    Objects.requireNonNull(url, "url == null");
    if (!url.isAbsolute()) {
      throw new IllegalArgumentException("image URL '" + url + "' is not absolute");
    }
    return new GeneratedImage(url, null, mediaType, null, null, 0, 0);
  }

  /** An image whose bytes the vendor returned inline. */
  public static GeneratedImage ofBytes(byte[] data, String mediaType) {
    Objects.requireNonNull(data, "data == null");
    Objects.requireNonNull(mediaType, "mediaType == null");
    return new GeneratedImage(null, data.clone(), mediaType, null, null, 0, 0);
  }

  /** Where to download the image, when the vendor gave a URL. */
  public Optional<URI> url() {
    return Optional.ofNullable(url);
  }

  /** A copy of the image bytes, when the vendor returned them inline. */
  public Optional<byte[]> bytes() {
    return data == null ? Optional.empty() : Optional.of(data.clone());
  }

  /** The media type, such as {@code image/png}, when known. */
  public Optional<String> mediaType() {
    return Optional.ofNullable(mediaType);
  }

  /**
   * When the vendor deletes the image, where its documentation or its answer says; empty when
   * unknown. Download or store the image before then. An inline image has none: its bytes are here.
   */
  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  /** A copy that expires at {@code expiresAt}. */
  public GeneratedImage withExpiresAt(Instant expiresAt) {
    Objects.requireNonNull(expiresAt, "expiresAt == null");
    return new GeneratedImage(url, data, mediaType, expiresAt, storedAt, width, height);
  }

  /**
   * Where a {@link dev.nanobanana4j.core.port.ResultStore} keeps a copy of the image (a {@code
   * file:} URI for the filesystem store); empty when no store kept it.
   */
  public Optional<URI> storedAt() {
    return Optional.ofNullable(storedAt);
  }

  /** The width in pixels the vendor reports, when it does. */
  public java.util.OptionalInt width() {
    return width == 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(width);
  }

  /** The height in pixels the vendor reports, when it does. */
  public java.util.OptionalInt height() {
    return height == 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(height);
  }

  /**
   * A copy of the size the vendor reports, when it is a plausible one (1 to 65,536 pixels a side);
   * this image itself otherwise.
   */
  public GeneratedImage withSize(int width, int height) {
    if (width < 1 || height < 1 || width > 65_536 || height > 65_536) {
      return this;
    }
    return new GeneratedImage(url, data, mediaType, expiresAt, storedAt, width, height);
  }

  /** A copy kept by a result store at {@code storedAt}. */
  public GeneratedImage withStoredAt(URI storedAt) {
    Objects.requireNonNull(storedAt, "storedAt == null");
    return new GeneratedImage(url, data, mediaType, expiresAt, storedAt, width, height);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GeneratedImage g
        && Objects.equals(url, g.url)
        && Arrays.equals(data, g.data)
        && Objects.equals(mediaType, g.mediaType)
        && Objects.equals(expiresAt, g.expiresAt)
        && Objects.equals(storedAt, g.storedAt)
        && width == g.width
        && height == g.height;
  }

  @Override
  public int hashCode() {
    return Objects.hash(url, Arrays.hashCode(data), mediaType, expiresAt, storedAt, width, height);
  }

  @Override
  public String toString() {
    String expires =
        (width == 0 ? "" : ", " + width + "x" + height)
            + (expiresAt == null ? "" : ", expires " + expiresAt)
            + (storedAt == null ? "" : ", stored at " + storedAt);
    return url != null
        ? "GeneratedImage[" + url + expires + "]"
        : "GeneratedImage[" + mediaType + ", " + data.length + " bytes" + expires + "]";
  }
}
