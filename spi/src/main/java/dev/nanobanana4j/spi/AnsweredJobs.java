package dev.nanobanana4j.spi;

import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.JobNotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The ends of jobs a vendor answered with the submission itself, for a provider whose vendor is
 * synchronous (Google's {@code generateContent} returns the image in its answer): the provider's
 * submit keeps the job's end here under the handle's task id, and its status gives it back, so the
 * client waits for such a job as for any other (its first poll, due at once, finds it).
 *
 * <p>The vendor keeps nothing to poll, so the end lives in this process only: a handle resumed in
 * another process, or asked about after {@code keep}, is {@link JobNotFoundException}. Bounded in
 * jobs and in inline image bytes; beyond either, the oldest are let go (logged, as their images are
 * then lost to whoever did not wait). Save what a synchronous job made when it ends: the client's
 * {@code generate} hands it over at once.
 */
public final class AnsweredJobs {
  private static final System.Logger LOG = System.getLogger(AnsweredJobs.class.getName());

  /** How long an answered job is kept by default. */
  public static final Duration DEFAULT_KEEP = Duration.ofMinutes(30);

  /** How many answered jobs are kept at most by default. */
  public static final int DEFAULT_MAX_JOBS = 1024;

  /**
   * How many bytes of inline images are kept at most by default: an eighth of the heap, and never
   * more than 256 MiB, so that what is kept leaves the heap room for the answers on their way.
   */
  public static final long DEFAULT_MAX_BYTES =
      Math.min(256L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 8);

  private record Held(JobStatus status, Instant until, long bytes) {}

  private final Clock clock;
  private final Duration keep;
  private final int maxJobs;
  private final long maxBytes;
  private final Map<String, Held> held = new LinkedHashMap<>();
  private long bytes;

  /** Answered jobs kept by the defaults, timed by {@code clock}. */
  public AnsweredJobs(Clock clock) {
    this(clock, DEFAULT_KEEP, DEFAULT_MAX_JOBS, DEFAULT_MAX_BYTES);
  }

  /** Answered jobs kept for {@code keep}, at most {@code maxJobs} and {@code maxBytes}. */
  public AnsweredJobs(Clock clock, Duration keep, int maxJobs, long maxBytes) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.keep = Objects.requireNonNull(keep, "keep == null");
    if (keep.isNegative() || keep.isZero() || maxJobs < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("keep, maxJobs and maxBytes must be positive");
    }
    this.maxJobs = maxJobs;
    this.maxBytes = maxBytes;
  }

  /**
   * Keeps {@code status}, the end of the job {@code taskId} names.
   *
   * @throws IllegalArgumentException when a job of that id is kept already (the caller makes ids
   *     that are unique)
   */
  public synchronized void put(String taskId, JobStatus status) {
    Objects.requireNonNull(taskId, "taskId == null");
    Objects.requireNonNull(status, "status == null");
    if (!status.state().isTerminal()) {
      throw new IllegalArgumentException("only a job's end is kept, not " + status.state());
    }
    long size = size(status);
    Instant now = clock.instant();
    forgetExpired(now);
    if (held.containsKey(taskId)) {
      throw new IllegalArgumentException("a job " + taskId + " is kept already");
    }
    held.put(taskId, new Held(status, now.plus(keep), size));
    bytes += size;
    Iterator<Map.Entry<String, Held>> oldest = held.entrySet().iterator();
    // At most one job let go for each kept: bounded, whatever the sizes say.
    for (int left = held.size() - 1;
        left > 0 && (held.size() > maxJobs || bytes > maxBytes) && oldest.hasNext();
        left--) {
      Map.Entry<String, Held> entry = oldest.next();
      LOG.log(
          System.Logger.Level.WARNING,
          "let go of the answer of job {0} before its time: more than {1} jobs or {2} bytes of"
              + " images are kept",
          entry.getKey(),
          maxJobs,
          maxBytes);
      bytes -= entry.getValue().bytes();
      oldest.remove();
    }
  }

  /** Whether a job of that id is kept. */
  public synchronized boolean contains(String taskId) {
    forgetExpired(clock.instant());
    return held.containsKey(taskId);
  }

  /**
   * The kept end of {@code handle}'s job, or a {@link JobNotFoundException} carrying {@code
   * context} and the task id when none is.
   */
  public CompletableFuture<JobStatus> status(JobHandle handle, ErrorContext context) {
    Held found;
    synchronized (this) {
      forgetExpired(clock.instant());
      found = held.get(handle.taskId());
    }
    if (found == null) {
      return CompletableFuture.failedFuture(
          new JobNotFoundException(
              "the vendor answered this job when it was submitted and keeps nothing to ask about;"
                  + " its answer is held only by the process that submitted it, for "
                  + keep
                  + ", and this one holds none",
              context.withTaskId(handle.taskId()),
              null));
    }
    return CompletableFuture.completedFuture(found.status());
  }

  /** How many answered jobs are kept. */
  public synchronized int size() {
    forgetExpired(clock.instant());
    return held.size();
  }

  private void forgetExpired(Instant now) {
    Iterator<Held> it = held.values().iterator();
    while (it.hasNext()) {
      Held next = it.next();
      if (now.isBefore(next.until())) {
        return; // kept in order of arrival, with one lifetime: the rest are younger
      }
      bytes -= next.bytes();
      it.remove();
    }
  }

  private static long size(JobStatus status) {
    long size = 0;
    if (status instanceof JobStatus.Succeeded succeeded) {
      for (GeneratedImage image : succeeded.images()) {
        size += image.bytes().map(b -> (long) b.length).orElse(0L);
      }
    }
    return size;
  }
}
