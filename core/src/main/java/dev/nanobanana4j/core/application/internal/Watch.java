package dev.nanobanana4j.core.application.internal;

import dev.nanobanana4j.core.application.waiting.JobListener;
import dev.nanobanana4j.core.domain.CancelResult;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.error.JobTimeoutException;
import dev.nanobanana4j.core.error.NanoBananaException;
import dev.nanobanana4j.core.port.CancellationPort;
import dev.nanobanana4j.core.port.ClientObserver;
import dev.nanobanana4j.core.port.ImageProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One job being waited for: its deadline, its poll schedule, its retries and the end of its wait.
 * Its fields are touched by one poll at a time.
 */
final class Watch extends Deadlines.Entry implements Runnable {
  private static final AtomicIntegerFieldUpdater<Watch> ENDED =
      AtomicIntegerFieldUpdater.newUpdater(Watch.class, "ended");
  private static final AtomicIntegerFieldUpdater<Watch> TIMING_OUT =
      AtomicIntegerFieldUpdater.newUpdater(Watch.class, "timingOut");

  private static final System.Logger LOG = System.getLogger(Watch.class.getName());

  private final JobWatcher watcher;
  final ImageProvider provider;
  final PollQueue<Watch> queue;
  final JobHandle handle;
  final Duration timeout;
  final JobListener listener;
  final boolean cancelAtDeadline;
  final CompletableFuture<JobStatus> result = new Result();
  private volatile int ended; // 1 once the books are settled
  private volatile int timingOut; // 1 once the deadline has been acted on
  final ClientObserver.JobObservation observation;
  volatile JobStatus lastStatus;
  volatile long lastUnfinishedNanos;
  volatile boolean onSchedule;
  volatile int failuresInARow;
  volatile int polls;
  volatile boolean queued;
  volatile CompletableFuture<JobStatus> inFlight;
  volatile boolean waitingForSlot;

  Watch(
      JobWatcher watcher,
      ImageProvider provider,
      PollQueue<Watch> queue,
      JobHandle handle,
      Instant deadline,
      Duration timeout,
      JobListener listener,
      boolean cancelAtDeadline) {
    super(deadline);
    this.watcher = watcher;
    this.provider = provider;
    this.queue = queue;
    this.handle = handle;
    this.timeout = timeout;
    this.listener = listener;
    this.cancelAtDeadline = cancelAtDeadline;
    this.observation = Waits.observe(watcher.observer, handle.providerId());
  }

  /**
   * The wait's future. However it completes, by this wait or by its caller (a cancel, {@code
   * orTimeout}), the client's books are settled, once.
   */
  private final class Result extends CompletableFuture<JobStatus> {
    @Override
    public boolean complete(JobStatus value) {
      boolean completed = super.complete(value);
      if (completed) {
        settleQuietly(value, null);
      }
      return completed;
    }

    @Override
    public boolean completeExceptionally(Throwable error) {
      boolean completed = super.completeExceptionally(error);
      if (completed) {
        settleQuietly(null, error);
      }
      return completed;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      if (cancelled) {
        settleQuietly(null, new CancellationException());
      }
      return cancelled;
    }

    private void settleQuietly(JobStatus status, Throwable error) {
      try {
        settleOnce(status, error);
      } catch (RuntimeException e) {
        Waits.ignored("the end of a wait", e);
      }
    }
  }

  /** Ends the wait with a status a callback delivered; false if it had already ended. */
  boolean finish(JobStatus status) {
    lastStatus = status;
    watcher.vendorEnded(handle, status);
    CompletableFuture<JobStatus> call = inFlight;
    boolean completed =
        end(ResultExpiry.mark(status, provider.info(), handle, lastUnfinishedNanos), null);
    if (completed && call != null) {
      call.cancel(false);
    }
    return completed;
  }

