package dev.nanobanana4j.core.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A reference image of a request: either a URL the vendor fetches, or inline bytes.
 *
 * <pre>{@code
 * ImageInput.url("https://example.com/cat.png");
 * ImageInput.file(Path.of("cat.png"));
 * }</pre>
 */
public sealed interface ImageInput permits ImageInput.Url, ImageInput.Inline {

  /** How an image travels to the vendor. */
  enum Kind {
    /** A public {@code http} or {@code https} URL. */
    URL,
    /** The image bytes themselves. */
    INLINE
  }

  /**
   * The largest reference image file read, 64 MiB: no vendor takes a larger inline image, and a
   * provider's own limit ({@link ProviderCapabilities#maxInlineImageBytes()}) may be smaller.
   */
  long MAX_FILE_BYTES = 64L * 1024 * 1024;

  /**
   * The most bytes of inline reference images one request holds, 64 MiB in all: what no vendor
   * takes in one request is refused before it is read into memory.
   */
  long MAX_TOTAL_BYTES = 64L * 1024 * 1024;

  /** Which of the two forms this input is. */
  Kind kind();

  /**
   * A reference image that the vendor downloads.
   *
   * @throws IllegalArgumentException unless {@code url} is an absolute http or https URL
   */
  static Url url(String url) {
    Objects.requireNonNull(url, "url == null");
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("image URL '" + url + "' is not a valid URI", e);
    }
    return new Url(uri);
  }

  /** A reference image given as bytes of the given media type, such as {@code image/png}. */
  static Inline bytes(byte[] data, String mediaType) {
    return new Inline(data, mediaType);
  }

  /**
   * A reference image read from a file; its media type is recognised from its first bytes.
   *
   * @throws UncheckedIOException when the file cannot be read
   * @throws IllegalArgumentException when the file is larger than {@link #MAX_FILE_BYTES}, or is
   *     not a PNG, JPEG, WEBP or GIF image
   */
  static Inline file(Path path) {
    Objects.requireNonNull(path, "path == null");
    byte[] data;
    try {
      // Checked before it is read: a huge file is refused, never read, encoded and sent.
      long size = Files.size(path);
      if (size > MAX_FILE_BYTES) {
        throw new IllegalArgumentException(
            "image file "
                + path
                + " is "
                + size
                + " bytes; a reference image file may be at most "
                + MAX_FILE_BYTES
                + " bytes (providers may take less)");
      }
      data = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read image file " + path, e);
    }
    String mediaType =
        mediaTypeOf(data)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "file " + path + " is not a PNG, JPEG, WEBP or GIF image"));
    return new Inline(data, mediaType);
  }

  /**
   * The media type an image's first bytes announce: {@code image/png}, {@code image/jpeg}, {@code
   * image/webp} or {@code image/gif}; empty for anything else.
   */
  static Optional<String> mediaTypeOf(byte[] d) {
    Objects.requireNonNull(d, "data == null");
    if (d.length >= 8 && (d[0] & 0xff) == 0x89 && d[1] == 'P' && d[2] == 'N' && d[3] == 'G') {
      return Optional.of("image/png");
    }
    if (d.length >= 3 && (d[0] & 0xff) == 0xff && (d[1] & 0xff) == 0xd8) {
      return Optional.of("image/jpeg");
    }
    if (d.length >= 12 && d[0] == 'R' && d[1] == 'I' && d[8] == 'W' && d[9] == 'E') {
      return Optional.of("image/webp");
    }
    if (d.length >= 4 && d[0] == 'G' && d[1] == 'I' && d[2] == 'F') {
      return Optional.of("image/gif");
    }
    return Optional.empty();
  }

  /** A reference image at an absolute {@code http} or {@code https} URL. */
  record Url(URI uri) implements ImageInput {
    /** Checks that the URL is absolute and uses http or https. */
    public Url {
      Objects.requireNonNull(uri, "uri == null");
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
        throw new IllegalArgumentException(
            "image URL '" + uri + "' must be an absolute http or https URL");
      }
      if (uri.getHost() == null || uri.getHost().isEmpty()) {
        throw new IllegalArgumentException("image URL '" + uri + "' has no host");
      }
    }

    @Override
    public Kind kind() {
      return Kind.URL;
    }
  }

  /** A reference image given as bytes. Its {@code toString} shows the size, never the bytes. */
  final class Inline implements ImageInput {
    private final byte[] data;
    private final String mediaType;

    Inline(byte[] data, String mediaType) {
      Objects.requireNonNull(data, "data == null");
      Objects.requireNonNull(mediaType, "mediaType == null");
      if (data.length == 0) {
        throw new IllegalArgumentException("inline image has no bytes");
      }
      if (!mediaType.startsWith("image/")) {
        throw new IllegalArgumentException(
            "inline image media type '" + mediaType + "' is not an image/* type");
      }
      this.data = data.clone();
      this.mediaType = mediaType;
    }

    @Override
    public Kind kind() {
      return Kind.INLINE;
    }

    /** A copy of the image bytes. */
    public byte[] data() {
      return data.clone();
    }

    /** The number of bytes, without copying them. */
    public int size() {
      return data.length;
    }

    /** The media type, such as {@code image/png}. */
    public String mediaType() {
      return mediaType;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Inline other
          && mediaType.equals(other.mediaType)
          && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
      return 31 * mediaType.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "Inline[" + mediaType + ", " + data.length + " bytes]";
    }
  }
}
