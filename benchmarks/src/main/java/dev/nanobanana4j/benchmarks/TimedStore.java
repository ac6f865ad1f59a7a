package dev.nanobanana4j.benchmarks;

import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.port.JobStore;
import dev.nanobanana4j.core.port.StoredJob;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * A {@link JobStore} that times every call made to the store it wraps, and writes a line for each
 * settlement this process won to {@code settledLog}, at once, so that the lines outlive a kill.
 */
final class TimedStore implements JobStore {
  private final JobStore store;
  private final OutputStream settledLog;
  final AtomicLong nanos = new AtomicLong();
  final AtomicLong calls = new AtomicLong();
  final AtomicLong settled = new AtomicLong();

  TimedStore(JobStore store, OutputStream settledLog) {
    this.store = store;
    this.settledLog = settledLog;
  }

  /** Per method: calls and nanoseconds. */
  final java.util.Map<String, long[]> byMethod = new java.util.concurrent.ConcurrentHashMap<>();

  private <T> T timed(String method, Supplier<T> call) {
    long start = System.nanoTime();
    try {
      return call.get();
    } finally {
      long took = System.nanoTime() - start;
      nanos.addAndGet(took);
      calls.incrementAndGet();
      long[] figures = byMethod.computeIfAbsent(method, m -> new long[2]);
      synchronized (figures) {
        figures[0]++;
        figures[1] += took;
      }
    }
  }

  private void timed(String method, Runnable call) {
    timed(
        method,
        () -> {
          call.run();
          return null;
        });
  }

  /** The calls and milliseconds of each method, on one line. */
  String breakdown() {
    StringBuilder line = new StringBuilder();
    new java.util.TreeMap<>(byMethod)
        .forEach(
            (method, figures) ->
                line.append(' ')
                    .append(method)
                    .append('=')
                    .append(figures[0])
                    .append('/')
                    .append(figures[1] / 1_000_000)
                    .append("ms"));
    return line.toString().strip();
  }

  @Override
  public void submitting(Submission submission) {
    timed("submitting", () -> store.submitting(submission));
  }

  @Override
  public void accepted(String id, JobHandle handle, Instant at) {
    timed("accepted", () -> store.accepted(id, handle, at));
  }

  @Override
  public void notAccepted(String id, StoredJob.State state, String message, Instant at) {
    timed("notAccepted", () -> store.notAccepted(id, state, message, at));
  }

  @Override
  public void track(JobHandle handle, Instant at) {
    timed("track", () -> store.track(handle, at));
  }

  @Override
  public void progressed(JobHandle handle, JobStatus status, Instant at) {
    timed("progressed", () -> store.progressed(handle, status, at));
  }

  @Override
  public boolean settle(JobHandle handle, JobStatus status, String by, Instant at) {
    boolean won = timed("settle", () -> store.settle(handle, status, by, at));
    if (won) {
      settled.incrementAndGet();
      synchronized (settledLog) {
        try {
          settledLog.write(
              (handle.providerId() + "/" + handle.taskId() + "\n")
                  .getBytes(StandardCharsets.UTF_8));
          settledLog.flush();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return won;
  }

  @Override
  public Optional<StoredJob> find(String providerId, String taskId) {
    return timed("find", () -> store.find(providerId, taskId));
  }

  @Override
  public Optional<StoredJob> findByReference(String providerId, String reference) {
    return timed("findByReference", () -> store.findByReference(providerId, reference));
  }

  @Override
  public Optional<StoredJob> get(String id) {
    return timed("get", () -> store.get(id));
  }

  @Override
  public Optional<StoredJob> find(JobHandle handle) {
    return timed("find", () -> store.find(handle));
  }

  @Override
  public List<StoredJob> findAll(String providerId, java.util.Collection<String> taskIds) {
    return timed("findAll", () -> store.findAll(providerId, taskIds));
  }

  @Override
  public long count(Set<StoredJob.State> states) {
    return timed("count", () -> store.count(states));
  }

  @Override
  public void heartbeat(String instanceId, Set<String> providerIds, Instant now) {
    timed("heartbeat", () -> store.heartbeat(instanceId, providerIds, now));
  }

  @Override
  public void stopped(String instanceId) {
    timed("stopped", () -> store.stopped(instanceId));
  }

  @Override
  public List<Instance> instances(Instant since) {
    return timed("instances", () -> store.instances(since));
  }

  @Override
  public int prune(Instant endedBefore, int max) {
    return timed("prune", () -> store.prune(endedBefore, max));
  }

  @Override
  public List<StoredJob> sweepUnanswered(Instant before, Instant at) {
    return timed("sweepUnanswered", () -> store.sweepUnanswered(before, at));
  }

  @Override
  public boolean resolve(String id, Optional<JobHandle> handle, String message, Instant at) {
    return timed("resolve", () -> store.resolve(id, handle, message, at));
  }

  @Override
  public List<StoredJob> list(Set<StoredJob.State> states, int limit) {
    return timed("list", () -> store.list(states, limit));
  }

  @Override
  public boolean claim(JobHandle handle, String owner, Instant now, Instant until) {
    return timed("claim", () -> store.claim(handle, owner, now, until));
  }

  @Override
  public List<StoredJob> claimOrphans(
      String owner, Set<String> providerIds, Instant now, Instant until, int max) {
    return timed("claimOrphans", () -> store.claimOrphans(owner, providerIds, now, until, max));
  }

  @Override
  public int renew(String owner, Instant until) {
    return timed("renew", () -> store.renew(owner, until));
  }

  @Override
  public void release(JobHandle handle, String owner) {
    timed("release", () -> store.release(handle, owner));
  }

  @Override
  public void releaseAll(String owner) {
    timed("releaseAll", () -> store.releaseAll(owner));
  }

  @Override
  public AutoCloseable subscribe(BiConsumer<String, String> settled) {
    return store.subscribe(settled);
  }

  @Override
  public boolean notifiesAcrossProcesses() {
    return store.notifiesAcrossProcesses();
  }

  @Override
  public void close() {
    store.close();
  }
}
