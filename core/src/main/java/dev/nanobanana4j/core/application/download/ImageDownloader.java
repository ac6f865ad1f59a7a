package dev.nanobanana4j.core.application.download;

import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.error.NanoBananaException;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.error.ProtocolException;
import dev.nanobanana4j.core.error.ProviderUnavailableException;
import dev.nanobanana4j.core.port.ImageFetcher;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.UUID;

/**
 * Saves generated images to files, streaming them in constant memory, and treating every URL and
 * byte a vendor gives as untrusted. The transport is an {@link ImageFetcher} ({@code
 * nanobanana4j-spi}'s, on the providers' OkHttp stack, found by {@link java.util.ServiceLoader});
 * the rules are these:
 *
 * <ul>
 *   <li>only {@code https} is followed, and plain {@code http} only to loopback and private
 *       addresses where those are allowed; loopback, private, link-local and cloud metadata
 *       addresses are refused unless {@link Builder#allowPrivateAddresses allowed} (or the
 *       provider's own base URL is such an address: a simulator, a test server);
 *   <li>redirects are followed by hand, at most {@value ImageFetcher#MAX_REDIRECTS}, only within
 *       the URL's own origin, and every hop is checked again by the same rules; a redirect to
 *       another origin is refused, so no request reaches a host the vendor's result did not name;
 *   <li>the whole download has a deadline and a minimum throughput, so a body trickling in cannot
 *       hold the caller; a partial file is deleted, and a file appears whole or not at all;
 *   <li>the image's first bytes decide its type (PNG, JPEG, WEBP or GIF), never the {@code
 *       Content-Type}; anything else is refused;
 *   <li>each image and all images of one call are capped in bytes, and at most {@link
 *       Builder#maxImages} images are saved.
 * </ul>
 *
 * <pre>{@code
 * Path saved = ImageDownloader.create().save(result.images().get(0), Path.of("out"), "fox");
 * }</pre>
 *
 * <p>A failure of the vendor's URL is a {@link NanoBananaException} ({@link Operation#DOWNLOAD}); a
 * failure of the local disk is an {@link UncheckedIOException}, so that the two are never confused.
 */
public final class ImageDownloader {
  private final ImageFetcher fetcher;
  private final Duration timeout;
  private final Duration connectTimeout;
  private final long minBytesPerSecond;
  private final Duration throughputGrace;
  private final long maxBytes;
  private final long maxTotalBytes;
  private final int maxImages;
  private final boolean allowPrivate;

  private ImageDownloader(Builder b, ImageFetcher fetcher) {
    this.fetcher = fetcher;
    this.timeout = b.timeout;
    this.connectTimeout = b.connectTimeout;
    this.minBytesPerSecond = b.minBytesPerSecond;
    this.throughputGrace = b.throughputGrace;
    this.maxBytes = b.maxBytes;
    this.maxTotalBytes = b.maxTotalBytes;
    this.maxImages = b.maxImages;
    this.allowPrivate = b.allowPrivate;
  }

  /** A downloader with the {@linkplain Builder defaults}. */
  public static ImageDownloader create() {
    return builder().build();
  }

  /** A builder; every setting has a default. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Saves {@code image} into {@code directory} as {@code baseName} plus the extension its bytes
   * call for, and returns the file. The file appears whole or not at all.
   *
   * @throws ProtocolException when the URL is not allowed, the answer is not an image, or it is too
   *     large
   * @throws ProviderUnavailableException when the download fails, is too slow, or passes its
   *     deadline
   * @throws UncheckedIOException when the file cannot be written
   */
  public Path save(GeneratedImage image, Path directory, String baseName) {
    return save(image, directory, baseName, System.nanoTime() + timeout.toNanos(), maxBytes);
  }

