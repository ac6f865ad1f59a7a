package dev.nanobanana4j.core.application;

import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.NanoBananaException;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.error.ProtocolException;
import dev.nanobanana4j.core.error.ProviderUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Saves generated images to files, streaming them in constant memory, and treating every URL and
 * byte a vendor gives as untrusted:
 *
 * <ul>
 *   <li>only {@code https} is followed, and plain {@code http} only to loopback and private
 *       addresses where those are allowed; loopback, private, link-local and cloud metadata
 *       addresses are refused unless {@link Builder#allowPrivateAddresses allowed} (or the
 *       provider's own base URL is such an address: a simulator, a test server);
 *   <li>redirects are followed by hand, at most {@value #MAX_REDIRECTS}, only within the URL's own
 *       origin, and every hop is checked again by the same rules; a redirect to another origin is
 *       refused, so no request reaches a host the vendor's result did not name;
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
  private static final int MAX_REDIRECTS = 5;

  /** The first bytes kept to tell the image's type. */
  private static final int SNIFF = 16;

  private final HttpClient http;
  private final Duration timeout;
  private final long minBytesPerSecond;
  private final Duration throughputGrace;
  private final long maxBytes;
  private final long maxTotalBytes;
  private final int maxImages;
  private final boolean allowPrivate;

  private ImageDownloader(Builder b) {
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(b.connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.timeout = b.timeout;
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
          throw tooLarge(limit);
        }
        mediaType = sniff(bytes);
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

  private String fetch(URI url, Path into, long deadlineNanos, long limit) {
    URI current = url;
    for (int hop = 0; ; hop++) {
      checkAllowed(current);
      FileSink sink = new FileSink(into, limit);
      HttpRequest request =
          HttpRequest.newBuilder(current).timeout(remaining(deadlineNanos)).GET().build();
      CompletableFuture<HttpResponse<Void>> exchange =
          http.sendAsync(request, info -> sink.subscriberFor(info.statusCode()));
      HttpResponse<Void> response = await(exchange, sink, deadlineNanos);
      int status = response.statusCode();
      if (status >= 300 && status <= 399) {
        Optional<String> location = response.headers().firstValue("Location");
        if (location.isEmpty() || hop >= MAX_REDIRECTS) {
          throw new ProtocolException(
              location.isEmpty()
                  ? "the image URL answered HTTP " + status + " with no Location"
                  : "the image URL redirected more than " + MAX_REDIRECTS + " times",
              context().withHttpStatus(status),
              null);
        }
        URI next;
        try {
          next = current.resolve(location.get().trim());
        } catch (IllegalArgumentException e) {
          throw new ProtocolException(
              "the image URL redirected to an invalid URL", context().withHttpStatus(status), e);
        }
        if (!sameOrigin(url, next)) {
          throw new ProtocolException(
              "the image URL redirected to another origin ("
                  + next.getScheme()
                  + "://"
                  + next.getHost()
                  + "), which is not followed",
              context().withHttpStatus(status),
              null);
        }
        current = next;
        continue;
      }
      if (status != 200) {
        throw new ProviderUnavailableException(
            "image download answered HTTP " + status,
            context().withHttpStatus(status),
            false,
            null,
            null);
      }
      return sink.mediaType();
    }
  }

  /**
   * Waits for the exchange, checking the deadline and the throughput every second; on either
   * failure the body's subscription is cancelled, which closes the connection.
   */
  private HttpResponse<Void> await(
      CompletableFuture<HttpResponse<Void>> exchange, FileSink sink, long deadlineNanos) {
    long started = System.nanoTime();
    while (true) {
      long left = deadlineNanos - System.nanoTime();
      try {
        return exchange.get(
            Math.max(1, Math.min(left, TimeUnit.SECONDS.toNanos(1))), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        long now = System.nanoTime();
        if (now - deadlineNanos >= 0) {
          sink.abort();
          exchange.cancel(true);
          throw new ProviderUnavailableException(
              "the image download did not finish within its deadline ("
                  + sink.received()
                  + " bytes received)",
              context(),
              false,
              null,
              null);
        }
        long elapsed = now - started;
        if (elapsed > throughputGrace.toNanos()
            && sink.received() * 1_000_000_000.0 / elapsed < minBytesPerSecond) {
          sink.abort();
          exchange.cancel(true);
          throw new ProviderUnavailableException(
              "the image download is slower than "
                  + minBytesPerSecond
                  + " bytes a second ("
                  + sink.received()
                  + " bytes in "
                  + TimeUnit.NANOSECONDS.toSeconds(elapsed)
                  + " s)",
              context(),
              false,
              null,
              null);
        }
      } catch (InterruptedException e) {
        sink.abort();
        exchange.cancel(true);
        Thread.currentThread().interrupt();
        throw new ProviderUnavailableException(
            "the image download was interrupted", context(), false, null, e);
      } catch (ExecutionException e) {
        sink.abort();
        Optional<RuntimeException> refused = sink.failure();
        if (refused.isPresent()) {
          throw refused.get();
        }
        Throwable cause = e.getCause();
        if (cause instanceof NanoBananaException n) {
          throw n;
        }
        if (cause instanceof UncheckedIOException u) {
          throw u;
        }
        throw new ProviderUnavailableException(
            "the image download failed: " + cause, context(), false, null, cause);
      }
    }
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null
        && a.getScheme().equalsIgnoreCase(String.valueOf(b.getScheme()))
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(String.valueOf(b.getHost()))
        && port(a) == port(b);
  }

  private static int port(URI uri) {
    return uri.getPort() >= 0
        ? uri.getPort()
        : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static Duration remaining(long deadlineNanos) {
    return Duration.ofNanos(Math.max(1_000_000, deadlineNanos - System.nanoTime()));
  }

  /**
   * Writes a 200 answer's body to the partial file as it arrives, within the byte limit, telling
   * its type from its first bytes; discards any other answer's body.
   */
  private static final class FileSink implements Flow.Subscriber<List<ByteBuffer>> {
    private final Path file;
    private final long limit;
    private final byte[] head = new byte[SNIFF];
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private FileChannel channel;
    private Flow.Subscription subscription;
    private volatile long received;
    private volatile boolean aborted;
    private int headLength;
    private String mediaType;

    FileSink(Path file, long limit) {
      this.file = file;
      this.limit = limit;
    }

    HttpResponse.BodySubscriber<Void> subscriberFor(int status) {
      if (status != 200) {
        return HttpResponse.BodySubscribers.replacing(null);
      }
      try {
        channel =
            FileChannel.open(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
      }
      return HttpResponse.BodySubscribers.fromSubscriber(this, s -> null);
    }

    long received() {
      return received;
    }

    /** The image's type, once its body has arrived whole; else the reason it was refused. */
    String mediaType() {
      try {
        done.join();
      } catch (java.util.concurrent.CompletionException e) {
        throw failure()
            .orElseGet(
                () ->
                    new ProviderUnavailableException(
                        "the image download failed: " + e.getCause(), context(), false, null, e));
      }
      return mediaType;
    }

    /** Why this sink refused the body (too large, not an image, the disk), once it has. */
    Optional<RuntimeException> failure() {
      if (!done.isCompletedExceptionally()) {
        return Optional.empty();
      }
      try {
        done.join();
        return Optional.empty();
      } catch (java.util.concurrent.CompletionException e) {
        return e.getCause() instanceof RuntimeException r ? Optional.of(r) : Optional.empty();
      }
    }

    synchronized void abort() {
      aborted = true;
      if (subscription != null) {
        subscription.cancel();
      }
      close();
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      if (aborted) {
        subscription.cancel();
      } else {
        subscription.request(Long.MAX_VALUE);
      }
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> buffers) {
      if (aborted) {
        return;
      }
      try {
        for (ByteBuffer buffer : buffers) {
          received += buffer.remaining();
          if (received > limit) {
            fail(tooLarge(limit));
            return;
          }
          if (headLength < SNIFF) {
            ByteBuffer copy = buffer.duplicate();
            int n = Math.min(SNIFF - headLength, copy.remaining());
            copy.get(head, headLength, n);
            headLength += n;
            if (headLength == SNIFF && ImageInput.mediaTypeOf(head).isEmpty()) {
              // Not an image: refused at its first bytes, not after the whole body.
              fail(notAnImage());
              return;
            }
          }
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
        }
      } catch (IOException e) {
        fail(new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e));
      }
    }

    private void fail(RuntimeException e) {
      aborted = true;
      subscription.cancel();
      close();
      done.completeExceptionally(e);
    }

    @Override
    public synchronized void onError(Throwable throwable) {
      close();
      done.completeExceptionally(throwable);
    }

    @Override
    public synchronized void onComplete() {
      close();
      if (aborted) {
        return;
      }
      try {
        mediaType = sniff(Arrays.copyOf(head, headLength));
        done.complete(null);
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
      }
    }

    private void close() {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException e) {
          // closing after a failure: the failure is what the caller hears of
        }
      }
    }
  }

  /** The type the image's first bytes announce; the vendor's {@code Content-Type} is not asked. */
  private static String sniff(byte[] first) {
    return ImageInput.mediaTypeOf(first).orElseThrow(ImageDownloader::notAnImage);
  }

  private static ProtocolException notAnImage() {
    return new ProtocolException(
        "the image URL's answer is not a PNG, JPEG, WEBP or GIF image", context(), null);
  }

  private static ProtocolException tooLarge(long limit) {
    return new ProtocolException("the image is larger than " + limit + " bytes", context(), null);
  }

  /**
   * Whether a URL may be downloaded: {@code https}, or {@code http} to an allowed private address;
   * never a private, loopback, link-local or metadata address unless allowed. Names are resolved
   * and every address they resolve to is checked.
   */
  private void checkAllowed(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    String host = url.getHost();
    if (!scheme.equals("https") && !scheme.equals("http") || host == null || host.isEmpty()) {
      throw refused(url, "only https URLs are downloaded");
    }
    boolean internal = isPrivate(host);
    if (internal && !allowPrivate) {
      throw refused(
          url,
          "it points at a loopback, private, link-local or metadata address; the provider's base"
              + " URL is not such an address, so its images are not expected there");
    }
    if (scheme.equals("http") && !internal) {
      throw refused(url, "only https is downloaded from public addresses");
    }
  }

  private static ProtocolException refused(URI url, String why) {
    return new ProtocolException(
        "refusing to download from " + url.getScheme() + "://" + url.getHost() + ": " + why,
        context(),
        null);
  }

  /**
   * Whether {@code host} is, or resolves to, a loopback, private (RFC 1918, unique local,
   * carrier-grade NAT), link-local (cloud metadata included), wildcard or multicast address. A name
   * that cannot be resolved is not private; the download then fails on its own.
   */
  static boolean isPrivate(String host) {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    String lower = bare.toLowerCase(Locale.ROOT);
    if (lower.equals("localhost")
        || lower.endsWith(".localhost")
        || lower.endsWith(".internal")
        || lower.endsWith(".local")) {
      return true;
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(bare);
    } catch (UnknownHostException | SecurityException e) {
      return false;
    }
    for (InetAddress address : addresses) {
      if (isPrivate(address)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isPrivate(InetAddress a) {
    if (a.isLoopbackAddress()
        || a.isSiteLocalAddress()
        || a.isLinkLocalAddress()
        || a.isAnyLocalAddress()
        || a.isMulticastAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 0 || (first == 100 && second >= 64 && second <= 127); // this network, CGNAT
    }
    if (a instanceof Inet6Address) {
      return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7
    }
    return false;
  }

  /** Whether {@code host} is a loopback address or name; callback URLs may use plain http there. */
  static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    // Only literal addresses are checked, so no name lookup can be tricked into a loopback answer.
    if (!host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?")) {
      return false;
    }
    try {
      return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
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

  private static ErrorContext context() {
    return ErrorContext.of(null, Operation.DOWNLOAD);
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

    private Builder() {}

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
      if (baseUrl != null && baseUrl.getHost() != null && isPrivate(baseUrl.getHost())) {
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

    /** Builds the downloader. */
    public ImageDownloader build() {
      return new ImageDownloader(this);
    }
  }
}
