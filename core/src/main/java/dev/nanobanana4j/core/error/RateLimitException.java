package dev.nanobanana4j.core.error;

import java.time.Duration;
import java.util.Optional;

/**
 * The vendor refused the call because of a rate or concurrency limit (HTTP 429). The vendor did not
 * accept the call, so it is safe to make again, after {@link #retryAfter()} where given.
 */
public class RateLimitException extends NanoBananaException {
  private static final long serialVersionUID = 1L;

  private final transient Duration retryAfter;

  /** An error with the vendor's {@code Retry-After}, which may be {@code null}. */
  public RateLimitException(
      String message, ErrorContext context, Duration retryAfter, Throwable cause) {
    super(message, context, cause);
    this.retryAfter = retryAfter;
  }

  /** How long the vendor asked the caller to wait, when it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  @Override
  public boolean isRetryable() {
    return true;
  }

  @Override
  public boolean isSafeToResubmit() {
    return true;
  }
}
