package dev.nanobanana4j.spi;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import retrofit2.Converter;
import retrofit2.Retrofit;

/**
 * Bounds every answer body a provider parses. It wraps the converter that reads a successful
 * answer, after OkHttp's transparent decompression, so the bound is on the bytes the parser sees
 * and a compressed bomb meets it too (error bodies are read with a bound of their own, by {@link
 * VendorCall}). A declared {@code Content-Length} over the bound fails at once, before any byte of
 * the body is read; a body that grows past it while streaming fails as soon as it does. Either way
 * the call fails with {@link AnswerTooLargeException}, which {@link ErrorMapping} reads as an
 * unreadable answer: never an {@code OutOfMemoryError}. Wrapping the body where it is parsed,
 * rather than in an interceptor, spares every call a copy of the response and its headers.
 */
final class BodyLimit extends Converter.Factory {
  private final Converter.Factory delegate;
  private final long maxBytes;

  BodyLimit(Converter.Factory delegate, long maxBytes) {
    this.delegate = delegate;
    this.maxBytes = maxBytes;
  }

  @Override
  public Converter<ResponseBody, ?> responseBodyConverter(
      Type type, Annotation[] annotations, Retrofit retrofit) {
    Converter<ResponseBody, ?> parser = delegate.responseBodyConverter(type, annotations, retrofit);
    return parser == null ? null : body -> parse(parser, body);
  }

  /**
   * Parses {@code body} within the bound. An answer under the bound may still not fit in the heap
   * left (large inline images, a small heap): Retrofit rethrows an {@code OutOfMemoryError} from a
   * converter on OkHttp's thread without calling back, so the caller's future would never complete.
   * The error is turned into {@link AnswerTooLargeException} here, where the partly read answer is
   * already garbage, and the call fails typed (for a submission: outcome unknown).
   */
  private <T> T parse(Converter<ResponseBody, T> parser, ResponseBody body) throws IOException {
    try {
      return parser.convert(bound(body));
    } catch (OutOfMemoryError e) {
      body.close();
      throw new AnswerTooLargeException(
          "the answer"
              + (body.contentLength() >= 0 ? " of " + body.contentLength() + " bytes" : "")
              + " did not fit in the memory left to read it (OutOfMemoryError); a larger heap, or"
              + " fewer or smaller images per request, lets it through",
          e);
    }
  }

  @Override
  public Converter<?, RequestBody> requestBodyConverter(
      Type type,
      Annotation[] parameterAnnotations,
      Annotation[] methodAnnotations,
      Retrofit retrofit) {
    return delegate.requestBodyConverter(type, parameterAnnotations, methodAnnotations, retrofit);
  }

  @Override
  public Converter<?, String> stringConverter(
      Type type, Annotation[] annotations, Retrofit retrofit) {
    return delegate.stringConverter(type, annotations, retrofit);
  }

  /** {@code body}, failing once more than the bound has been read from it. */
  ResponseBody bound(ResponseBody body) throws AnswerTooLargeException {
    long declared = body.contentLength();
    if (declared > maxBytes) {
      body.close();
      throw new AnswerTooLargeException(maxBytes, declared);
    }
    BufferedSource limited = Okio.buffer(new Limited(body.source(), maxBytes));
    return new ResponseBody() {
      @Override
      public MediaType contentType() {
        return body.contentType();
      }

      @Override
      public long contentLength() {
        return declared;
      }

      @Override
      public BufferedSource source() {
        return limited;
      }

      @Override
      public void close() {
        body.close();
      }
    };
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

  /** An answer body over the bound, or too large for the heap left. */
  static final class AnswerTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    AnswerTooLargeException(String message, Throwable cause) {
      super(message, cause);
    }

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
