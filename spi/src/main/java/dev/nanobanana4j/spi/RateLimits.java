package dev.nanobanana4j.spi;

import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.RateLimitException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import okhttp3.Headers;

/**
 * A vendor's rate-limit headers, read from each of its answers ({@code X-RateLimit-Remaining} and
 * {@code X-RateLimit-Reset}, as Modellix documents them): when an answer says no call remains until
 * a reset, the provider's next calls are not sent before it but refused at once with a {@link
 * RateLimitException} that carries the wait, so that the client's retry policy and polling wait it
 * out rather than spend a call on a certain 429.
 *
 * <p>The reset is read as unix seconds (Modellix), unix milliseconds, or seconds from now, by its
 * size; a pause is at most {@link #MAX_PAUSE}, and a reset in the past pauses nothing.
 */
public final class RateLimits {
  /** The longest pause an answer can impose. */
  public static final Duration MAX_PAUSE = Duration.ofMinutes(10);

  private final Clock clock;
  private volatile Instant pausedUntil = Instant.MIN;

  /** Rate limits timed by {@code clock}. */
  public RateLimits(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  /** Reads an answer's headers: a remaining count of zero pauses calls until the reset. */
  public void read(Headers headers) {
    String remaining = headers.get("X-RateLimit-Remaining");
    if (remaining == null || !remaining.trim().equals("0")) {
      return;
    }
    Instant now = clock.instant();
    Instant until = reset(headers.get("X-RateLimit-Reset"), now);
    if (until == null || !until.isAfter(now)) {
      return;
    }
    Instant cap = now.plus(MAX_PAUSE);
    Instant pause = until.isAfter(cap) ? cap : until;
    synchronized (this) {
      if (pause.isAfter(pausedUntil)) {
        pausedUntil = pause;
      }
    }
  }

  /** How long calls are still paused, or empty when they may be sent. */
  public Optional<Duration> pause() {
    Instant until = pausedUntil;
    Instant now = clock.instant();
    return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
  }

  /** The error a call that is not sent during a pause fails with: safe to make again after it. */
  public RateLimitException refusal(ErrorContext context, Duration wait) {
    return new RateLimitException(
        "not sent: the vendor's last answer said no call remains until its rate limit resets, in "
            + wait,
        context,
        wait,
        null);
  }

  private static Instant reset(String header, Instant now) {
    if (header == null) {
      return null;
    }
    long value;
    try {
      value = Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return null;
    }
    if (value < 0) {
      return null;
    }
    if (value > 100_000_000_000L) {
      return Instant.ofEpochMilli(value);
    }
    if (value > 1_000_000_000L) {
      return Instant.ofEpochSecond(value);
    }
    return now.plusSeconds(value);
  }
}
