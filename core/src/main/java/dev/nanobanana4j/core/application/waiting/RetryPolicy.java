package dev.nanobanana4j.core.application.waiting;

import dev.nanobanana4j.core.error.NanoBananaException;
import dev.nanobanana4j.core.error.ProviderUnavailableException;
import dev.nanobanana4j.core.error.RateLimitException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How calls that failed in a retryable way are tried again: up to {@code maxAttempts} in all,
 * waiting a random time between zero and {@code min(maxDelay, baseDelay * 2^n)} ("full jitter"), or
 * the vendor's {@code Retry-After} when it gave one. Retries never pass the job's deadline.
 * Submissions are retried only when the vendor certainly did not accept them.
 *
 * @param maxAttempts the most attempts of one call, the first included (1 = no retry)
 * @param baseDelay the first backoff ceiling
 * @param maxDelay the largest backoff ceiling
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
  /** Checks the values. */
  public RetryPolicy {
    Objects.requireNonNull(baseDelay, "baseDelay == null");
    Objects.requireNonNull(maxDelay, "maxDelay == null");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException("need 0 <= baseDelay <= maxDelay");
    }
  }

  /** Five attempts, backing off from 500 ms up to 30 s. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30));
  }

  /** No retries. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
  }

  /**
   * The wait before retry number {@code retry} (1 for the first retry), given a uniform random
   * {@code unit} in [0, 1).
   */
  public Duration backoff(int retry, double unit) {
    long ceiling = baseDelay.toMillis();
    for (int i = 1; i < retry && ceiling < maxDelay.toMillis(); i++) {
      ceiling *= 2;
    }
    ceiling = Math.min(ceiling, maxDelay.toMillis());
    return Duration.ofMillis((long) (ceiling * unit));
  }

  /**
   * The wait before retry number {@code retry} after {@code error}: the vendor's {@code
   * Retry-After} when it gave one, else {@link #backoff}.
   */
  public Duration delayAfter(NanoBananaException error, int retry, double unit) {
    return vendorRetryAfter(error).orElseGet(() -> backoff(retry, unit));
  }

  private static Optional<Duration> vendorRetryAfter(NanoBananaException e) {
    if (e instanceof RateLimitException r) {
      return r.retryAfter();
    }
    if (e instanceof ProviderUnavailableException u) {
      return u.retryAfter();
    }
    return Optional.empty();
  }
}