  /**
   * Ends the wait: the client's books (meters, observation, budget, spend) are settled first, so
   * that a caller who sees the result also sees them; false if the wait had already ended.
   */
  boolean end(JobStatus status, Throwable error) {
    boolean settled;
    try {
      settled = settleOnce(status, error);
    } catch (RuntimeException | Error e) {
      // settleOnce keeps its own pieces quiet; this is the last guard: the caller hears anyway.
      settled = true;
    }
    if (!settled) {
      return false;
    }
    return error == null ? result.complete(status) : result.completeExceptionally(error);
  }

  /** Settles the client's books for this wait, if nobody has yet; true if this call did. */
  boolean settleOnce(JobStatus status, Throwable error) {
    if (!ENDED.compareAndSet(this, 0, 1)) {
      return false;
    }
    watcher.active.remove(this);
    watcher.deadlines.remove(this);
    Throwable cause = error == null ? null : Waits.unwrap(error);
    // Each piece of the books is kept apart: one that throws neither stops the others nor the wait.
    Duration took =
        Waits.notNegative(Duration.between(handle.submittedAt(), watcher.clock.instant()));
    try {
      watcher.observer.completed(handle.providerId(), Waits.outcome(status, cause), took, polls);
    } catch (RuntimeException e) {
      Waits.ignored("the job meters", e);
    }
    try {
      observation.end(cause);
    } catch (RuntimeException e) {
      Waits.ignored("the job observation", e);
    }
    try {
      watcher.onEnd.ended(handle, status, took);
    } catch (RuntimeException e) {
      Waits.ignored("the end of a wait (budget, spend)", e);
    }
    return true;
  }

  /** Polls at {@code when}, or at the deadline if that comes first. */
  void scheduleAt(Instant when) {
    Instant at = when.isAfter(deadline) ? deadline : when;
    Duration delay = Duration.between(watcher.clock.instant(), at);
    watcher.scheduler.schedule(this, delay.isNegative() ? Duration.ZERO : delay);
  }

  /**
   * The first poll, at {@code when}: where it is already due (a policy that polls at once, a wait
   * begun late) it takes a slot from the calling thread, sparing a hand-off to the scheduler; a
   * provider's status call does not wait for the vendor, so the caller is not held.
   */
  void firstPollAt(Instant when, Instant now) {
    Instant at = when.isAfter(deadline) ? deadline : when;
    if (at.isAfter(now)) {
      scheduleAt(at);
    } else {
      poll();
    }
  }

  /**
   * The deadline passed. A poll is always due at the deadline at the latest, and it ends the wait
   * there; what it cannot end is a poll still in flight, which may never answer. That one is
   * cancelled, and the wait times out now.
   */
  @Override
  void deadlineReached() {
    CompletableFuture<JobStatus> call = inFlight;
    if (result.isDone()) {
      return;
    }
    if (waitingForSlot) {
      timeOut(null); // its last poll is still waiting for a slot
    } else if (call != null && !call.isDone()) {
      timeOut(null);
      call.cancel(false);
    }
  }

  /** The scheduled poll fell due. */
  @Override
  public void run() {
    poll();
  }

  /** A poll fell due: it waits for a slot of its provider's, unless one is free. */
  void poll() {
    if (!stillDue()) {
      return; // the caller cancelled the wait, or its deadline passed
    }
    waitingForSlot = true;
    queue.offer(this);
    if (waitingForSlot && !watcher.clock.instant().isBefore(deadline)) {
      timeOut(null); // no slot for the poll at the deadline: the wait ends on time
    }
  }

  boolean stillDue() {
    return !result.isDone() && timingOut == 0;
  }

  /** The poll has a slot: it calls the vendor, and gives the slot back when the call ends. */
  void call() {
    waitingForSlot = false;
    if (!stillDue()) {
      releaseSlot();
      return;
    }
    polls++;
    CompletableFuture<JobStatus> call = Waits.call(() -> provider.status(handle));
    inFlight = call;
    call.whenComplete(
        (status, error) -> {
          releaseSlot();
          inFlight = null; // this call's answer is read below; it need not be kept
          if (result.isDone() || timingOut != 0) {
            return; // stopped, or timed out, while the poll was in flight
          }
          try {
            if (error != null) {
              onError(Waits.unwrap(error));
            } else {
              onStatus(status);
            }
          } catch (RuntimeException e) {
            end(null, e);
          }
        });
  }

