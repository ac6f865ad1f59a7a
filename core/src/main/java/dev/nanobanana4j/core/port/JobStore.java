package dev.nanobanana4j.core.port;

import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.Money;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The ledger of jobs, outliving the process: each submission is recorded before it is sent, and
 * each job's state, result and lease after. Shared by a fleet of clients, it lets one instance poll
 * each job at a time (a lease that expires when the instance dies) and tells every instance when a
 * job settles.
 *
 * <p>Called on the client's threads; each call must be short (a few milliseconds) and may throw
 * {@link dev.nanobanana4j.core.error.JobStoreException}. Nothing passed here is secret: a handle's
 * token carries none.
 *
 * <p>Implementations: {@code nanobanana4j-store-jdbc} (an embedded H2 file, or PostgreSQL for a
 * fleet).
 */
public interface JobStore extends AutoCloseable {

  /**
   * A submission about to be sent.
   *
   * @param id a new id for it, unique in the store
   * @param providerId where it goes
   * @param prompt the prompt (cut to {@link StoredJob#MAX_PROMPT} characters by the store)
   * @param summary the rest of the request in a few words
   * @param estimate its price, where known
   * @param reservationId its reservation in a {@link BudgetLedger shared budget}, if any: the store
   *     commits or releases it when the job settles
   * @param at now
   */
  record Submission(
      String id,
      String providerId,
      String prompt,
      String summary,
      Optional<Money> estimate,
      Optional<String> reservationId,
      Instant at) {
    /** Checks the fields. */
    public Submission {
      Objects.requireNonNull(id, "id == null");
      Objects.requireNonNull(providerId, "providerId == null");
      Objects.requireNonNull(prompt, "prompt == null");
      Objects.requireNonNull(summary, "summary == null");
      Objects.requireNonNull(estimate, "estimate == null");
      Objects.requireNonNull(reservationId, "reservationId == null");
      Objects.requireNonNull(at, "at == null");
    }
  }

  /** Records a submission before it is sent, in state {@link StoredJob.State#SUBMITTING}. */
  void submitting(Submission submission);

  /** The vendor accepted submission {@code id} as {@code handle}'s job. */
  void accepted(String id, JobHandle handle, Instant at);

  /**
   * The vendor's answer to submission {@code id}: {@link StoredJob.State#REFUSED} when it certainly
   * did not take the job, else {@link StoredJob.State#OUTCOME_UNKNOWN}.
   */
  void notAccepted(String id, StoredJob.State state, String message, Instant at);

  /**
   * Records {@code handle}'s job, accepted elsewhere (a token resumed), unless it is known already.
   */
  void track(JobHandle handle, Instant at);

  /** A job not yet ended was seen in {@code status}; an ended job is left as it is. */
  void progressed(JobHandle handle, JobStatus status, Instant at);

  /**
   * Settles the job with its terminal {@code status}, exactly once however many instances try:
   * returns whether this call settled it (false when it had settled already, or is unknown here). A
   * reservation recorded with the job is committed (succeeded) or released (failed, cancelled) with
   * it. The instances that {@linkplain #subscribe subscribed} are told.
   */
  boolean settle(JobHandle handle, JobStatus status, String by, Instant at);

  /** The job the vendor knows as {@code taskId} at {@code providerId}. */
  Optional<StoredJob> find(String providerId, String taskId);

  /**
   * The jobs among {@code taskIds} at {@code providerId} that the store knows, in any order: one
   * call for many, where the store can (the default asks {@link #find} for each).
   */
  default List<StoredJob> findAll(String providerId, java.util.Collection<String> taskIds) {
    List<StoredJob> found = new java.util.ArrayList<>();
    for (String taskId : taskIds) {
      find(providerId, taskId).ifPresent(found::add);
    }
    return found;
  }

  /**
   * The most recent jobs first, at most {@code limit}, in any of {@code states} (all when empty).
   */
  List<StoredJob> list(Set<StoredJob.State> states, int limit);

  /**
   * Takes the lease of {@code handle}'s job for {@code owner} until {@code until}, when the job is
   * in flight and its lease is free, expired at {@code now}, or {@code owner}'s already. Returns
   * whether {@code owner} holds it.
   */
  boolean claim(JobHandle handle, String owner, Instant now, Instant until);

  /**
   * Takes the lease of at most {@code max} jobs in flight at any of {@code providerIds} whose lease
   * is free or expired at {@code now}, oldest first, and returns them: the jobs an instance that
   * died left unpolled, among those this instance can poll.
   */
  List<StoredJob> claimOrphans(
      String owner, Set<String> providerIds, Instant now, Instant until, int max);

  /** Extends every lease {@code owner} holds to {@code until}; returns how many. */
  int renew(String owner, Instant until);

  /** Gives up {@code handle}'s lease, if {@code owner} holds it. */
  void release(JobHandle handle, String owner);

  /** Gives up every lease {@code owner} holds: the instance is stopping. */
  void releaseAll(String owner);

  /**
   * Calls {@code settled} with the provider id and task id of each job that settles anywhere in the
   * fleet (in this process at least; across processes where the store can tell, as PostgreSQL's
   * {@code LISTEN/NOTIFY} does). Closing the returned handle stops the calls.
   */
  AutoCloseable subscribe(BiConsumer<String, String> settled);

  /** Whether {@link #subscribe} hears of jobs settled by other processes. */
  default boolean notifiesAcrossProcesses() {
    return false;
  }

  /** Releases what the store holds (connections, threads). */
  @Override
  void close();
}
