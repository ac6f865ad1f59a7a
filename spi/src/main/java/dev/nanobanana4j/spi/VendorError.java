package dev.nanobanana4j.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * What a vendor said in an error body, as its adapter read it.
 *
 * @param code the vendor's error code, if any
 * @param message the vendor's message, if any
 * @param retryAfter a wait the body asks for (some vendors put it there, not in a header)
 * @param treatedAs the HTTP status whose meaning the body gives the error, where the body says more
 *     than the status (Google answers a refused key with 400 and the reason {@code
 *     API_KEY_INVALID}: treated as 401); the error keeps the status the vendor sent
 */
public record VendorError(
    Optional<String> code,
    Optional<String> message,
    Optional<Duration> retryAfter,
    Optional<Integer> treatedAs) {
  /** What the body said, the status speaking for itself. */
  public VendorError(
      Optional<String> code, Optional<String> message, Optional<Duration> retryAfter) {
    this(code, message, retryAfter, Optional.empty());
  }

  /** Nothing could be read from the body. */
  public static VendorError none() {
    return new VendorError(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** A code and a message, either of which may be {@code null} or blank. */
  public static VendorError of(String code, String message) {
    return new VendorError(
        Optional.ofNullable(code).filter(s -> !s.isBlank()),
        Optional.ofNullable(message).filter(s -> !s.isBlank()),
        Optional.empty());
  }

  /** A copy with the wait the body asks for. */
  public VendorError withRetryAfter(Duration wait) {
    return new VendorError(code, message, Optional.ofNullable(wait), treatedAs);
  }

  /** A copy whose error is mapped as HTTP {@code status} would be. */
  public VendorError treatedAs(int status) {
    return new VendorError(code, message, retryAfter, Optional.of(status));
  }
}
