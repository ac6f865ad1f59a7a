package dev.nanobanana4j.core.application;

import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.port.JobStore;
import dev.nanobanana4j.core.port.StoredJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * A job store in memory, for the client's tests: what the port promises (settle once, leases that
 * expire, listeners told), without a database. The JDBC store is tested against its own contract.
 */
final class MemoryJobStore implements JobStore {
  private final Map<String, StoredJob> jobs = new LinkedHashMap<>();
  private final List<BiConsumer<String, String>> listeners = new CopyOnWriteArrayList<>();
  int settlements;
  boolean closed;

  private StoredJob with(
      StoredJob job,
      StoredJob.State state,
      Optional<String> taskId,
      Optional<String> token,
      Instant at,
      Optional<Instant> settledAt,
      List<dev.nanobanana4j.core.domain.GeneratedImage> images,
      Optional<JobStatus.Failed> failure,
      Optional<String> owner,
      Optional<Instant> until) {
    return new StoredJob(
        job.id(),
        job.providerId(),
        taskId,
        token,
        state,
        job.prompt(),
        job.summary(),
        job.estimate(),
        job.createdAt(),
        at,
        settledAt,
        images,
        failure,
        owner,
        until);
  }

  private StoredJob leased(StoredJob job, Optional<String> owner, Optional<Instant> until) {
    return with(
        job,
        job.state(),
        job.taskId(),
        job.token(),
        job.updatedAt(),
        job.settledAt(),
        job.images(),
        job.failure(),
        owner,
        until);
  }

  /** The client's reference of each submission that has one: (provider id, reference) → job id. */
  private final Map<String, String> references = new java.util.HashMap<>();

  @Override
  public synchronized Optional<StoredJob> findByReference(String providerId, String reference) {
    return Optional.ofNullable(references.get(providerId + '\n' + reference)).map(jobs::get);
  }