  /**
   * Saves at most {@link Builder#maxImages} of {@code images} into {@code directory}, as {@code
   * baseName-1}, {@code baseName-2} and so on, within one deadline ({@link Builder#timeout}) and
   * one byte limit ({@link Builder#maxTotalBytes}) for all; returns the files in order.
   *
   * @throws NanoBananaException or {@link UncheckedIOException} as {@link #save}; the files saved
   *     before the failure stay
   */
  public List<Path> saveAll(List<GeneratedImage> images, Path directory, String baseName) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long left = maxTotalBytes;
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < images.size() && i < maxImages; i++) {
      Path file =
          save(
              images.get(i),
              directory,
              baseName + "-" + (i + 1),
              deadline,
              Math.min(maxBytes, left));
      files.add(file);
      try {
        left -= Files.size(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(files);
  }

  private Path save(
      GeneratedImage image, Path directory, String baseName, long deadlineNanos, long limit) {
    Objects.requireNonNull(image, "image == null");
    Objects.requireNonNull(directory, "directory == null");
    Objects.requireNonNull(baseName, "baseName == null");
    Path partial;
    try {
      Files.createDirectories(directory);
      partial = directory.resolve("." + baseName + "." + UUID.randomUUID() + ".part");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + directory + ": " + e.getMessage(), e);
    }
    try {
      String mediaType;
      Optional<byte[]> inline = image.bytes();
      if (inline.isPresent()) {
        byte[] bytes = inline.get();
        if (bytes.length > limit) {
          throw ImageBytes.tooLarge(limit);
        }
        mediaType = ImageBytes.sniff(bytes);
        write(partial, bytes);
      } else {
        mediaType = fetch(image.url().orElseThrow(), partial, deadlineNanos, limit);
      }
      Path target = directory.resolve(baseName + "." + extension(mediaType));
      try {
        return Files.move(
            partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot save " + target + ": " + e.getMessage(), e);
      }
    } finally {
      try {
        Files.deleteIfExists(partial);
      } catch (IOException e) {
        // The partial file is hidden and named uniquely; failing to remove it hides nothing.
      }
    }
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Streams the image at {@code url} into {@code into}; returns its type. */
  private String fetch(URI url, Path into, long deadlineNanos, long limit) {
    Duration left = Duration.ofNanos(deadlineNanos - System.nanoTime());
    if (left.isNegative() || left.isZero()) {
      throw ImageBytes.deadlinePassed(0);
    }
    Duration readTimeout =
        minBytesPerSecond > 0 && throughputGrace.compareTo(left) < 0 ? throughputGrace : left;
    ImageFetcher.Rules rules =
        new ImageFetcher.Rules(left, connectTimeout, readTimeout, allowPrivate);
    try (ImageFetcher.Body body = fetcher.open(url, rules);
        OutputStream out = open(into)) {
      return ImageBytes.copy(
          body.stream(), out, into, deadlineNanos, limit, minBytesPerSecond, throughputGrace);
    } catch (IOException e) {
      // Only closing the file is left here: reads and writes are told apart in copy.
      throw new UncheckedIOException("cannot write " + into + ": " + e.getMessage(), e);
    }
  }

  private static OutputStream open(Path file) {
    try {
      return Files.newOutputStream(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static String extension(String mediaType) {
    return switch (mediaType) {
      case "image/jpeg" -> "jpg";
      case "image/webp" -> "webp";
      case "image/gif" -> "gif";
      default -> "png";
    };
  }

  @Override
  public String toString() {
    return "ImageDownloader{timeout="
        + timeout
        + ", maxBytes="
        + maxBytes
        + ", maxTotalBytes="
        + maxTotalBytes
        + ", maxImages="
        + maxImages
        + ", allowPrivateAddresses="
        + allowPrivate
        + "}";
  }

  /** Builds an {@link ImageDownloader}. */
  public static final class Builder {
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration timeout = Duration.ofMinutes(2);
    private long minBytesPerSecond = 16 * 1024;
    private Duration throughputGrace = Duration.ofSeconds(10);
    private long maxBytes = 200L * 1024 * 1024;
    private long maxTotalBytes = 1024L * 1024 * 1024;
    private int maxImages = 16;
    private boolean allowPrivate;
    private ImageFetcher fetcher;

    private Builder() {}

    /**
     * The transport; by default the {@link ImageFetcher} that {@link java.util.ServiceLoader} finds
     * ({@code nanobanana4j-spi}'s, which every provider brings).
     */
    public Builder fetcher(ImageFetcher fetcher) {
      this.fetcher = Objects.requireNonNull(fetcher, "fetcher == null");
      return this;
    }

    /**
     * The deadline of one {@link #save} call, or of one {@link #saveAll} call for all its images,
     * from connecting to the last byte; default 2 minutes.
     */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /** The time allowed to open a connection; default 10 seconds. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * The slowest download accepted, in bytes a second on average, once {@code grace} has passed
     * since it started; default 16 KiB a second after 10 seconds.
     */
    public Builder minimumThroughput(long bytesPerSecond, Duration grace) {
      if (bytesPerSecond < 0) {
        throw new IllegalArgumentException("bytesPerSecond must not be negative");
      }
      this.minBytesPerSecond = bytesPerSecond;
      this.throughputGrace = Objects.requireNonNull(grace, "grace == null");
      return this;
    }

    /** The largest image saved, in bytes; default 200 MiB. */
    public Builder maxBytes(long maxBytes) {
      if (maxBytes < 1) {
        throw new IllegalArgumentException("maxBytes must be positive");
      }
      this.maxBytes = maxBytes;
      return this;
    }

    /** The most bytes one {@link #saveAll} call saves; default 1 GiB. */
    public Builder maxTotalBytes(long maxTotalBytes) {
      if (maxTotalBytes < 1) {
        throw new IllegalArgumentException("maxTotalBytes must be positive");
      }
      this.maxTotalBytes = maxTotalBytes;
      return this;
    }

    /** The most images one {@link #saveAll} call saves; default 16. */
    public Builder maxImages(int maxImages) {
      if (maxImages < 1) {
        throw new IllegalArgumentException("maxImages must be positive");
      }
      this.maxImages = maxImages;
      return this;
    }

    /**
     * Whether loopback and private addresses may be downloaded from (and plain {@code http} to
     * them); default false.
     */
    public Builder allowPrivateAddresses(boolean allow) {
      this.allowPrivate = allow;
      return this;
    }

    /**
     * Allows loopback and private addresses when {@code baseUrl}, the provider's own, is itself
     * such an address (a simulator or a test server), so that its images can be fetched there.
     */
    public Builder trustingAddressesOf(URI baseUrl) {
      if (baseUrl != null
          && baseUrl.getHost() != null
          && ImageFetcher.isPrivate(baseUrl.getHost())) {
        this.allowPrivate = true;
      }
      return this;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }

    /**
     * Builds the downloader.
     *
     * @throws IllegalStateException when no fetcher is set and none is installed
     */
    public ImageDownloader build() {
      return new ImageDownloader(this, fetcher != null ? fetcher : installedFetcher());
    }

    private static ImageFetcher installedFetcher() {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      return ServiceLoader.load(
              ImageFetcher.class, loader != null ? loader : ImageDownloader.class.getClassLoader())
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "no ImageFetcher is installed: add nanobanana4j-spi (every provider brings"
                          + " it), or set one with ImageDownloader.builder().fetcher(...)"));
    }
  }
}
