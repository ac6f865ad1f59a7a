package dev.nanobanana4j.core.application.internal;

import dev.nanobanana4j.core.application.waiting.JobListener;
import dev.nanobanana4j.core.application.waiting.PollingPolicy;
import dev.nanobanana4j.core.application.waiting.RetryPolicy;
import dev.nanobanana4j.core.application.waiting.Scheduler;
import dev.nanobanana4j.core.domain.CancelResult;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.error.JobTimeoutException;
import dev.nanobanana4j.core.error.NanoBananaException;
import dev.nanobanana4j.core.port.CancellationPort;
import dev.nanobanana4j.core.port.ClientObserver;
import dev.nanobanana4j.core.port.ImageProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.DoubleSupplier;

/**
 * Waits for jobs by polling on a {@link Scheduler}: each job is a small state object and a
 * scheduled task, never a blocked thread. Polls that fail in a retryable way are retried with
 * full-jitter backoff or after the vendor's {@code Retry-After}; nothing passes the deadline.
 */
public final class JobWatcher {
  private final Scheduler scheduler;
  private final Clock clock;
  private final PollingPolicy polling;
  private final RetryPolicy retry;
  private final DoubleSupplier random;
  private final ClientObserver observer;
  private final Duration callbackGrace;
  private final BiConsumer<JobHandle, JobStatus> onEnd;
  private final Map<String, Set<Watch>> active = new ConcurrentHashMap<>();
  private final Map<String, JobStatus> delivered = Recent.map(MAX_DELIVERED);

  /** Callback results kept for jobs nobody waits for yet. */
  private static final int MAX_DELIVERED = 10_000;

  /**
   * What is known here of a job a callback names: whether a wait for it is under way and, if its
   * handle was marked, the mark (the nonce of its callback token).
   */
  public Optional<String> watchedMark(String providerId, String taskId) {
    Set<Watch> watches = active.getOrDefault(Waits.key(providerId, taskId), Set.of());
    return watches.stream()
        .findFirst()
        .map(watch -> watch.handle.attributes().getOrDefault(CallbackMarks.CALLBACK, ""));
  }

  public JobWatcher(
      Scheduler scheduler,
      Clock clock,
      PollingPolicy polling,
      RetryPolicy retry,
      DoubleSupplier random,
      ClientObserver observer,
      Duration callbackGrace,
      BiConsumer<JobHandle, JobStatus> onEnd) {
    this.scheduler = scheduler;
    this.clock = clock;
    this.polling = polling;
    this.retry = retry;
    this.random = random;
    this.observer = observer;
    this.callbackGrace = callbackGrace;
    this.onEnd = onEnd;
  }

  /** How long the vendor's answer to a cancel at the deadline is waited for. */
  public static final Duration CANCEL_GRACE = Duration.ofSeconds(5);

  /** The longest delay handed to the scheduler: a deadline further away is as good as never. */
  private static final Duration LONGEST_DELAY = Duration.ofDays(365 * 100);

  private static final System.Logger LOG = System.getLogger(JobWatcher.class.getName());

  /**
   * A vendor called back with a job's terminal status: the waits for it complete now (exactly once;
   * a later poll or callback changes nothing), or, when nobody waits for it yet, the status is kept
   * for the wait that comes. Returns whether a wait was completed.
   */
  public boolean delivered(String providerId, String taskId, JobStatus status) {
    if (!status.isTerminal()) {
      return false;
    }
    String key = Waits.key(providerId, taskId);
    Set<Watch> watches = active.get(key);
    boolean completed = false;
    if (watches != null) {
      for (Watch watch : watches) {
        completed |= watch.finish(status);
      }
    }
    if (!completed) {
      delivered.put(key, status);
    }
    return completed;
  }

  public CompletableFuture<JobStatus> watch(
      ImageProvider provider,
      JobHandle handle,
      Duration timeout,
      JobListener listener,
      boolean cancelAtDeadline) {
    Watch watch =
        new Watch(
            provider,
            handle,
            Waits.plus(clock.instant(), timeout),
            timeout,
            listener,
            cancelAtDeadline);
    active.computeIfAbsent(watch.key, k -> ConcurrentHashMap.newKeySet()).add(watch);
    // The deadline is a task of its own, so that a poll that never answers cannot hold the wait
    // past it. It holds the watch weakly: a wait that ended early is not kept until its deadline.
    java.lang.ref.WeakReference<Watch> weak = new java.lang.ref.WeakReference<>(watch);
    scheduler.schedule(
        () -> {
          Watch w = weak.get();
          if (w != null) {
            w.deadlineReached();
          }
        },
        timeout.compareTo(LONGEST_DELAY) > 0 ? LONGEST_DELAY : timeout);
    // A caller's cancel ends the wait without passing through Watch.end.
    watch.result.whenComplete(watch::settleOnce);
    JobStatus early = delivered.remove(watch.key);
    if (early != null) {
      watch.finish(early);
      return watch.result;
    }
    watch.onSchedule = polling.onSchedule(provider.info(), handle);
    Duration first = polling.firstPoll(provider.info(), handle);
    if (handle.attributes().containsKey(CallbackMarks.CALLBACK)
        && first.compareTo(callbackGrace) < 0) {
      first = callbackGrace; // the vendor calls back; polling is the fallback
    }
    watch.scheduleAt(Waits.plus(handle.submittedAt(), first));
    return watch.result;
  }

  /**
   * Stops every wait: their futures are cancelled, and so is each poll in flight, so that nothing
   * the watches hold outlives the client. The jobs themselves go on at their vendors.
   */
  public void stopAll() {
    for (Set<Watch> watches : active.values()) {
      for (Watch watch : watches) {
        watch.result.cancel(false);
        CompletableFuture<JobStatus> call = watch.inFlight;
        if (call != null) {
          call.cancel(false);
        }
      }
    }
    active.clear();
  }

