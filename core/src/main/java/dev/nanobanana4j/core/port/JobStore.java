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
 * <p>A job is its submission: the store's own id, given before anything is sent, names it. A
 * vendor's task id names a job only together with that id, since a vendor may give a new job a task
 * id it gave an earlier one. A handle that carries a submission id ({@link
 * JobHandle#submissionId()}) names that row alone; a handle without one (a token made elsewhere)
 * names the newest row with its task id.
 *
 * <p>Called on the client's store threads, never on its scheduler; each call must be short (a few
 * milliseconds), must end within the store's own timeouts when the database does not answer, and
 * may throw {@link dev.nanobanana4j.core.error.JobStoreException}. Nothing passed here is secret: a
 * handle's token carries none.
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
   * @param reference the client's own reference for it that the vendor gives back with the job (the
   *     nonce of its callback URL's token), if any: at most {@link #MAX_REFERENCE} characters, it
   *     finds the submission when the vendor's answer to it was never recorded
   * @param model the model it was priced on, where known
   */
  record Submission(
      String id,
      String providerId,
      String prompt,
      String summary,
      Optional<Money> estimate,
      Optional<String> reservationId,
      Instant at,
      Optional<String> reference,
      Optional<String> model) {
    /** The longest {@link #reference}. */
    public static final int MAX_REFERENCE = 64;

    /** Checks the fields. */
    public Submission {
      Objects.requireNonNull(id, "id == null");
      Objects.requireNonNull(providerId, "providerId == null");
      Objects.requireNonNull(prompt, "prompt == null");
      Objects.requireNonNull(summary, "summary == null");
      Objects.requireNonNull(estimate, "estimate == null");
      Objects.requireNonNull(reservationId, "reservationId == null");
      Objects.requireNonNull(at, "at == null");
      Objects.requireNonNull(reference, "reference == null");
      Objects.requireNonNull(model, "model == null");
      if (reference.filter(r -> r.isEmpty() || r.length() > MAX_REFERENCE).isPresent()) {
        throw new IllegalArgumentException("a reference has 1 to " + MAX_REFERENCE + " characters");
      }
    }

    /** A submission without a reference of the client's, or a model. */
    public Submission(
        String id,
        String providerId,
        String prompt,
        String summary,
        Optional<Money> estimate,
        Optional<String> reservationId,
        Instant at) {
      this(
          id,
          providerId,
          prompt,
          summary,
          estimate,
          reservationId,
          at,
          Optional.empty(),
          Optional.empty());
    }
  }

  /** Records a submission before it is sent, in state {@link StoredJob.State#SUBMITTING}. */
  void submitting(Submission submission);

  /**
   * The vendor accepted submission {@code id} as {@code handle}'s job. A submission {@linkplain
   * #sweepUnanswered swept} as outcome-unknown for want of this answer is in flight again. Another
   * job with the same task id is left as it is.
   */
  void accepted(String id, JobHandle handle, Instant at);

  /**
   * The vendor's answer to submission {@code id}: {@link StoredJob.State#REFUSED} when it certainly
   * did not take the job (its reservation is released), else {@link
   * StoredJob.State#OUTCOME_UNKNOWN} (its reservation counts as spent until the job is {@linkplain
   * #resolve resolved}).
   */
  void notAccepted(String id, StoredJob.State state, String message, Instant at);

  /**
   * Marks each submission recorded before {@code before} whose answer was never recorded (still
   * {@link StoredJob.State#SUBMITTING}: the process that sent it died, or its write was lost) as
   * {@link StoredJob.State#OUTCOME_UNKNOWN}, its reservation counted as spent; returns those jobs.
   * An answer recorded later still lands.
   */
  List<StoredJob> sweepUnanswered(Instant before, Instant at);

  /**
   * Settles by hand submission {@code id}, whose outcome is unknown: {@code handle} is the job the
   * vendor made of it (the job is then in flight, and a wait or a take-over follows it), or empty
   * when it was certainly never taken (refused, its reservation released). Returns false when the
   * job is not outcome-unknown.
   */
  boolean resolve(String id, Optional<JobHandle> handle, String message, Instant at);

  /**
   * Records {@code handle}'s job, accepted elsewhere (a token resumed), unless it is known already;
   * a handle that carries a submission id is recorded under that id.
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

  /**
   * The newest job the vendor knows as {@code taskId} at {@code providerId}: a vendor that reuses
   * task ids may have given it to earlier jobs too.
   */
  Optional<StoredJob> find(String providerId, String taskId);

  /** The job recorded as submission {@code id}. */
  Optional<StoredJob> get(String id);

  /**
   * The newest submission to {@code providerId} recorded with the client's {@code reference} (see
   * {@link Submission#reference()}): how a vendor's callback finds a submission whose answer was
   * never recorded. Empty when there is none, or the store keeps no references (the default).
   */
  default Optional<StoredJob> findByReference(String providerId, String reference) {
    return Optional.empty();
  }

  /**
   * The job {@code handle} names: its submission, when it carries one, else the newest job with its
   * task id.
   */
  default Optional<StoredJob> find(JobHandle handle) {
    Optional<String> id = handle.submissionId();
    return id.isPresent() ? get(id.get()) : find(handle.providerId(), handle.taskId());
  }

  /**
   * The jobs among {@code taskIds} at {@code providerId} that the store knows, in any order, every
   * job that has one of the task ids: one call for many, where the store can (the default asks
   * {@link #find} for each, the newest job of each task id).
   */
  default List<StoredJob> findAll(String providerId, java.util.Collection<String> taskIds) {
    List<StoredJob> found = new java.util.ArrayList<>();
    for (String taskId : taskIds) {
      find(providerId, taskId).ifPresent(found::add);
    }
    return found;
  }

  /**
   * Deletes at most {@code max} jobs that ended (succeeded, failed, cancelled or refused) before
   * {@code endedBefore}, with what the store keeps of them; outcome-unknown jobs stay until they
   * are resolved. A store shared by a fleet lets one instance prune at a time. Returns how many.
   */
  int prune(Instant endedBefore, int max);

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

  /** How many jobs are in any of {@code states} (all when empty). */
  long count(Set<StoredJob.State> states);

  /** An instance of a fleet, as its heartbeats say. */
  record Instance(String id, Set<String> providerIds, Instant startedAt, Instant lastSeen) {
    /** Checks the fields. */
    public Instance {
      Objects.requireNonNull(id, "id == null");
      providerIds = Set.copyOf(providerIds);
      Objects.requireNonNull(startedAt, "startedAt == null");
      Objects.requireNonNull(lastSeen, "lastSeen == null");
    }
  }

  /**
   * Instance {@code instanceId}, which polls the jobs of {@code providerIds}, is alive at {@code
   * now}: its row is made or brought up to date.
   */
  void heartbeat(String instanceId, Set<String> providerIds, Instant now);

  /** Instance {@code instanceId} stops: its row is removed. */
  void stopped(String instanceId);

  /** The instances seen since {@code since}, the most recently seen first. */
  List<Instance> instances(Instant since);

  /** Releases what the store holds (connections, threads). */
  @Override
  void close();
}
