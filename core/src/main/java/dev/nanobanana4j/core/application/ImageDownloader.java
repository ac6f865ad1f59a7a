package dev.nanobanana4j.core.application;

import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.error.ProtocolException;
import dev.nanobanana4j.core.error.ProviderUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Saves generated images to files, streaming them in constant memory. Only {@code https} URLs are
 * followed, and {@code http} on loopback (for the simulator); the answer must be an image.
 *
 * <pre>{@code
 * Path saved = ImageDownloader.create().save(result.images().get(0), Path.of("out"), "fox");
 * }</pre>
 */
public final class ImageDownloader {
  private static final int BUFFER = 64 * 1024;

  private final HttpClient http;
  private final Duration timeout;
  private final long maxBytes;

  private ImageDownloader(HttpClient http, Duration timeout, long maxBytes) {
    this.http = http;
    this.timeout = timeout;
    this.maxBytes = maxBytes;
  }

  /** A downloader with a 2-minute timeout per image and a 200 MB size limit. */
  public static ImageDownloader create() {
    return new ImageDownloader(
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build(),
        Duration.ofMinutes(2),
        200L * 1024 * 1024);
  }

  /**
   * Saves {@code image} into {@code directory} as {@code baseName} plus the extension its media
   * type calls for, and returns the file. The file appears whole or not at all.
   *
   * @throws ProtocolException when the URL is not allowed or the answer is not an image
   * @throws ProviderUnavailableException when the download fails
   */
  public Path save(GeneratedImage image, Path directory, String baseName) {
    Objects.requireNonNull(image, "image == null");
    Objects.requireNonNull(directory, "directory == null");
    Objects.requireNonNull(baseName, "baseName == null");
    try {
      Files.createDirectories(directory);
      Path partial = directory.resolve("." + baseName + "." + UUID.randomUUID() + ".part");
      try {
        String mediaType;
        Optional<byte[]> inline = image.bytes();
        if (inline.isPresent()) {
          Files.write(partial, inline.get());
          mediaType = image.mediaType().orElse("image/png");
        } else {
          mediaType = fetch(image.url().orElseThrow(), partial);
        }
        Path target = directory.resolve(baseName + "." + extension(mediaType));
        return Files.move(
            partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(partial);
      }
    } catch (IOException e) {
      throw new ProviderUnavailableException(
          "could not save the image: " + e.getMessage(), context(), false, null, e);
    }
  }

  private String fetch(URI url, Path into) throws IOException {
    checkAllowed(url);
    HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new ProviderUnavailableException(
            "image download answered HTTP " + response.statusCode(),
            context().withHttpStatus(response.statusCode()),
            false,
            null,
            null);
      }
      String mediaType =
          response
              .headers()
              .firstValue("Content-Type")
              .orElse("")
              .split(";")[0]
              .trim()
              .toLowerCase(Locale.ROOT);
      if (!mediaType.startsWith("image/")) {
        throw new ProtocolException(
            "the image URL answered '" + mediaType + "', not an image", context(), null);
      }
      try (OutputStream out = Files.newOutputStream(into)) {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        for (int n; (n = body.read(buffer)) != -1; ) {
          total += n;
          if (total > maxBytes) {
            throw new ProtocolException(
                "the image is larger than " + maxBytes + " bytes", context(), null);
          }
          out.write(buffer, 0, n);
        }
      }
      return mediaType;
    }
  }

  private static void checkAllowed(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https")) {
      return;
    }
    if (scheme.equals("http") && isLoopback(url.getHost())) {
      return;
    }
    throw new ProtocolException(
        "refusing to download " + scheme + " URL: only https (or http on loopback) is followed",
        context(),
        null);
  }

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
      case "image/jpeg", "image/jpg" -> "jpg";
      case "image/webp" -> "webp";
      case "image/gif" -> "gif";
      default -> "png";
    };
  }

  private static ErrorContext context() {
    return ErrorContext.of(null, Operation.DOWNLOAD);
  }
}
