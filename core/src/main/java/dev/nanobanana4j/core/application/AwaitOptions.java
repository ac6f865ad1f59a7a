package dev.nanobanana4j.core.application;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Options for waiting on a job: the overall deadline and a listener for progress.
 *
 * @param timeout how long to wait in all; empty for the client's default
 * @param listener told of each status seen
 */
public record AwaitOptions(Optional<Duration> timeout, JobListener listener) {
  /** Checks the values. */
  public AwaitOptions {
    Objects.requireNonNull(timeout, "timeout == null");
    Objects.requireNonNull(listener, "listener == null");
    timeout.ifPresent(
        t -> {
          if (t.isNegative() || t.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + t);
          }
        });
  }

  /** The client's default timeout and no listener. */
  public static AwaitOptions defaults() {
    return new AwaitOptions(Optional.empty(), JobListener.NONE);
  }

  /** Waits at most {@code timeout}. */
  public static AwaitOptions timeout(Duration timeout) {
    return new AwaitOptions(Optional.of(timeout), JobListener.NONE);
  }

  /** A copy with the given listener. */
  public AwaitOptions withListener(JobListener listener) {
    return new AwaitOptions(timeout, listener);
  }
}
