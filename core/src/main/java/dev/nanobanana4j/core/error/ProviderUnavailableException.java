package dev.nanobanana4j.core.error;

import java.time.Duration;
import java.util.Optional;

/**
 * The vendor could not be reached or answered that it is unavailable. For a submission this is
 * thrown only when the vendor certainly did not accept it (the connection was refused, or the
 * vendor answered 503); otherwise a submission fails with {@link OutcomeUnknownException}.
 */
public class ProviderUnavailableException extends NanoBananaException {
  private static final long serialVersionUID = 1L;

  private final boolean notReceived;
  private final transient Duration retryAfter;

  /**
   * An error.
   *
   * @param notReceived whether it is certain the vendor did not act on the call
   * @param retryAfter the vendor's {@code Retry-After}, or {@code null}
   */
  public ProviderUnavailableException(
      String message,
      ErrorContext context,
      boolean notReceived,
      Duration retryAfter,
      Throwable cause) {
    super(message, context, cause);
    this.notReceived = notReceived;
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
    return notReceived;
  }
}
