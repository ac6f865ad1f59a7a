package dev.nanobanana4j.spi;

import dev.nanobanana4j.core.error.ErrorContext;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/**
 * Runs a Retrofit call asynchronously (no thread waits on it) and turns its outcome into a {@link
 * CompletableFuture}: the mapped body on 2xx, else the core exception {@link ErrorMapping} chooses.
 * Cancelling the future cancels the call.
 */
public final class VendorCall {
  private static final int MAX_ERROR_BODY = 16 * 1024;

  private VendorCall() {}

  /**
   * Sends {@code call} once.
   *
   * @param context provider, operation and task id, for errors
   * @param errors reads the vendor's error bodies
   * @param redactor removes secrets from what the vendor echoes back
   * @param mapper turns the 2xx body into the result; may throw {@link MalformedBodyException} or a
   *     {@code NanoBananaException}
   */
  public static <T, R> CompletableFuture<R> send(
      Call<T> call,
      ErrorContext context,
      ErrorBodyParser errors,
      Redactor redactor,
      Clock clock,
      Function<? super T, ? extends R> mapper) {
    Objects.requireNonNull(call, "call == null");
    CompletableFuture<R> result = new CompletableFuture<>();
    result.whenComplete(
        (value, error) -> {
          if (result.isCancelled()) {
            call.cancel();
          }
        });
    call.enqueue(
        new Callback<T>() {
          @Override
          public void onResponse(Call<T> c, Response<T> response) {
            try {
              if (response.isSuccessful()) {
                T body = response.body();
                if (body == null) {
                  throw new MalformedBodyException("the answer had no body");
                }
                result.complete(mapper.apply(body));
              } else {
                VendorError vendor = readError(response, errors, redactor);
                result.completeExceptionally(
                    ErrorMapping.forStatus(
                        context,
                        response.code(),
                        vendor,
                        RetryAfter.parse(response.headers().get("Retry-After"), clock)
                            .or(vendor::retryAfter)
                            .orElse(null)));
              }
            } catch (MalformedBodyException e) {
              result.completeExceptionally(ErrorMapping.forFailure(context, e));
            } catch (RuntimeException e) {
              result.completeExceptionally(e);
            }
          }

          @Override
          public void onFailure(Call<T> c, Throwable failure) {
            result.completeExceptionally(ErrorMapping.forFailure(context, failure));
          }
        });
    return result;
  }

  private static VendorError readError(
      Response<?> response, ErrorBodyParser errors, Redactor redactor) {
    String text = "";
    try (ResponseBody body = response.errorBody()) {
      if (body != null) {
        text = body.source().readUtf8(Math.min(MAX_ERROR_BODY, Math.max(0, contentLength(body))));
      }
    } catch (IOException | RuntimeException e) {
      // An unreadable error body still leaves the HTTP status to map.
    }
    VendorError parsed;
    try {
      parsed = errors.parse(response.code(), text);
    } catch (RuntimeException e) {
      parsed = VendorError.none();
    }
    return new VendorError(
        parsed.code().map(redactor::redact),
        parsed.message().map(redactor::redact),
        parsed.retryAfter());
  }

  private static long contentLength(ResponseBody body) throws IOException {
    long length = body.contentLength();
    if (length >= 0) {
      return length;
    }
    body.source().request(MAX_ERROR_BODY);
    return body.source().getBuffer().size();
  }
}
