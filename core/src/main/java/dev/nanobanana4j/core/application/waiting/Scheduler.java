package dev.nanobanana4j.core.application.waiting;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs tasks after a delay. The client waits for jobs by scheduling polls here, so no thread is
 * held per job. Tests supply a scheduler on virtual time.
 */
@FunctionalInterface
public interface Scheduler {

  /** Runs {@code task} once, after {@code delay} (zero or more). */
  void schedule(Runnable task, Duration delay);

  /** A scheduler over an executor the caller owns (and shuts down). */
  static Scheduler of(ScheduledExecutorService executor) {
    Objects.requireNonNull(executor, "executor == null");
    return (task, delay) -> executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
  }
}
