package dev.nanobanana4j.core.application.internal;

import dev.nanobanana4j.core.application.jobs.FleetOptions;
import dev.nanobanana4j.core.application.waiting.Scheduler;
import dev.nanobanana4j.core.domain.CostEstimate;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.error.JobStoreException;
import dev.nanobanana4j.core.error.JobTimeoutException;
import dev.nanobanana4j.core.error.NanoBananaException;
import dev.nanobanana4j.core.error.OutcomeUnknownException;
import dev.nanobanana4j.core.port.JobStore;
import dev.nanobanana4j.core.port.StoredJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/**
 * The client's use of its {@link JobStore}: a submission recorded before it is sent, and its answer
 * after; each wait taking the job's lease, or following the job through the store while another
 * instance holds it; leases renewed, settled jobs heard of, and orphaned jobs taken over at every
 * check.
 *
 * <p>Every call to the store runs on the store's executor ({@link StoreIo}), never on the
 * scheduler, and no caller waits for the store longer than {@link FleetOptions#storeTimeout()}: a
 * submission the store cannot record in that time is refused unsent; a wait that cannot reach the
 * store polls the vendor itself and ends by its deadline. The writes that matter (a submission's
 * answer, a settlement) are queued in order and retried until they land. Submissions left without
 * an answer (the process that sent them died) are marked outcome-unknown at a check.
 *
 * <p>A job is its submission: the handle the client gives back carries the submission's id ({@link
 * JobHandle#SUBMISSION}), and the store finds the job by it, whatever task id the vendor gave.
 */
