package dev.nanobanana4j.spi;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.function.UnaryOperator;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;

/**
 * Logs each HTTP exchange through {@link System.Logger} {@code dev.nanobanana4j.http.<provider>}:
 * the method, URL, status and time at DEBUG; headers and bodies at TRACE. Everything passes through
 * the {@link Redactor} first, and credential headers are always masked. It runs as the last
 * application interceptor, and sets the request's own headers first where it is the only one
 * ({@code prepare}), so that logging costs a call no link of its own in OkHttp's chain; the headers
 * OkHttp adds on the wire ({@code Host}, {@code Accept-Encoding}) are not shown.
 */
final class HttpLogging implements Interceptor {
  private static final long MAX_LOGGED_BODY = 4096;

  private final Logger logger;
  private final Redactor redactor;
  private final UnaryOperator<Request> prepare;

  HttpLogging(String providerId, Redactor redactor, UnaryOperator<Request> prepare) {
    this.logger = System.getLogger("dev.nanobanana4j.http." + providerId);
    this.redactor = redactor;
    this.prepare = prepare;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = prepare.apply(chain.request());
    boolean debug = logger.isLoggable(Level.DEBUG);
    boolean trace = logger.isLoggable(Level.TRACE);
    long start = System.nanoTime();
    if (debug) {
      logger.log(Level.DEBUG, redactor.redact("--> " + request.method() + " " + request.url()));
    }
    if (trace) {
      logger.log(Level.TRACE, headers(request.headers()) + requestBody(request));
    }
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException e) {
      if (debug) {
        logger.log(
            Level.DEBUG,
            redactor.redact(
                "<-- FAILED "
                    + request.url()
                    + ": "
                    + e.getClass().getSimpleName()
                    + " "
                    + e.getMessage()));
      }
      throw e;
    }
    if (debug) {
      long ms = (System.nanoTime() - start) / 1_000_000;
      logger.log(
          Level.DEBUG,
          redactor.redact("<-- " + response.code() + " " + request.url() + " (" + ms + " ms)"));
    }
    if (trace) {
      // Read past the cut, redact, then cut: a secret across the cut is masked whole.
      String body = response.peekBody(MAX_LOGGED_BODY + 4L * redactor.lookahead()).string();
      logger.log(
          Level.TRACE,
          headers(response.headers()) + redactor.redactAndCut(body, (int) MAX_LOGGED_BODY));
    }
    return response;
  }

  private String headers(Headers headers) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      String lower = name.toLowerCase(Locale.ROOT);
      boolean credential =
          lower.equals("authorization") || lower.contains("key") || lower.contains("token");
      s.append(name)
          .append(": ")
          .append(credential ? Redactor.MASK : redactor.redact(headers.value(i)))
          .append('\n');
    }
    return s.toString();
  }

  private String requestBody(Request request) throws IOException {
    if (request.body() == null) {
      return "";
    }
    Buffer buffer = new Buffer();
    request.body().writeTo(buffer);
    long read = Math.min(buffer.size(), MAX_LOGGED_BODY + 4L * redactor.lookahead());
    return redactor.redactAndCut(buffer.readUtf8(read), (int) MAX_LOGGED_BODY);
  }
}
