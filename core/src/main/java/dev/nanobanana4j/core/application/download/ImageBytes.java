package dev.nanobanana4j.core.application.download;

import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.error.ProtocolException;
import dev.nanobanana4j.core.error.ProviderUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The bytes of one image on their way to a file: bounded in size, time and throughput, and told
 * apart from anything that is not an image by their first bytes.
 */
final class ImageBytes {
  private ImageBytes() {}

  /** The first bytes kept to tell the image's type. */
  private static final int SNIFF = 16;

  /**
   * Copies the body within the limit, the deadline and the minimum throughput, telling the image's
   * type from its first bytes.
   */
  static String copy(
      InputStream in,
      OutputStream out,
      Path file,
      long deadlineNanos,
      long limit,
      long minBytesPerSecond,
      Duration throughputGrace) {
    long started = System.nanoTime();
    byte[] buffer = new byte[64 * 1024];
    byte[] head = new byte[SNIFF];
    int headLength = 0;
    String mediaType = null;
    long received = 0;
    while (true) {
      int n;
      try {
        n = in.read(buffer);
      } catch (java.net.SocketTimeoutException e) {
        // The transport's read timeout: no byte came for the throughput grace.
        throw new ProviderUnavailableException(
            "the image download is slower than "
                + minBytesPerSecond
                + " bytes a second (no byte for "
                + throughputGrace.toSeconds()
                + " s after "
                + received
                + " bytes)",
            context(),
            false,
            null,
            e);
      } catch (IOException e) {
        // The transport ends the exchange at the deadline with an InterruptedIOException.
        if (e instanceof java.io.InterruptedIOException || System.nanoTime() - deadlineNanos >= 0) {
          throw deadlinePassed(received);
        }
        throw new ProviderUnavailableException(
            "the image download failed after "
                + received
                + " bytes ("
                + e.getClass().getSimpleName()
                + ": "
                + e.getMessage()
                + ")",
            context(),
            false,
            null,
            e);
      }
      if (n < 0) {
        break;
      }
      received += n;
      if (received > limit) {
        throw tooLarge(limit);
      }
      if (mediaType == null) {
        int take = Math.min(n, SNIFF - headLength);
        System.arraycopy(buffer, 0, head, headLength, take);
        headLength += take;
        if (headLength == SNIFF) {
          mediaType = sniff(head);
        }
      }
      try {
        out.write(buffer, 0, n);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
      }
      long now = System.nanoTime();
      if (now - deadlineNanos >= 0) {
        throw deadlinePassed(received);
      }
      long elapsed = now - started;
      if (elapsed > throughputGrace.toNanos()
          && received * 1_000_000_000.0 / elapsed < minBytesPerSecond) {
        throw new ProviderUnavailableException(
            "the image download is slower than "
                + minBytesPerSecond
                + " bytes a second ("
                + received
                + " bytes in "
                + TimeUnit.NANOSECONDS.toSeconds(elapsed)
                + " s)",
            context(),
            false,
            null,
            null);
      }
    }
    return mediaType != null ? mediaType : sniff(Arrays.copyOf(head, headLength));
  }

  static ProviderUnavailableException deadlinePassed(long received) {
    return new ProviderUnavailableException(
        "the image download did not finish within its deadline (" + received + " bytes received)",
        context(),
        false,
        null,
        null);
  }

  /** The type the image's first bytes announce; the vendor's {@code Content-Type} is not asked. */
  static String sniff(byte[] first) {
    return ImageInput.mediaTypeOf(first).orElseThrow(ImageBytes::notAnImage);
  }

  private static ProtocolException notAnImage() {
    return new ProtocolException(
        "the image URL's answer is not a PNG, JPEG, WEBP or GIF image", context(), null);
  }

  static ProtocolException tooLarge(long limit) {
    return new ProtocolException("the image is larger than " + limit + " bytes", context(), null);
  }

  private static ErrorContext context() {
    return ErrorContext.of(null, Operation.DOWNLOAD);
  }
}
