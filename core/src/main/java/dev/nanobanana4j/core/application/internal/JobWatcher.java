package dev.nanobanana4j.core.application.internal;

import dev.nanobanana4j.core.application.waiting.JobListener;
import dev.nanobanana4j.core.application.waiting.PollingPolicy;
import dev.nanobanana4j.core.application.waiting.RetryPolicy;
import dev.nanobanana4j.core.application.waiting.Scheduler;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.port.ClientObserver;
import dev.nanobanana4j.core.port.ImageProvider;
import dev.nanobanana4j.core.port.ProviderConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * Waits for jobs by polling on a {@link Scheduler}: each job is a small state object and a
 * scheduled task, never a blocked thread. Polls that fail in a retryable way are retried with
 * full-jitter backoff or after the vendor's {@code Retry-After}; nothing passes the deadline.
 */
public final class JobWatcher {
  final Scheduler scheduler;
  final Clock clock;
  final PollingPolicy polling;
  final RetryPolicy retry;
  final DoubleSupplier random;
  final ClientObserver observer;
  private final Duration callbackGrace;
  final WaitEnded onEnd;
  final ActiveWatches active = new ActiveWatches();
  final Deadlines deadlines;
  private final Map<String, PollQueue<Watch>> queues = new ConcurrentHashMap<>();
  private final Map<Waits.TaskKey, JobStatus> delivered = Recent.map(MAX_DELIVERED);

  /** How the jobs seen here ended first: a later, different end is refused. */
  private final Map<Waits.TaskKey, JobStatus> firstEnds = Recent.map(MAX_DELIVERED);

  private static final System.Logger LOG = System.getLogger(JobWatcher.class.getName());

  /** Callback results kept for jobs nobody waits for yet. */
  private static final int MAX_DELIVERED = 10_000;

  /**
   * What is known here of a job a callback names: whether a wait for it is under way and, if its
   * handle was marked, the mark (the nonce of its callback token).
   */
  public Optional<String> watchedMark(String providerId, String taskId) {
    return active.of(providerId, taskId).stream()
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
      WaitEnded onEnd) {
    this.scheduler = scheduler;
    this.clock = clock;
    this.polling = polling;
    this.retry = retry;
    this.random = random;
    this.observer = observer;
    this.callbackGrace = callbackGrace;
    this.onEnd = onEnd;
    this.deadlines = new Deadlines(scheduler, clock);
  }

  /** What the client does when a wait ends: its books on the job. */
  @FunctionalInterface
  public interface WaitEnded {
    /**
     * @param status how the job ended, or null when the wait ended without a status
     * @param took from submission to the end of the wait
     */
    void ended(JobHandle handle, JobStatus status, Duration took);
  }

  /** How long the vendor's answer to a cancel at the deadline is waited for. */
  public static final Duration CANCEL_GRACE = Duration.ofSeconds(5);

  /**
   * A vendor called back with a job's terminal status: the waits for it complete now (exactly once;
   * a later poll or callback changes nothing), or, when nobody waits for it yet, the status is kept
   * for the wait that comes. Returns whether a wait was completed.
   */
  public boolean delivered(String providerId, String taskId, JobStatus status) {
    if (!status.isTerminal()) {
      return false;
    }
    Waits.TaskKey key = Waits.key(providerId, taskId);
    JobStatus first = firstEnds.get(key);
    if (first == null) {
      first = delivered.get(key);
    }
    if (first != null && differ(first, status)) {
      // The first end of a job stands: a vendor that says otherwise later is not believed.
      LOG.log(
          System.Logger.Level.WARNING,
          "{0} task {1} ended {2}; a later report that it ended {3} is refused",
          providerId,
          taskId,
          first.state().label(),
          status.state().label());
      return false;
    }
    boolean completed = false;
    for (Watch watch : active.of(providerId, taskId)) {
      completed |= watch.finish(status);
    }
    if (!completed) {
      delivered.putIfAbsent(key, status);
    }
    return completed;
  }

  /** The vendor said {@code handle}'s job ended so: kept, as the end that stands. */
  void vendorEnded(JobHandle handle, JobStatus status) {
    firstEnds.putIfAbsent(Waits.key(handle.providerId(), handle.taskId()), status);
  }

  /** Whether two ends of one job say different things: another state, or other images. */
  static boolean differ(JobStatus first, JobStatus later) {
    if (first.state() != later.state()) {
      return true;
    }
    if (first instanceof JobStatus.Succeeded a && later instanceof JobStatus.Succeeded b) {
      return !a.images().stream()
          .map(dev.nanobanana4j.core.domain.GeneratedImage::url)
          .toList()
          .equals(
              b.images().stream().map(dev.nanobanana4j.core.domain.GeneratedImage::url).toList());
    }
    return false;
  }

  public CompletableFuture<JobStatus> watch(
      ImageProvider provider,
      JobHandle handle,
      Duration timeout,
      JobListener listener,
      boolean cancelAtDeadline) {
    PollQueue<Watch> queue =
        queues.computeIfAbsent(
            provider.id(), id -> new PollQueue<>(slots(provider), Watch::stillDue, Watch::call));
    Instant now = clock.instant();
    Watch watch =
        new Watch(
            this,
            provider,
            queue,
            handle,
            Waits.plus(now, timeout),
            timeout,
            listener,
            cancelAtDeadline);
    active.add(watch);
    // The deadline is kept apart from the polls: a poll that never answers cannot hold the wait.
    deadlines.add(watch);
    // A callback that came before its wait is rare: the key is not even made when none did.
    JobStatus early =
        delivered.isEmpty()
            ? null
            : delivered.remove(Waits.key(handle.providerId(), handle.taskId()));
    if (early == null && !firstEnds.isEmpty()) {
      early = firstEnds.get(Waits.key(handle.providerId(), handle.taskId())); // ended already
    }
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
    watch.firstPollAt(Waits.plus(handle.submittedAt(), first), now);
    return watch.result;
  }

  /** The provider's {@code maxConcurrentRequests}; the default where it reports none (below 1). */
  private static int slots(ImageProvider provider) {
    int slots = provider.maxConcurrentRequests();
    return slots < 1 ? ProviderConfig.DEFAULT_MAX_CONCURRENT_REQUESTS : slots;
  }

  /**
   * Stops every wait: their futures are cancelled, and so is each poll in flight, so that nothing
   * the watches hold outlives the client. The jobs themselves go on at their vendors.
   */
  public void stopAll() {
    for (Watch watch : active.all()) {
      watch.result.cancel(false);
      CompletableFuture<JobStatus> call = watch.inFlight;
      if (call != null) {
        call.cancel(false);
      }
    }
    active.clear();
    deadlines.clear();
    queues.clear();
  }
}
