package dev.nanobanana4j.spi;

import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.NanoBananaException;
import dev.nanobanana4j.core.port.CallObserver;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
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
    return send(call, context, errors, redactor, clock, CallObserver.NONE, mapper);
  }

  /** Sends {@code call} once, as above, and tells {@code observer} how it went. */
  public static <T, R> CompletableFuture<R> send(
      Call<T> call,
      ErrorContext context,
      ErrorBodyParser errors,
      Redactor redactor,
      Clock clock,
      CallObserver observer,
      Function<? super T, ? extends R> mapper) {
    return send(call, context, errors, redactor, clock, observer, mapper, null);
  }

  /**
   * Sends {@code call} once, as above; {@code rateLimits} (or {@code null}) reads the rate-limit
   * headers of its answer.
   */
  static <T, R> CompletableFuture<R> send(
      Call<T> call,
      ErrorContext context,
      ErrorBodyParser errors,
      Redactor redactor,
      Clock clock,
      CallObserver observer,
      Function<? super T, ? extends R> mapper,
      RateLimits rateLimits) {
    Objects.requireNonNull(call, "call == null");
    Objects.requireNonNull(observer, "observer == null");
    Exchange<T, R> exchange =
        new Exchange<>(call, context, errors, redactor, clock, observer, mapper, rateLimits);
    call.enqueue(exchange);
    return exchange;
  }

  /**
   * One call's future, and the callback that completes it: one object per call. Cancelling the
   * future cancels the call.
   */
  private static final class Exchange<T, R> extends CompletableFuture<R> implements Callback<T> {
    private final Call<T> call;
    private final ErrorContext context;
    private final ErrorBodyParser errors;
    private final Redactor redactor;
    private final Clock clock;
    private final CallObserver observer;
    private final Function<? super T, ? extends R> mapper;
    private final RateLimits rateLimits;
    private final long started;

    Exchange(
        Call<T> call,
        ErrorContext context,
        ErrorBodyParser errors,
        Redactor redactor,
        Clock clock,
        CallObserver observer,
        Function<? super T, ? extends R> mapper,
        RateLimits rateLimits) {
      this.rateLimits = rateLimits;
      this.call = call;
      this.context = context;
      this.errors = errors;
      this.redactor = redactor;
      this.clock = clock;
      this.observer = observer;
      this.mapper = mapper;
      this.started = observer == CallObserver.NONE ? 0 : System.nanoTime();
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      if (isCancelled()) {
        call.cancel();
      }
      return cancelled;
    }

    @Override
    public void onResponse(Call<T> c, Response<T> response) {
      observe(observer, context, response.code(), started);
      try {
        if (rateLimits != null) {
          rateLimits.read(response.headers());
        }
        if (response.isSuccessful()) {
          T body = response.body();
          if (body == null) {
            throw new MalformedBodyException("the answer had no body");
          }
          complete(mapper.apply(body));
        } else {
          VendorError vendor = readError(response, errors, redactor);
          completeExceptionally(
              ErrorMapping.forStatus(
                  context,
                  response.code(),
                  vendor,
                  RetryAfter.parse(response.headers().get("Retry-After"), clock)
                      .or(vendor::retryAfter)
                      .orElse(null)));
        }
      } catch (MalformedBodyException e) {
        completeExceptionally(ErrorMapping.forFailure(context, e));
      } catch (NanoBananaException e) {
        completeExceptionally(e);
      } catch (RuntimeException e) {
        // A value the mapper refused (a task id that is no path segment, say) makes the answer
        // unreadable: typed as such, and "outcome unknown" for a submission.
        completeExceptionally(
            ErrorMapping.forFailure(
                context,
                // Without the cause: its message may quote the answer unredacted.
                new MalformedBodyException(
                    "the answer holds a value that cannot be used ("
                        + e.getClass().getSimpleName()
                        + "): "
                        + redactor.redact(e.getMessage()))));
      } catch (Error e) {
        // The caller's future completes even so, typed; the error goes on to the thread.
        completeExceptionally(
            ErrorMapping.forFailure(
                context, new MalformedBodyException("reading the answer failed: " + e, e)));
        throw e;
      }
    }

    @Override
    public void onFailure(Call<T> c, Throwable failure) {
      observe(observer, context, 0, started);
      completeExceptionally(ErrorMapping.forFailure(context, failure));
    }
  }

  private static void observe(
      CallObserver observer, ErrorContext context, int status, long started) {
    if (observer == CallObserver.NONE) {
      return;
    }
    try {
      observer.onCall(
          context.providerId().orElse(""),
          context.operation(),
          status,
          Duration.ofNanos(System.nanoTime() - started));
    } catch (RuntimeException e) {
      // An observer's failure must not change the call's outcome.
    }
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
        parsed.retryAfter(),
        parsed.treatedAs());
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