  /** The next due poll of this provider's, if any, takes the slot, on the scheduler's thread. */
  void releaseSlot() {
    Watch next = queue.release();
    if (next != null) {
      watcher.scheduler.schedule(next::call, Duration.ZERO);
    }
  }

  void onStatus(JobStatus status) {
    failuresInARow = 0;
    lastStatus = status;
    Instant now = watcher.clock.instant();
    Duration elapsed = Duration.between(handle.submittedAt(), now);
    try {
      listener.onStatus(handle, status, elapsed);
    } catch (RuntimeException e) {
      Waits.ignored("a job listener", e);
    }
    if (status instanceof JobStatus.Queued) {
      queued = true;
    } else if (queued) {
      queued = false;
      Waits.quietly(
          "the queue-wait meter",
          () -> watcher.observer.queueWait(handle.providerId(), Waits.notNegative(elapsed)));
    }
    if (status.isTerminal()) {
      if (status instanceof JobStatus.Succeeded succeeded && watcher.polling.learns()) {
        // The vendor's own figure, where it gives one, is exact; else the job ended somewhere
        // between the last two polls.
        Duration from =
            succeeded.vendorReportedDuration().orElse(Duration.ofNanos(lastUnfinishedNanos));
        Duration to = succeeded.vendorReportedDuration().orElse(elapsed);
        try {
          watcher.polling.completed(provider.info(), handle, from, to, polls, onSchedule);
        } catch (RuntimeException e) {
          Waits.ignored("the polling policy", e);
        }
      }
      watcher.vendorEnded(handle, status);
      end(ResultExpiry.mark(status, provider.info(), handle, lastUnfinishedNanos), null);
    } else if (!now.isBefore(deadline)) {
      timeOut(null);
    } else {
      lastUnfinishedNanos = elapsed.toNanos();
      scheduleAt(
          Waits.plus(now, Waits.nextPoll(watcher.polling, provider, handle, elapsed, status)));
    }
  }

  void onError(Throwable error) {
    if (!(error instanceof NanoBananaException e) || !e.isRetryable()) {
      end(null, error);
      return;
    }
    int failures = ++failuresInARow;
    if (failures >= watcher.retry.maxAttempts()) {
      end(null, error);
      return;
    }
    Duration wait = watcher.retry.delayAfter(e, failures, watcher.random.getAsDouble());
    Instant next = Waits.plus(watcher.clock.instant(), wait);
    LOG.log(
        System.Logger.Level.DEBUG,
        "poll {0} of {1} task {2} failed ({3}); polling again in {4}",
        failures,
        handle.providerId(),
        handle.taskId(),
        e.getMessage(),
        wait);
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
    if (!TIMING_OUT.compareAndSet(this, 0, 1)) {
      return; // the deadline task and a poll both found the deadline passed
    }
    if (!cancelAtDeadline || !(provider instanceof CancellationPort cancellation)) {
      end(null, new JobTimeoutException(handle, timeout, lastStatus, lastError));
      return;
    }
    // The vendor's answer to the cancel is waited for a short while at most: a cancel that
    // hangs must not hold the wait past its deadline by more than that.
    watcher.scheduler.schedule(
        () -> end(null, new JobTimeoutException(handle, timeout, lastStatus, lastError)),
        JobWatcher.CANCEL_GRACE);
    Waits.call(() -> cancellation.cancel(handle))
        .whenComplete(
            (answer, error) ->
                end(
                    null,
                    new JobTimeoutException(
                        handle,
                        timeout,
                        lastStatus,
                        lastError,
                        error == null && answer == CancelResult.REQUESTED)));
  }
}