  /** One job being waited for. Its fields are touched by one poll at a time. */
  private final class Watch {
    final ImageProvider provider;
    final JobHandle handle;
    final String key;
    final Instant deadline;
    final Duration timeout;
    final JobListener listener;
    final boolean cancelAtDeadline;
    final CompletableFuture<JobStatus> result = new CompletableFuture<>();
    final AtomicBoolean ended = new AtomicBoolean();
    final AtomicBoolean timingOut = new AtomicBoolean();
    final ClientObserver.JobObservation observation;
    volatile JobStatus lastStatus;
    volatile Duration lastUnfinished = Duration.ZERO;
    volatile boolean onSchedule;
    volatile int failuresInARow;
    volatile int polls;
    volatile boolean queued;
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
      this.key = Waits.key(handle.providerId(), handle.taskId());
      this.deadline = deadline;
      this.timeout = timeout;
      this.listener = listener;
      this.cancelAtDeadline = cancelAtDeadline;
      this.observation = Waits.observe(observer, handle.providerId());
    }

    /** Ends the wait with a status a callback delivered; false if it had already ended. */
    boolean finish(JobStatus status) {
      lastStatus = status;
      CompletableFuture<JobStatus> call = inFlight;
      boolean completed = end(status, null);
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
      if (!ended.compareAndSet(false, true)) {
        return false;
      }
      active.computeIfPresent(
          key,
          (k, watches) -> {
            watches.remove(this);
            return watches.isEmpty() ? null : watches;
          });
      Throwable cause = error == null ? null : Waits.unwrap(error);
      Waits.quietly(
          "the job meters",
          () ->
              observer.completed(
                  handle.providerId(),
                  Waits.outcome(status, cause),
                  Waits.notNegative(Duration.between(handle.submittedAt(), clock.instant())),
                  polls));
      Waits.quietly("the job observation", () -> observation.end(cause));
      Waits.quietly("the end of a wait (budget, spend)", () -> onEnd.accept(handle, status));
      return true;
    }

    /** Polls at {@code when}, or at the deadline if that comes first. */
    void scheduleAt(Instant when) {
      Instant at = when.isAfter(deadline) ? deadline : when;
      Duration delay = Duration.between(clock.instant(), at);
      scheduler.schedule(this::poll, delay.isNegative() ? Duration.ZERO : delay);
    }

    /**
     * The deadline passed. A poll is always due at the deadline at the latest, and it ends the wait
     * there; what it cannot end is a poll still in flight, which may never answer. That one is
     * cancelled, and the wait times out now.
     */
    void deadlineReached() {
      CompletableFuture<JobStatus> call = inFlight;
      if (result.isDone() || call == null || call.isDone()) {
        return;
      }
      timeOut(null);
      call.cancel(false);
    }

    void poll() {
      if (result.isDone() || timingOut.get()) {
        return; // the caller cancelled the wait, or its deadline passed
      }
      polls++;
      CompletableFuture<JobStatus> call = Waits.call(() -> provider.status(handle));
      inFlight = call;
      call.whenComplete(
          (status, error) -> {
            if (result.isDone() || timingOut.get()) {
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

    void onStatus(JobStatus status) {
      failuresInARow = 0;
      lastStatus = status;
      Instant now = clock.instant();
      Duration elapsed = Duration.between(handle.submittedAt(), now);
      Waits.quietly("a job listener", () -> listener.onStatus(handle, status, elapsed));
      if (status instanceof JobStatus.Queued) {
        queued = true;
      } else if (queued) {
        queued = false;
        Waits.quietly(
            "the queue-wait meter",
            () -> observer.queueWait(handle.providerId(), Waits.notNegative(elapsed)));
      }
      if (status.isTerminal()) {
        if (status instanceof JobStatus.Succeeded succeeded) {
          // The vendor's own figure, where it gives one, is exact; else the job ended somewhere
          // between the last two polls.
          Duration from = succeeded.vendorReportedDuration().orElse(lastUnfinished);
          Duration to = succeeded.vendorReportedDuration().orElse(elapsed);
          Waits.quietly(
              "the polling policy",
              () -> polling.completed(provider.info(), handle, from, to, polls, onSchedule));
        }
        end(status, null);
      } else if (!now.isBefore(deadline)) {
        timeOut(null);
      } else {
        lastUnfinished = elapsed;
        scheduleAt(Waits.plus(now, Waits.nextPoll(polling, provider, handle, elapsed, status)));
      }
    }

    void onError(Throwable error) {
      if (!(error instanceof NanoBananaException e) || !e.isRetryable()) {
        end(null, error);
        return;
      }
      int failures = ++failuresInARow;
      if (failures >= retry.maxAttempts()) {
        end(null, error);
        return;
      }
      Duration wait = retry.delayAfter(e, failures, random.getAsDouble());
      Instant next = Waits.plus(clock.instant(), wait);
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
      if (!timingOut.compareAndSet(false, true)) {
        return; // the deadline task and a poll both found the deadline passed
      }
      if (!cancelAtDeadline || !(provider instanceof CancellationPort cancellation)) {
        end(null, new JobTimeoutException(handle, timeout, lastStatus, lastError));
        return;
      }
      // The vendor's answer to the cancel is waited for a short while at most: a cancel that
      // hangs must not hold the wait past its deadline by more than that.
      scheduler.schedule(
          () -> end(null, new JobTimeoutException(handle, timeout, lastStatus, lastError)),
          CANCEL_GRACE);
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
}
