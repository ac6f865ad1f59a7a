package dev.nanobanana4j.spi;

import com.squareup.moshi.JsonAdapter;
import java.io.IOException;
import java.util.function.BiFunction;

/** Reads a vendor's error body into its code and message; must not throw. */
@FunctionalInterface
public interface ErrorBodyParser {
  /** Reads nothing. */
  ErrorBodyParser NONE = (status, body) -> VendorError.none();

  /**
   * Reads an error body.
   *
   * @param httpStatus the HTTP status of the answer
   * @param body the body as text, possibly empty, HTML or cut short
   */
  VendorError parse(int httpStatus, String body);

  /**
   * A parser of JSON error bodies of {@code type}, read with the providers' shared Moshi: an empty
   * body, one that is not {@code adapter}'s JSON (an HTML page, a cut body), JSON {@code null}, or
   * one {@code read} cannot use is {@link VendorError#none()}, and the HTTP status alone speaks.
   * {@code read} gets the status and the parsed body, and may return null.
   */
  static <T> ErrorBodyParser json(Class<T> type, BiFunction<Integer, T, VendorError> read) {
    return json(ProviderHttp.defaultMoshi().adapter(type), read);
  }

  /** As {@link #json(Class, BiFunction)}, reading the body with {@code adapter}. */
  static <T> ErrorBodyParser json(
      JsonAdapter<T> adapter, BiFunction<Integer, T, VendorError> read) {
    return (status, body) -> {
      if (body == null || body.isBlank()) {
        return VendorError.none();
      }
      try {
        T parsed = adapter.fromJson(body);
        VendorError error = parsed == null ? null : read.apply(status, parsed);
        return error == null ? VendorError.none() : error;
      } catch (IOException | RuntimeException e) {
        return VendorError.none();
      }
    };
  }
}