  @Override
  public synchronized void submitting(Submission s) {
    s.reference().ifPresent(r -> references.put(s.providerId() + '\n' + r, s.id()));
    jobs.put(
        s.id(),
        new StoredJob(
            s.id(),
            s.providerId(),
            Optional.empty(),
            Optional.empty(),
            StoredJob.State.SUBMITTING,
            s.prompt(),
            s.summary(),
            s.estimate(),
            s.at(),
            s.at(),
            Optional.empty(),
            List.of(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));
  }

  private static boolean unanswered(StoredJob job) {
    return job.state() == StoredJob.State.SUBMITTING
        || (job.state() == StoredJob.State.OUTCOME_UNKNOWN && job.taskId().isEmpty());
  }

  @Override
  public synchronized void accepted(String id, JobHandle handle, Instant at) {
    StoredJob job = jobs.get(id);
    if (job == null || !unanswered(job)) {
      return;
    }
    jobs.put(
        id,
        with(
            job,
            StoredJob.State.ACCEPTED,
            Optional.of(handle.taskId()),
            Optional.of(handle.toToken()),
            at,
            Optional.empty(),
            List.of(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));
  }

  @Override
  public synchronized void notAccepted(
      String id, StoredJob.State state, String message, Instant at) {
    StoredJob job = jobs.get(id);
    if (job == null || !unanswered(job)) {
      return;
    }
    jobs.put(
        id,
        with(
            job,
            state,
            Optional.empty(),
            Optional.empty(),
            at,
            Optional.of(at),
            List.of(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));
  }

  @Override
  public synchronized List<StoredJob> sweepUnanswered(Instant before, Instant at) {
    List<StoredJob> swept = new ArrayList<>();
    for (StoredJob job : List.copyOf(jobs.values())) {
      if (job.state() == StoredJob.State.SUBMITTING && job.createdAt().isBefore(before)) {
        swept.add(job);
        jobs.put(
            job.id(),
            with(
                job,
                StoredJob.State.OUTCOME_UNKNOWN,
                Optional.empty(),
                Optional.empty(),
                at,
                Optional.of(at),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
      }
    }
    return swept;
  }

  @Override
  public synchronized boolean resolve(
      String id, Optional<JobHandle> handle, String message, Instant at) {
    StoredJob job = jobs.get(id);
    if (job == null || job.state() != StoredJob.State.OUTCOME_UNKNOWN) {
      return false;
    }
    jobs.put(
        id,
        with(
            job,
            handle.isPresent() ? StoredJob.State.ACCEPTED : StoredJob.State.REFUSED,
            handle.map(JobHandle::taskId),
            handle.map(h -> h.withAttribute(JobHandle.SUBMISSION, id).toToken()),
            at,
            handle.isPresent() ? Optional.empty() : Optional.of(at),
            List.of(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));
    return true;
  }

  private final Map<String, Instance> instances = new LinkedHashMap<>();

  @Override
  public synchronized long count(Set<StoredJob.State> states) {
    return jobs.values().stream()
        .filter(j -> states.isEmpty() || states.contains(j.state()))
        .count();
  }

  @Override
  public synchronized void heartbeat(String instanceId, Set<String> providerIds, Instant now) {
    Instance was = instances.get(instanceId);
    instances.put(
        instanceId,
        new Instance(instanceId, providerIds, was == null ? now : was.startedAt(), now));
  }

  @Override
  public synchronized void stopped(String instanceId) {
    instances.remove(instanceId);
  }

  @Override
  public synchronized List<Instance> instances(Instant since) {
    return instances.values().stream()
        .filter(i -> !i.lastSeen().isBefore(since))
        .sorted(Comparator.comparing(Instance::lastSeen).reversed())
        .toList();
  }

  @Override
  public synchronized int prune(Instant endedBefore, int max) {
    int pruned = 0;
    for (StoredJob job : List.copyOf(jobs.values())) {
      if (pruned < max
          && job.state().isEnded()
          && job.state() != StoredJob.State.OUTCOME_UNKNOWN
          && job.settledAt().orElseThrow().isBefore(endedBefore)) {
        jobs.remove(job.id());
        pruned++;
      }
    }
    return pruned;
  }

  @Override
  public synchronized Optional<StoredJob> get(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  @Override
  public synchronized void track(JobHandle handle, Instant at) {
    if (find(handle).isPresent()) {
      return;
    }
    String id = handle.submissionId().orElse("tracked-" + jobs.size());
    submitting(
        new Submission(
            id, handle.providerId(), "", "resumed", Optional.empty(), Optional.empty(), at));
    accepted(id, handle, at);
  }

  @Override
  public synchronized void progressed(JobHandle handle, JobStatus status, Instant at) {
    find(handle)
        .filter(job -> job.state().isInFlight())
        .ifPresent(
            job ->
                jobs.put(
                    job.id(),
                    with(
                        job,
                        StoredJob.State.of(status),
                        job.taskId(),
                        job.token(),
                        at,
                        Optional.empty(),
                        List.of(),
                        Optional.empty(),
                        job.leaseOwner(),
                        job.leaseUntil())));
  }

  @Override
  public boolean settle(JobHandle handle, JobStatus status, String by, Instant at) {
    synchronized (this) {
      Optional<StoredJob> found = find(handle).filter(job -> job.state().isInFlight());
      if (found.isEmpty()) {
        return false;
      }
      StoredJob job = found.get();
      jobs.put(
          job.id(),
          with(
              job,
              StoredJob.State.of(status),
              job.taskId(),
              job.token(),
              at,
              Optional.of(at),
              status instanceof JobStatus.Succeeded s ? s.images() : List.of(),
              status instanceof JobStatus.Failed f ? Optional.of(f) : Optional.empty(),
              Optional.empty(),
              Optional.empty()));
      settlements++;
    }
    listeners.forEach(listener -> listener.accept(handle.providerId(), handle.taskId()));
    return true;
  }

  @Override
  public synchronized Optional<StoredJob> find(String providerId, String taskId) {
    // The newest with the task id: a vendor may give it to several jobs.
    return jobs.values().stream()
        .filter(
            job -> job.providerId().equals(providerId) && job.taskId().equals(Optional.of(taskId)))
        .reduce((first, later) -> later);
  }

  @Override
  public synchronized List<StoredJob> list(Set<StoredJob.State> states, int limit) {
    return jobs.values().stream()
        .filter(job -> states.isEmpty() || states.contains(job.state()))
        .sorted(Comparator.comparing(StoredJob::createdAt).reversed())
        .limit(limit)
        .toList();
  }

  private static boolean free(StoredJob job, String owner, Instant now) {
    return job.state().isInFlight()
        && (job.leaseOwner().isEmpty()
            || job.leaseOwner().equals(Optional.ofNullable(owner))
            || job.leaseUntil().orElseThrow().isBefore(now));
  }

  @Override
  public synchronized boolean claim(JobHandle handle, String owner, Instant now, Instant until) {
    Optional<StoredJob> job = find(handle).filter(j -> free(j, owner, now));
    job.ifPresent(j -> jobs.put(j.id(), leased(j, Optional.of(owner), Optional.of(until))));
    return job.isPresent();
  }

  @Override
  public synchronized List<StoredJob> claimOrphans(
      String owner, Set<String> providerIds, Instant now, Instant until, int max) {
    List<StoredJob> taken = new ArrayList<>();
    for (StoredJob job : List.copyOf(jobs.values())) {
      if (taken.size() < max && providerIds.contains(job.providerId()) && free(job, null, now)) {
        jobs.put(job.id(), leased(job, Optional.of(owner), Optional.of(until)));
        taken.add(job);
      }
    }
    return taken;
  }

  @Override
  public synchronized int renew(String owner, Instant until) {
    int renewed = 0;
    for (StoredJob job : List.copyOf(jobs.values())) {
      if (job.state().isInFlight() && job.leaseOwner().equals(Optional.of(owner))) {
        jobs.put(job.id(), leased(job, job.leaseOwner(), Optional.of(until)));
        renewed++;
      }
    }
    return renewed;
  }

  @Override
  public synchronized void release(JobHandle handle, String owner) {
    find(handle)
        .filter(job -> job.leaseOwner().equals(Optional.of(owner)))
        .ifPresent(job -> jobs.put(job.id(), leased(job, Optional.empty(), Optional.empty())));
  }

  @Override
  public synchronized void releaseAll(String owner) {
    for (StoredJob job : List.copyOf(jobs.values())) {
      if (job.leaseOwner().equals(Optional.of(owner))) {
        jobs.put(job.id(), leased(job, Optional.empty(), Optional.empty()));
      }
    }
  }

  @Override
  public AutoCloseable subscribe(BiConsumer<String, String> settled) {
    listeners.add(settled);
    return () -> listeners.remove(settled);
  }

  @Override
  public void close() {
    closed = true;
  }
}
