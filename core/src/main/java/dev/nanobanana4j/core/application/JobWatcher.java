package dev.nanobanana4j.core.application;

import dev.nanobanana4j.core.domain.CancelResult;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.error.JobTimeoutException;
import dev.nanobanana4j.core.error.NanoBananaException;
import dev.nanobanana4j.core.port.CancellationPort;
import dev.nanobanana4j.core.port.ImageProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Waits for jobs by polling on a {@link Scheduler}: each job is a small state object and a
 * scheduled task, never a blocked thread. Polls that fail in a retryable way are retried with
 * full-jitter backoff or after the vendor's {@code Retry-After}; nothing passes the deadline.
 */
final class JobWatcher {
  private final Scheduler scheduler;
  private final Clock clock;
  private final PollingPolicy polling;
  private final RetryPolicy retry;
  private final DoubleSupplier random;
  private final java.util.Set<Watch> active = java.util.concurrent.ConcurrentHashMap.newKeySet();

  JobWatcher(
      Scheduler scheduler,
      Clock clock,
      PollingPolicy polling,
      RetryPolicy retry,
      DoubleSupplier random) {
    this.scheduler = scheduler;
    this.clock = clock;
    this.polling = polling;
    this.retry = retry;
    this.random = random;
  }

  CompletableFuture<JobStatus> watch(
      ImageProvider provider,
      JobHandle handle,
      Duration timeout,
      JobListener listener,
      boolean cancelAtDeadline) {
    Watch watch =
        new Watch(
            provider, handle, clock.instant().plus(timeout), timeout, listener, cancelAtDeadline);
    active.add(watch);
    watch.result.whenComplete((status, error) -> active.remove(watch));
    Instant firstPoll = handle.submittedAt().plus(polling.firstPoll(provider.info(), handle));
    watch.scheduleAt(firstPoll);
    return watch.result;
  }

  /**
   * Stops every wait: their futures are cancelled, and so is each poll in flight, so that nothing
   * the watches hold outlives the client. The jobs themselves go on at their vendors.
   */
  void stopAll() {
    for (Watch watch : active) {
      watch.result.cancel(false);
      CompletableFuture<JobStatus> call = watch.inFlight;
      if (call != null) {
        call.cancel(false);
      }
    }
    active.clear();
  }

  /** One job being waited for. Its fields are touched by one poll at a time. */
  private final class Watch {
    final ImageProvider provider;
    final JobHandle handle;
    final Instant deadline;
    final Duration timeout;
    final JobListener listener;
    final boolean cancelAtDeadline;
    final CompletableFuture<JobStatus> result = new CompletableFuture<>();
    volatile JobStatus lastStatus;
    volatile Duration lastUnfinished = Duration.ZERO;
    volatile int failuresInARow;
    volatile CompletableFuture<JobStatus> inFlight;

    Watch(
        ImageProvider provider,
        JobHandle handle,
        Instant deadline,
        Duration timeout,
        JobListener listener,
        boolean cancelAtDeadline) {
      this.provider = provider;
      this.handle = handle;
      this.deadline = deadline;
      this.timeout = timeout;
      this.listener = listener;
      this.cancelAtDeadline = cancelAtDeadline;
    }

    /** Polls at {@code when}, or at the deadline if that comes first. */
    void scheduleAt(Instant when) {
      Instant at = when.isAfter(deadline) ? deadline : when;
      Duration delay = Duration.between(clock.instant(), at);
      scheduler.schedule(this::poll, delay.isNegative() ? Duration.ZERO : delay);
    }

    void poll() {
      if (result.isDone()) {
        return; // the caller cancelled the wait
      }
      CompletableFuture<JobStatus> call = call(() -> provider.status(handle));
      inFlight = call;
      call.whenComplete(
          (status, error) -> {
            if (result.isDone()) {
              return; // stopped while the poll was in flight
            }
            try {
              if (error != null) {
                onError(unwrap(error));
              } else {
                onStatus(status);
              }
            } catch (RuntimeException e) {
              result.completeExceptionally(e);
            }
          });
    }

    void onStatus(JobStatus status) {
      failuresInARow = 0;
      lastStatus = status;
      Instant now = clock.instant();
      Duration elapsed = Duration.between(handle.submittedAt(), now);
      listener.onStatus(handle, status, elapsed);
      if (status.isTerminal()) {
        if (status instanceof JobStatus.Succeeded) {
          polling.completed(provider.info(), handle, lastUnfinished, elapsed);
        }
        result.complete(status);
      } else if (!now.isBefore(deadline)) {
        timeOut(null);
      } else {
        lastUnfinished = elapsed;
        scheduleAt(now.plus(polling.nextPoll(provider.info(), handle, elapsed, status)));
      }
    }

    void onError(Throwable error) {
      if (!(error instanceof NanoBananaException e) || !e.isRetryable()) {
        result.completeExceptionally(error);
        return;
      }
      int failures = ++failuresInARow;
      if (failures >= retry.maxAttempts()) {
        result.completeExceptionally(error);
        return;
      }
      Duration wait = retry.delayAfter(e, failures, random.getAsDouble());
      Instant next = clock.instant().plus(wait);
      if (next.isAfter(deadline)) {
        timeOut(error);
      } else {
        scheduleAt(next);
      }
    }

    /**
     * Ends the wait at the deadline. Where the provider can cancel (and the caller wants it), the
     * vendor is asked once; its answer or failure never hides the timeout, and the handle stays
     * usable because a paid job may still finish.
     */
    void timeOut(Throwable lastError) {
      if (!cancelAtDeadline || !(provider instanceof CancellationPort cancellation)) {
        result.completeExceptionally(
            new JobTimeoutException(handle, timeout, lastStatus, lastError));
        return;
      }
      call(() -> cancellation.cancel(handle))
          .whenComplete(
              (answer, error) ->
                  result.completeExceptionally(
                      new JobTimeoutException(
                          handle,
                          timeout,
                          lastStatus,
                          lastError,
                          error == null && answer == CancelResult.REQUESTED)));
    }
  }

  /** Calls a port, turning an exception it throws into a failed future. */
  static <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> port) {
    try {
      return java.util.Objects.requireNonNull(port.get(), "a provider port returned no future");
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