public final class StoredJobs implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(StoredJobs.class.getName());

  /** The most jobs looked up in the store at once. */
  private static final int LOOKUP_CHUNK = 500;

  /** How often jobs past their retention are deleted, and how many at most each time. */
  private static final Duration PRUNE_EVERY = Duration.ofHours(1);

  private static final int PRUNED_AT_ONCE = 10_000;

  /** The most waits followed through the store at once. */
  private static final int MAX_REMOTE_WAITS = 100_000;

  /** Starts this instance's own polling of a job, for at most the given time. */
  @FunctionalInterface
  public interface LocalWait {
    CompletableFuture<JobStatus> watch(JobHandle handle, Duration timeout);
  }

  private final JobStore store;
  private final dev.nanobanana4j.core.port.ClientObserver observer;
  private final StoreIo io;
  private final java.util.concurrent.atomic.AtomicBoolean checking =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final FleetOptions options;
  private final Scheduler scheduler;
  private final Clock clock;
  private final Map<Waits.TaskKey, List<RemoteWait>> remote = new ConcurrentHashMap<>();
  private final Set<Waits.TaskKey> held = ConcurrentHashMap.newKeySet();
  private final Map<Waits.TaskKey, HeldWait> polling = new ConcurrentHashMap<>();
  private volatile LocalWait local =
      (handle, timeout) ->
          CompletableFuture.failedFuture(new IllegalStateException("not connected"));
  private volatile BiPredicate<JobHandle, JobStatus> deliver = (handle, status) -> false;
  private volatile java.util.function.Supplier<Set<String>> providerIds = Set::of;
  private volatile java.util.function.BiConsumer<JobHandle, JobStatus> endedElsewhere =
      (handle, status) -> {};
  private final AutoCloseable subscription;
  private volatile boolean closed;
  private Instant lastPruned; // on the store's executor, one check at a time

  public StoredJobs(
      JobStore store,
      FleetOptions options,
      Scheduler scheduler,
      Clock clock,
      java.util.concurrent.Executor executor,
      dev.nanobanana4j.core.port.ClientObserver observer) {
    this.store = store;
    this.observer = observer;
    this.io = new StoreIo(executor, scheduler, observer::storeWrite);
    this.options = options;
    this.scheduler = scheduler;
    this.clock = clock;
    AutoCloseable subscribed;
    try {
      subscribed = store.subscribe(this::settledSomewhere);
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "the job store cannot tell when jobs settle; they are checked every "
              + options.checkEvery(),
          e);
      subscribed = () -> {};
    }
    this.subscription = subscribed;
    scheduler.schedule(this::check, options.checkEvery());
  }

  /**
   * Connects the waits: {@code local} polls a job taken over here; {@code deliver} completes this
   * instance's own polling of a job that settled elsewhere, returning whether one was under way.
   */
  public void connect(
      LocalWait local,
      BiPredicate<JobHandle, JobStatus> deliver,
      java.util.function.Supplier<Set<String>> providerIds,
      java.util.function.BiConsumer<JobHandle, JobStatus> endedElsewhere) {
    this.local = local;
    this.deliver = deliver;
    this.providerIds = providerIds;
    this.endedElsewhere = endedElsewhere;
    Instant now = clock.instant();
    io.write(
        "joining the fleet", () -> store.heartbeat(options.instanceId(), providerIds.get(), now));
  }

  /** This instance's name in the store. */
  public String instanceId() {
    return options.instanceId();
  }

  // ---------------------------------------------------------------------------------------------
  // Submissions

  /**
   * Records a submission about to be sent; completes with its id once recorded, or fails with a
   * {@link JobStoreException} when the store cannot record it within {@link
   * FleetOptions#storeTimeout()}: it must not be sent then.
   */
  public CompletableFuture<String> submitting(
      String providerId,
      ImageRequest request,
      CostEstimate estimate,
      dev.nanobanana4j.core.application.routing.Budget.Reservation reservation) {
    String id = UUID.randomUUID().toString();
    JobStore.Submission submission =
        new JobStore.Submission(
            id,
            providerId,
            cut(request.prompt(), StoredJob.MAX_PROMPT),
            summary(request),
            estimate.total(),
            reservation == null ? Optional.empty() : reservation.id(),
            clock.instant(),
            reference(request),
            Optional.of(estimate.model()));
    CompletableFuture<String> recorded = new CompletableFuture<>();
    CompletableFuture<Void> insert =
        io.writeOnce("recording submission " + id, () -> store.submitting(submission));
    insert.whenComplete(
        (done, error) -> {
          if (error == null) {
            recorded.complete(id);
          } else {
            Throwable cause = Waits.unwrap(error);
            recorded.completeExceptionally(
                new JobStoreException(
                    providerId,
                    "request not sent: the job store could not record it (" + cause + ")",
                    cause));
          }
        });
    if (!recorded.isDone()) {
      scheduler.schedule(
          () -> {
            if (recorded.completeExceptionally(
                    new JobStoreException(
                        providerId,
                        "request not sent: the job store did not record it within "
                            + options.storeTimeout(),
                        null))
                && !io.withdraw(insert)) {
              // Should the record land late, it says the request was never sent.
              io.write(
                  "refusing unsent submission " + id,
                  () ->
                      store.notAccepted(
                          id,
                          StoredJob.State.REFUSED,
                          "not sent: the job store did not record it in time",
                          clock.instant()));
            }
          },
          options.storeTimeout());
    }
    return recorded;
  }

  /**
   * The client's reference for a submission that the vendor gives back with the job: the nonce of
   * its callback URL's token, which the vendor's callbacks carry.
   */
  private static Optional<String> reference(ImageRequest request) {
    return request
        .callbackUrl()
        .flatMap(
            url ->
                dev.nanobanana4j.core.application.callbacks.Callbacks.nonce(
                    dev.nanobanana4j.core.port.CallbackRequest.queryParameter(
                        url, dev.nanobanana4j.core.port.CallbackPort.URL_TOKEN_PARAMETER)))
        .filter(nonce -> nonce.length() <= JobStore.Submission.MAX_REFERENCE);
  }

  /**
   * The job a genuine callback names by the client's {@code reference} (its token's nonce) and the
   * vendor's {@code taskId}, when the store holds no job with that task id: the submission made
   * with that reference, whose answer was never recorded (the process that sent it died, or the
   * write was lost), is recorded as accepted with that task id (an outcome-unknown one is in flight
   * again), and its handle returned so the callback can settle it. Called from a callback's
   * request, which may wait for the store; empty when no such submission is found.
   */
  public Optional<JobHandle> answeredByCallback(
      String providerId, String reference, String taskId, String mark) {
    try {
      Optional<StoredJob> job = store.findByReference(providerId, reference);
      if (job.isEmpty()) {
        return Optional.empty();
      }
      StoredJob found = job.get();
      if (found.taskId().isPresent()) {
        // Answered already: the callback names that job only under the task id it was given.
        return found.taskId().get().equals(taskId) ? found.handle() : Optional.empty();
      }
      if (found.state() != StoredJob.State.SUBMITTING
          && found.state() != StoredJob.State.OUTCOME_UNKNOWN) {
        return Optional.empty(); // refused: nothing was taken
      }
      JobHandle handle =
          JobHandle.of(
              providerId,
              taskId,
              found.createdAt(),
              Map.of(JobHandle.SUBMISSION, found.id(), CallbackMarks.CALLBACK, mark));
      store.accepted(found.id(), handle, clock.instant());
      LOG.log(
          System.Logger.Level.WARNING,
          "submission {0} to {1} had no recorded answer: {1}''s callback names it as task {2}",
          found.id(),
          providerId,
          taskId);
      return store.get(found.id()).flatMap(StoredJob::handle);
    } catch (RuntimeException e) {
      Waits.ignored("finding a submission by its reference", e);
      return Optional.empty();
    }
  }

  /**
   * The vendor's answer to submission {@code id}: {@code handle}, or else {@code error}. Written in
   * order after the submission, retried until it lands; the returned future completes when it has,
   * or after {@link FleetOptions#storeTimeout()} (it lands later), and never fails.
   */
  public CompletableFuture<Void> answered(String id, JobHandle handle, Throwable error) {
    Instant at = clock.instant();
    if (error == null) {
      return bounded(
          io.write(
              "recording that " + handle.providerId() + " accepted submission " + id,
              () -> store.accepted(id, handle, at)));
    }
    Throwable cause = Waits.unwrap(error);
    StoredJob.State state =
        cause instanceof OutcomeUnknownException || !(cause instanceof NanoBananaException)
            ? StoredJob.State.OUTCOME_UNKNOWN
            : StoredJob.State.REFUSED;
    String message = cut(String.valueOf(cause.getMessage()), 1000);
    return bounded(
        io.write(
            "recording the answer to submission " + id,
            () -> store.notAccepted(id, state, message, at)));
  }

  /**
   * Completes when {@code write} has landed (or failed), or after {@link
   * FleetOptions#storeTimeout()}, whichever comes first: a caller who sees a result sees it in the
   * store too, unless the store is slow, and is never held by it.
   */
  private CompletableFuture<Void> bounded(CompletableFuture<Void> write) {
    if (write.isDone()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> bounded = new CompletableFuture<>();
    write.whenComplete((done, error) -> bounded.complete(null));
    scheduler.schedule(() -> bounded.complete(null), options.storeTimeout());
    return bounded;
  }

  /** Completes when every write queued so far has landed, within {@link #bounded}'s bound. */
  private CompletableFuture<Void> caughtUp() {
    return bounded(io.writeOnce("catching up", () -> {}));
  }

  /** {@code handle} as the client gives it back: naming submission {@code id}. */
  public static JobHandle named(JobHandle handle, String id) {
    return id == null ? handle : handle.withAttribute(JobHandle.SUBMISSION, id);
  }

  /**
   * Sends {@code request} by {@code send}, recorded in {@code stored} (when there is one) before it
   * goes and with its answer after; fails, sending nothing, when the store cannot record it. The
   * handle, changed by {@code mark}, names the submission.
   */
  public static CompletableFuture<JobHandle> recorded(
      StoredJobs stored,
      String providerId,
      ImageRequest request,
      CostEstimate estimate,
      dev.nanobanana4j.core.application.routing.Budget.Reservation reservation,
      java.util.function.Supplier<CompletableFuture<JobHandle>> send,
      java.util.function.UnaryOperator<JobHandle> mark) {
    if (stored == null) {
      return Waits.call(send).thenApply(mark);
    }
    return stored
        .submitting(providerId, request, estimate, reservation)
        .thenCompose(
            id -> {
              CompletableFuture<JobHandle> sent =
                  Waits.call(send).thenApply(handle -> named(mark.apply(handle), id));
              CompletableFuture<JobHandle> recorded = new CompletableFuture<>();
              sent.whenComplete(
                  (handle, error) ->
                      stored
                          .answered(id, handle, error)
                          .whenComplete(
                              (done, ignored) -> {
                                if (error != null) {
                                  recorded.completeExceptionally(Waits.unwrap(error));
                                } else {
                                  recorded.complete(handle);
                                }
                              }));
              return recorded;
            });
  }

  // ---------------------------------------------------------------------------------------------
  // Waits

  /** What the store says of a job a wait begins for. */
  private record Look(boolean claimed, Optional<StoredJob> known) {}

  /**
   * Waits for {@code handle}'s job: from the store when it has settled; by polling here when this
   * instance takes its lease; else by following the store until it settles or its lease expires
   * (and this instance takes it over), for at most {@code timeout}. A store that fails, or does not
   * answer within {@link FleetOptions#storeTimeout()}, leaves the wait to poll here.
   */
  public CompletableFuture<JobStatus> await(JobHandle handle, Duration timeout, LocalWait local) {
    CompletableFuture<JobStatus> wait = start(handle, timeout, local);
    if (wait.isDone()) {
      return wait;
    }
    // The books written when the wait ends (its settlement) are in the store when the caller sees
    // the result, unless the store is slow: cancelling the result still reaches the wait.
    CompletableFuture<JobStatus> result = new CompletableFuture<>();
    Waits.cancelling(result, List.of(wait));
    wait.whenComplete(
        (status, error) -> {
          if (error != null) {
            result.completeExceptionally(Waits.unwrap(error));
          } else {
            caughtUp().whenComplete((done, ignored) -> result.complete(status));
          }
        });
    return result;
  }

  private CompletableFuture<JobStatus> start(JobHandle handle, Duration timeout, LocalWait local) {
    Instant now = clock.instant();
    Instant deadline = Waits.plus(now, timeout);
    CompletableFuture<Look> look = io.read(() -> look(handle, now));
    if (look.isDone()) {
      return begin(handle, deadline, timeout, local, look, now);
    }
    CompletableFuture<JobStatus> result = new CompletableFuture<>();
    scheduler.schedule(
        () ->
            look.completeExceptionally(
                new java.util.concurrent.TimeoutException(
                    "the job store did not answer within " + options.storeTimeout())),
        min(options.storeTimeout(), timeout));
    look.whenComplete(
        (found, error) -> {
          if (result.isDone()) {
            if (found != null && found.claimed()) {
              Waits.quietly("releasing a lease", () -> store.release(handle, instanceId()));
            }
            return; // cancelled meanwhile
          }
          Instant at = clock.instant();
          CompletableFuture<JobStatus> wait =
              begin(
                  handle,
                  deadline,
                  Waits.notNegative(Duration.between(at, deadline)),
                  local,
                  look,
                  at);
          Waits.forward(wait, result);
        });
    return result;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** The store's part of a wait's start: its lease taken, or the job as the store holds it. */
  private Look look(JobHandle handle, Instant now) {
    // A job in the store (the usual case: submitted through it) costs one update here.
    boolean claimed = claim(handle, now);
    Optional<StoredJob> known = claimed ? Optional.empty() : store.find(handle);
    if (!claimed && known.isEmpty()) {
      // A token resumed from elsewhere: recorded, then leased as any other job.
      store.track(handle, now);
      claimed = claim(handle, now);
      known = claimed ? Optional.empty() : store.find(handle);
    }
    return new Look(claimed, known);
  }

  private CompletableFuture<JobStatus> begin(
      JobHandle handle,
      Instant deadline,
      Duration timeout,
      LocalWait local,
      CompletableFuture<Look> look,
      Instant now) {
    Look found;
    try {
      found = look.join();
    } catch (java.util.concurrent.CompletionException
        | java.util.concurrent.CancellationException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "the job store failed; "
              + handle.providerId()
              + " task "
              + handle.taskId()
              + " is waited for by polling here",
          Waits.unwrap(e));
      return local.watch(handle, timeout);
    }
    if (found.claimed()) {
      if (!held.add(key(handle))) {
        // Polled here already (taken over as an orphan): this wait follows that one.
        return follow(handle, deadline, timeout, local);
      }
      return watchHere(handle, timeout, local);
    }
    Optional<StoredJob> known = found.known();
    Optional<JobStatus> ended = known.flatMap(StoredJobs::usable);
    if (ended.isPresent()) {
      books(handle, ended.get());
      return CompletableFuture.completedFuture(ended.get());
    }
    if (known.isEmpty() || !known.get().state().isInFlight()) {
      // Not in flight as far as the store knows (outcome unknown, or settled without a usable
      // result): the vendor is asked.
      return local.watch(handle, timeout);
    }
    return follow(handle, deadline, timeout, local);
  }

  /** Keeps the books on a job whose end a wait here learned from the store; never throws. */
  private void books(JobHandle handle, JobStatus status) {
    Waits.quietly("keeping the books on a job", () -> endedElsewhere.accept(handle, status));
  }

  /** A succeeded job's kept result is usable when every image has its URL (bytes are not kept). */
  private static Optional<JobStatus> usable(StoredJob job) {
    return job.terminalStatus()
        .filter(
            status ->
                !(status instanceof JobStatus.Succeeded succeeded)
                    || (!succeeded.images().isEmpty()
                        && succeeded.images().stream()
                            .map(GeneratedImage::url)
                            .allMatch(Optional::isPresent)));
  }

  private boolean claim(JobHandle handle, Instant now) {
    return store.claim(handle, options.instanceId(), now, Waits.plus(now, options.lease()));
  }

  /** A wait polled here, under this instance's lease. */
  private static final class HeldWait {
    final JobHandle handle;
    final Instant deadline;
    final LocalWait local;
    final CompletableFuture<JobStatus> watch;
    final CompletableFuture<JobStatus> result = new CompletableFuture<>();
    volatile boolean handedOff;

    HeldWait(
        JobHandle handle, Instant deadline, LocalWait local, CompletableFuture<JobStatus> watch) {
      this.handle = handle;
      this.deadline = deadline;
      this.local = local;
      this.watch = watch;
    }
  }

  private CompletableFuture<JobStatus> watchHere(
      JobHandle handle, Duration timeout, LocalWait local) {
    Instant deadline = Waits.plus(clock.instant(), timeout);
    CompletableFuture<JobStatus> watch = local.watch(handle, timeout);
    HeldWait wait = new HeldWait(handle, deadline, local, watch);
    polling.put(key(handle), wait);
    Waits.cancelling(wait.result, List.of(watch));
    watch.whenComplete(
        (status, error) -> {
          polling.remove(key(handle), wait);
          held.remove(key(handle));
          if (wait.handedOff) {
            return; // another instance holds the lease: the wait follows the store
          }
          if (status == null) {
            // Not settled here: another instance may go on.
            io.write("releasing a lease", () -> store.release(handle, options.instanceId()));
            wait.result.completeExceptionally(Waits.unwrap(error));
          } else {
            wait.result.complete(status);
          }
        });
    return wait.result;
  }

  /**
   * After a renewal that renewed fewer leases than this instance polls under: each job whose lease
   * another instance took meanwhile (this instance's renewals failed for a lease's time) is no
   * longer polled here; its wait follows the store as any other instance's wait does.
   */
  private void checkLeases(Instant now, int renewed) {
    if (renewed >= held.size() || polling.isEmpty()) {
      return;
    }
    Map<String, List<HeldWait>> byProvider = new java.util.HashMap<>();
    for (HeldWait wait : polling.values()) {
      byProvider.computeIfAbsent(wait.handle.providerId(), id -> new ArrayList<>()).add(wait);
    }
    byProvider.forEach(
        (providerId, waits) -> {
          for (int from = 0; from < waits.size(); from += LOOKUP_CHUNK) {
            List<HeldWait> chunk = waits.subList(from, Math.min(waits.size(), from + LOOKUP_CHUNK));
            Found found = lookUp(providerId, chunk.stream().map(w -> w.handle.taskId()).toList());
            for (HeldWait wait : chunk) {
              StoredJob job = found.job(wait.handle);
              if (job != null
                  && job.state().isInFlight()
                  && job.leaseOwner().filter(owner -> !owner.equals(instanceId())).isPresent()) {
                handOff(wait, job.leaseOwner().get(), now);
              }
            }
          }
        });
  }

  /** The jobs of one provider found by their task ids: by id, and the newest for each task id. */
  private record Found(Map<String, StoredJob> byId, Map<String, StoredJob> newest) {
    /** The job {@code handle} names: its submission, where it names one, else the newest. */
    StoredJob job(JobHandle handle) {
      Optional<String> submission = handle.submissionId();
      return submission.isPresent() ? byId.get(submission.get()) : newest.get(handle.taskId());
    }
  }

  /** Looks up every job with one of {@code taskIds} at {@code providerId}, in one call. */
  private Found lookUp(String providerId, List<String> taskIds) {
    Map<String, StoredJob> byId = new java.util.HashMap<>();
    Map<String, StoredJob> newest = new java.util.HashMap<>();
    for (StoredJob job : store.findAll(providerId, taskIds)) {
      byId.put(job.id(), job);
      job.taskId()
          .ifPresent(
              task ->
                  newest.merge(task, job, (a, b) -> a.createdAt().isAfter(b.createdAt()) ? a : b));
    }
    return new Found(byId, newest);
  }

  private void handOff(HeldWait wait, String owner, Instant now) {
    if (!polling.remove(key(wait.handle), wait)) {
      return;
    }
    wait.handedOff = true;
    LOG.log(
        System.Logger.Level.INFO,
        "{0} took the lease of {1} task {2} while this instance could not renew it: it is no"
            + " longer polled here",
        owner,
        wait.handle.providerId(),
        wait.handle.taskId());
    Duration left = Duration.between(now, wait.deadline);
    CompletableFuture<JobStatus> following =
        follow(wait.handle, wait.deadline, left.isNegative() ? Duration.ZERO : left, wait.local);
    Waits.forward(following, wait.result);
    wait.watch.cancel(false); // stops the polling here
  }

  private CompletableFuture<JobStatus> follow(
      JobHandle handle, Instant deadline, Duration timeout, LocalWait local) {
    RemoteWait wait = new RemoteWait(handle, deadline, timeout, local);
    int waits = remote.values().stream().mapToInt(List::size).sum();
    if (waits >= MAX_REMOTE_WAITS) {
      return local.watch(handle, timeout); // past the bound: this instance polls itself
    }
    remote.compute(
        key(handle),
        (key, list) -> {
          List<RemoteWait> all = list == null ? new ArrayList<>() : new ArrayList<>(list);
          all.add(wait);
          return List.copyOf(all);
        });
    wait.result.whenComplete(
        (status, error) -> {
          forget(wait);
          if (status != null) {
            books(handle, status); // a no-op where this instance polled it and kept them already
          }
        });
    scheduler.schedule(
        wait::expire, Waits.notNegative(Duration.between(clock.instant(), deadline)));
    return wait.result;
  }

  private void forget(RemoteWait wait) {
    remote.computeIfPresent(
        key(wait.handle),
        (key, list) -> {
          List<RemoteWait> left = new ArrayList<>(list);
          left.remove(wait);
          return left.isEmpty() ? null : List.copyOf(left);
        });
  }

  /** A wait for a job another instance polls: followed through the store. */
  private final class RemoteWait {
    final JobHandle handle;
    final Instant deadline;
    final Duration timeout;
    final LocalWait local;
    final CompletableFuture<JobStatus> result = new CompletableFuture<>();

    RemoteWait(JobHandle handle, Instant deadline, Duration timeout, LocalWait local) {
      this.local = local;
      this.handle = handle;
      this.deadline = deadline;
      this.timeout = timeout;
    }

    void expire() {
      result.completeExceptionally(new JobTimeoutException(handle, timeout, null, null));
    }

    /**
     * Looks at the job as the store holds it ({@code job}, empty when unknown): settled, the wait
     * ends; its lease expired, this instance takes it over.
     */
    void check(Optional<StoredJob> job, Instant now) {
      if (result.isDone()) {
        return;
      }
      try {
        Optional<JobStatus> ended = job.flatMap(StoredJobs::usable);
        if (ended.isPresent()) {
          result.complete(ended.get());
          return;
        }
        boolean inFlight = job.map(j -> j.state().isInFlight()).orElse(false);
        if (inFlight && held.contains(key(handle))) {
          return; // polled here: its settlement is heard
        }
        if (!inFlight || claim(handle, now)) {
          Duration left = Duration.between(now, deadline);
          if (left.isNegative() || left.isZero()) {
            expire();
            return;
          }
          if (inFlight && !held.add(key(handle))) {
            return;
          }
          CompletableFuture<JobStatus> here =
              inFlight ? watchHere(handle, left, local) : local.watch(handle, left);
          Waits.forward(here, result);
          forget(this);
        }
      } catch (RuntimeException e) {
        Waits.ignored("checking a job in the store", e);
      }
    }
  }

  /** The store says a job settled (here or in another instance). */
  private void settledSomewhere(String providerId, String taskId) {
    if (closed) {
      return;
    }
    Waits.TaskKey key = Waits.key(providerId, taskId);
    List<RemoteWait> waits = remote.getOrDefault(key, List.of());
    if (waits.isEmpty() && !held.contains(key)) {
      return;
    }
    io.read(
        () -> {
          heardSettled(key, waits);
          return null;
        });
  }

  private void heardSettled(Waits.TaskKey key, List<RemoteWait> waits) {
    try {
      for (RemoteWait wait : waits) {
        store.find(wait.handle).flatMap(StoredJobs::usable).ifPresent(wait.result::complete);
      }
      if (held.contains(key)) {
        // The job polled here, if the store holds it settled: that polling ends with it.
        Optional<StoredJob> job = store.find(key.providerId(), key.taskId());
        Optional<JobStatus> ended = job.flatMap(StoredJobs::usable);
        if (ended.isPresent()) {
          job.flatMap(StoredJob::handle).ifPresent(handle -> deliver.test(handle, ended.get()));
        }
      }
    } catch (RuntimeException e) {
      Waits.ignored("reading a settled job from the store", e);
    }
  }

  /**
   * Renews this instance's leases, checks the waits it follows, marks submissions left without an
   * answer, and takes over orphans: on the store's executor, one check at a time.
   */
  private void check() {
    if (closed) {
      return;
    }
    try {
      if (checking.compareAndSet(false, true)) {
        io.read(
                () -> {
                  checkStore(clock.instant());
                  return null;
                })
            .whenComplete((done, error) -> checking.set(false));
      }
    } finally {
      if (!closed) {
        scheduler.schedule(this::check, options.checkEvery());
      }
    }
  }

  private void checkStore(Instant now) {
    int orphans = 0;
    long unknown = -1;
    try {
      store.heartbeat(options.instanceId(), providerIds.get(), now);
      if (!held.isEmpty()) {
        checkLeases(now, store.renew(options.instanceId(), Waits.plus(now, options.lease())));
      }
      checkFollowed(now);
      sweep(now);
      prune(now);
      if (options.takeOverOrphans()) {
        orphans = takeOverOrphans(now);
      }
      unknown = store.count(java.util.EnumSet.of(StoredJob.State.OUTCOME_UNKNOWN));
    } catch (RuntimeException e) {
      Waits.ignored("the job store's periodic check", e);
    }
    int taken = orphans;
    long outcomeUnknown = unknown;
    Waits.quietly(
        "the store's meters",
        () -> observer.storeChecked(io.pending(), held.size(), taken, outcomeUnknown));
  }

  /** Deletes the jobs that ended before the retention, an hour's worth at most every hour. */
  private void prune(Instant now) {
    if (lastPruned != null && Duration.between(lastPruned, now).compareTo(PRUNE_EVERY) < 0) {
      return;
    }
    lastPruned = now;
    int pruned = store.prune(now.minus(options.retention()), PRUNED_AT_ONCE);
    if (pruned > 0) {
      LOG.log(
          System.Logger.Level.INFO,
          "deleted {0} jobs that ended more than {1} ago",
          pruned,
          options.retention());
    }
  }

  /** Marks the submissions left without an answer as outcome-unknown. */
  private void sweep(Instant now) {
    for (StoredJob job : store.sweepUnanswered(now.minus(options.unansweredAfter()), now)) {
      LOG.log(
          System.Logger.Level.WARNING,
          "submission {0} to {1} (recorded {2}) has no recorded answer: marked outcome-unknown,"
              + " its reservation counted as spent; resolve it with the vendor's task id, or as"
              + " not sent",
          job.id(),
          job.providerId(),
          job.createdAt());
    }
  }

  /** Looks up every job followed here, a provider's at a time in chunks, and checks its waits. */
  private void checkFollowed(Instant now) {
    Map<String, List<String>> byProvider = new java.util.HashMap<>();
    for (Waits.TaskKey key : remote.keySet()) {
      List<RemoteWait> waits = remote.get(key);
      if (waits != null && !waits.isEmpty()) {
        JobHandle handle = waits.get(0).handle;
        byProvider
            .computeIfAbsent(handle.providerId(), id -> new ArrayList<>())
            .add(handle.taskId());
      }
    }
    byProvider.forEach(
        (providerId, taskIds) -> {
          for (int from = 0; from < taskIds.size(); from += LOOKUP_CHUNK) {
            List<String> chunk =
                taskIds.subList(from, Math.min(taskIds.size(), from + LOOKUP_CHUNK));
            Found found = lookUp(providerId, chunk);
            for (String taskId : chunk) {
              for (RemoteWait wait :
                  remote.getOrDefault(Waits.key(providerId, taskId), List.of())) {
                wait.check(Optional.ofNullable(found.job(wait.handle)), now);
              }
            }
          }
        });
  }

  /** Takes over the jobs of instances that died; returns how many. */
  private int takeOverOrphans(Instant now) {
    List<StoredJob> orphans =
        store.claimOrphans(
            options.instanceId(),
            providerIds.get(),
            now,
            Waits.plus(now, options.lease()),
            options.orphansPerCheck());
    int taken = 0;
    for (StoredJob orphan : orphans) {
      Optional<JobHandle> handle = orphan.handle();
      if (handle.isEmpty()) {
        continue;
      }
      if (!held.add(key(handle.get()))) {
        continue; // polled here already
      }
      try {
        watchHere(handle.get(), options.orphanTimeout(), local);
        taken++;
      } catch (RuntimeException e) {
        held.remove(key(handle.get()));
        Waits.quietly("releasing a lease", () -> store.release(handle.get(), options.instanceId()));
        Waits.ignored("taking over " + orphan.providerId() + " task " + orphan.taskId(), e);
      }
    }
    return taken;
  }

  // ---------------------------------------------------------------------------------------------
  // Outcomes seen here

  /**
   * Settles {@code handle}'s job in the store with its terminal {@code status}: queued in order
   * after the job's acceptance, and retried until it lands.
   */
  public void settle(JobHandle handle, JobStatus status) {
    Instant at = clock.instant();
    io.write(
        "recording how " + handle.providerId() + " task " + handle.taskId() + " ended",
        () -> store.settle(handle, status, options.instanceId(), at));
  }

  /**
   * Settles {@code handle}'s job now, from a caller that may wait for the store (a callback's
   * request): returns whether this call settled it. When it did not (the store failed, or has not
   * recorded the job's acceptance yet), the settlement is queued as {@link #settle} does.
   */
  public boolean settleNow(JobHandle handle, JobStatus status) {
    try {
      if (store.settle(handle, status, options.instanceId(), clock.instant())) {
        return true;
      }
    } catch (RuntimeException e) {
      Waits.ignored("settling a job in the store", e);
    }
    settle(handle, status);
    return false;
  }

  /** A status seen by a single poll: recorded, settling the job when it ended. */
  public void observed(JobHandle handle, JobStatus status) {
    if (status.isTerminal()) {
      io.write(
          "recording a status",
          () -> {
            store.track(handle, clock.instant());
            store.settle(handle, status, options.instanceId(), clock.instant());
          });
      return;
    }
    io.write(
        "recording a status",
        () -> {
          store.track(handle, clock.instant());
          store.progressed(handle, status, clock.instant());
        });
  }

  /** Queues a write that matters, in order after those queued before it, retried until it lands. */
  public void write(String what, Runnable action) {
    io.write(what, action);
  }

  /** Writes queued for the store and not yet landed. */
  public int writesPending() {
    return io.pending();
  }

  /** The handle the store keeps for a job, if it knows it: a callback may name it. */
  public Optional<JobHandle> known(String providerId, String taskId) {
    try {
      return store.find(providerId, taskId).flatMap(StoredJob::handle);
    } catch (RuntimeException e) {
      Waits.ignored("reading a job from the store", e);
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    remote.values().forEach(list -> list.forEach(wait -> wait.result.cancel(false)));
    remote.clear();
    Waits.quietly("closing the store's subscription", this::closeSubscription);
    io.writeOnce("releasing leases", () -> store.releaseAll(options.instanceId()));
    io.writeOnce("leaving the fleet", () -> store.stopped(options.instanceId()));
    io.close(options.storeTimeout());
  }

  private void closeSubscription() {
    try {
      subscription.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Waits.TaskKey key(JobHandle handle) {
    return Waits.key(handle.providerId(), handle.taskId());
  }

  /** At most {@code max} characters of {@code text}. */
  static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }

  /** The request, but for its prompt, in a few words: "2 images, 16:9, 2K, 1 reference". */
  static String summary(ImageRequest request) {
    List<String> parts = new ArrayList<>();
    parts.add(request.count() + (request.count() == 1 ? " image" : " images"));
    request.aspectRatio().ifPresent(ratio -> parts.add(ratio.label()));
    request.resolution().ifPresent(resolution -> parts.add(resolution.label()));
    int references = request.referenceImages().size();
    if (references > 0) {
      parts.add(references + (references == 1 ? " reference" : " references"));
    }
    request.model().ifPresent(model -> parts.add("model " + model));
    return cut(String.join(", ", parts), 500);
  }
}
