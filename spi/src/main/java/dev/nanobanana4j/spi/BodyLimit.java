package dev.nanobanana4j.spi;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Okio;

/**
 * Bounds every answer body a provider reads. It runs after OkHttp's transparent decompression, so
 * the bound is on the bytes the parser sees and a compressed bomb meets it too. A declared {@code
 * Content-Length} over the bound fails at once, before any byte of the body is read; a body that
 * grows past it while streaming fails as soon as it does. Either way the call fails with {@link
 * AnswerTooLargeException}, which {@link ErrorMapping} reads as an unreadable answer: never an
 * {@code OutOfMemoryError}.
 */
final class BodyLimit implements Interceptor {
  private final long maxBytes;

  BodyLimit(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    ResponseBody body = response.body();
    long declared = body.contentLength();
    if (declared > maxBytes) {
      response.close();
      throw new AnswerTooLargeException(maxBytes, declared);
    }
    ResponseBody limited =
        ResponseBody.create(
            Okio.buffer(new Limited(body.source(), maxBytes)), body.contentType(), declared);
    return response.newBuilder().body(limited).build();
  }

  /** Counts what is read and fails past the bound. */
  private static final class Limited extends ForwardingSource {
    private final long maxBytes;
    private long total;

    Limited(okio.Source delegate, long maxBytes) {
      super(delegate);
      this.maxBytes = maxBytes;
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
      // Never ask for more than one byte past the bound, so a body exactly at the bound passes.
      long read = super.read(sink, Math.min(byteCount, maxBytes - total + 1));
      if (read > 0) {
        total += read;
        if (total > maxBytes) {
          throw new AnswerTooLargeException(maxBytes, -1);
        }
      }
      return read;
    }
  }

  /** An answer body over the bound. */
  static final class AnswerTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    AnswerTooLargeException(long maxBytes, long declared) {
      super(
          "the answer is larger than the limit of "
              + maxBytes
              + " bytes"
              + (declared >= 0 ? " (it declares " + declared + ")" : "")
              + "; ProviderConfig.maxResponseBytes sets the limit");
    }
  }
}
