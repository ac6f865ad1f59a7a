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
 * <p>A store that fails after a job was accepted loses nothing the caller holds (the job goes on
 * and its wait polls the vendor) and is logged; a store that cannot record a submission stops it
 * before it is sent.
 */
public final class StoredJobs implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(StoredJobs.class.getName());

  /** The most jobs looked up in the store at once. */
  private static final int LOOKUP_CHUNK = 500;

  /** The most waits followed through the store at once. */
  private static final int MAX_REMOTE_WAITS = 100_000;

  /** Starts this instance's own polling of a job, for at most the given time. */
  @FunctionalInterface
  public interface LocalWait {
    CompletableFuture<JobStatus> watch(JobHandle handle, Duration timeout);
  }

  private final JobStore store;
  private final FleetOptions options;
  private final Scheduler scheduler;
  private final Clock clock;
  private final Map<Waits.TaskKey, List<RemoteWait>> remote = new ConcurrentHashMap<>();
  private final Set<Waits.TaskKey> held = ConcurrentHashMap.newKeySet();
  private volatile LocalWait local =
      (handle, timeout) ->
          CompletableFuture.failedFuture(new IllegalStateException("not connected"));
  private volatile BiPredicate<JobHandle, JobStatus> deliver = (handle, status) -> false;
  private volatile java.util.function.Supplier<Set<String>> providerIds = Set::of;
  private volatile java.util.function.BiConsumer<JobHandle, JobStatus> endedElsewhere =
      (handle, status) -> {};
  private final AutoCloseable subscription;
  private volatile boolean closed;

  public StoredJobs(JobStore store, FleetOptions options, Scheduler scheduler, Clock clock) {
    this.store = store;
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
  }

  /** This instance's name in the store. */
  public String instanceId() {
    return options.instanceId();
  }

  // ---------------------------------------------------------------------------------------------
  // Submissions

  /**
   * Records a submission about to be sent; returns its id.
   *
   * @throws JobStoreException when the store cannot record it: it must not be sent
   */
  public String submitting(
      String providerId,
      ImageRequest request,
      CostEstimate estimate,
      dev.nanobanana4j.core.application.routing.Budget.Reservation reservation) {
    String id = UUID.randomUUID().toString();
    try {
      store.submitting(
          new JobStore.Submission(
              id,
              providerId,
              cut(request.prompt(), StoredJob.MAX_PROMPT),
              summary(request),
              estimate.total(),
              reservation == null ? Optional.empty() : reservation.id(),
              clock.instant()));
      return id;
    } catch (RuntimeException e) {
      throw new JobStoreException(
          providerId, "request not sent: the job store could not record it (" + e + ")", e);
    }
  }

  /** The vendor's answer to submission {@code id}: {@code handle}, or else {@code error}. */
  public void answered(String id, JobHandle handle, Throwable error) {
    try {
      if (error == null) {
        store.accepted(id, handle, clock.instant());
      } else {
        Throwable cause = Waits.unwrap(error);
        StoredJob.State state =
            cause instanceof OutcomeUnknownException || !(cause instanceof NanoBananaException)
                ? StoredJob.State.OUTCOME_UNKNOWN
                : StoredJob.State.REFUSED;
        store.notAccepted(
            id, state, cut(String.valueOf(cause.getMessage()), 1000), clock.instant());
      }
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.ERROR,
          "the job store did not record the answer to submission "
              + id
              + (handle == null ? "" : ": the vendor accepted it as task " + handle.taskId())
              + "; it stays recorded as submitting",
          e);
    }
  }

  /**
   * Sends {@code request} by {@code send}, recorded in {@code stored} (when there is one) before it
   * goes and with its answer after; fails, sending nothing, when the store cannot record it.
   */
  public static CompletableFuture<JobHandle> recorded(
      StoredJobs stored,
      String providerId,
      ImageRequest request,
      CostEstimate estimate,
      dev.nanobanana4j.core.application.routing.Budget.Reservation reservation,
      java.util.function.Supplier<CompletableFuture<JobHandle>> send) {
    if (stored == null) {
      return Waits.call(send);
    }
    String id;
    try {
      id = stored.submitting(providerId, request, estimate, reservation);
    } catch (JobStoreException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<JobHandle> sent = Waits.call(send);
    sent.whenComplete((handle, error) -> stored.answered(id, handle, error));
    return sent;
  }

  // ---------------------------------------------------------------------------------------------
  // Waits

  /**
   * Waits for {@code handle}'s job: from the store when it has settled; by polling here when this
   * instance takes its lease; else by following the store until it settles or its lease expires
   * (and this instance takes it over), for at most {@code timeout}.
   */
  public CompletableFuture<JobStatus> await(JobHandle handle, Duration timeout, LocalWait local) {
    Instant now = clock.instant();
    Optional<StoredJob> known;
    boolean claimed;
    try {
      // A job in the store (the usual case: submitted through it) costs one update here.
      claimed = claim(handle, now);
      known = claimed ? Optional.empty() : store.find(handle.providerId(), handle.taskId());
      if (!claimed && known.isEmpty()) {
        // A token resumed from elsewhere: recorded, then leased as any other job.
        store.track(handle, now);
        claimed = claim(handle, now);
        known = claimed ? Optional.empty() : store.find(handle.providerId(), handle.taskId());
      }
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "the job store failed; "
              + handle.providerId()
              + " task "
              + handle.taskId()
              + " is waited for by polling here",
          e);
      return local.watch(handle, timeout);
    }
    if (claimed) {
      if (!held.add(key(handle))) {
        // Polled here already (taken over as an orphan): this wait follows that one.
        return follow(handle, Waits.plus(now, timeout), timeout, local);
      }
      return watchHere(handle, timeout, local);
    }
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
    return follow(handle, Waits.plus(now, timeout), timeout, local);
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

  private CompletableFuture<JobStatus> watchHere(
      JobHandle handle, Duration timeout, LocalWait local) {
    CompletableFuture<JobStatus> watch = local.watch(handle, timeout);
    watch.whenComplete(
        (status, error) -> {
          held.remove(key(handle));
          if (status == null) {
            // Not settled here: another instance may go on.
            Waits.quietly("releasing a lease", () -> store.release(handle, options.instanceId()));
          }
        });
    return watch;
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
          Waits.cancelling(result, List.of(here));
          here.whenComplete(
              (status, error) -> {
                if (error != null) {
                  result.completeExceptionally(Waits.unwrap(error));
                } else {
                  result.complete(status);
                }
              });
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
    try {
      Optional<StoredJob> job = store.find(providerId, taskId);
      Optional<JobStatus> ended = job.flatMap(StoredJobs::usable);
      if (ended.isEmpty()) {
        return;
      }
      for (RemoteWait wait : waits) {
        wait.result.complete(ended.get());
      }
      if (held.contains(key)) {
        job.flatMap(StoredJob::handle).ifPresent(handle -> deliver.test(handle, ended.get()));
      }
    } catch (RuntimeException e) {
      Waits.ignored("reading a settled job from the store", e);
    }
  }

  /** Renews this instance's leases, checks the waits it follows, and takes over orphans. */
  private void check() {
    if (closed) {
      return;
    }
    Instant now = clock.instant();
    try {
      if (!held.isEmpty()) {
        store.renew(options.instanceId(), Waits.plus(now, options.lease()));
      }
      checkFollowed(now);
      if (options.takeOverOrphans()) {
        takeOverOrphans(now);
      }
    } catch (RuntimeException e) {
      Waits.ignored("the job store's periodic check", e);
    } finally {
      if (!closed) {
        scheduler.schedule(this::check, options.checkEvery());
      }
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
            Map<String, StoredJob> found = new java.util.HashMap<>();
            for (StoredJob job : store.findAll(providerId, chunk)) {
              job.taskId().ifPresent(task -> found.put(task, job));
            }
            for (String taskId : chunk) {
              for (RemoteWait wait :
                  remote.getOrDefault(Waits.key(providerId, taskId), List.of())) {
                wait.check(Optional.ofNullable(found.get(taskId)), now);
              }
            }
          }
        });
  }

  private void takeOverOrphans(Instant now) {
    List<StoredJob> orphans =
        store.claimOrphans(
            options.instanceId(),
            providerIds.get(),
            now,
            Waits.plus(now, options.lease()),
            options.orphansPerCheck());
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
      } catch (RuntimeException e) {
        held.remove(key(handle.get()));
        Waits.quietly("releasing a lease", () -> store.release(handle.get(), options.instanceId()));
        Waits.ignored("taking over " + orphan.providerId() + " task " + orphan.taskId(), e);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Outcomes seen here

  /**
   * Settles {@code handle}'s job in the store with its terminal {@code status}; returns whether
   * this call settled it. A store that fails is logged and answers false.
   */
  public boolean settle(JobHandle handle, JobStatus status) {
    try {
      return store.settle(handle, status, options.instanceId(), clock.instant());
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.ERROR,
          "the job store did not record how "
              + handle.providerId()
              + " task "
              + handle.taskId()
              + " ended ("
              + status.state().label()
              + ")",
          e);
      return false;
    }
  }

  /** A status seen by a single poll: recorded, settling the job when it ended. */
  public void observed(JobHandle handle, JobStatus status) {
    if (status.isTerminal()) {
      Waits.quietly("recording a status", () -> settle(handle, status));
      return;
    }
    try {
      store.track(handle, clock.instant());
      store.progressed(handle, status, clock.instant());
    } catch (RuntimeException e) {
      Waits.ignored("recording a status in the job store", e);
    }
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
    closed = true;
    remote.values().forEach(list -> list.forEach(wait -> wait.result.cancel(false)));
    remote.clear();
    Waits.quietly("closing the store's subscription", this::closeSubscription);
    Waits.quietly("releasing leases", () -> store.releaseAll(options.instanceId()));
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
