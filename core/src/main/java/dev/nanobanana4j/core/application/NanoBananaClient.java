package dev.nanobanana4j.core.application;

import dev.nanobanana4j.core.application.callbacks.CallbackReceiver;
import dev.nanobanana4j.core.application.internal.CallbackMarks;
import dev.nanobanana4j.core.application.internal.CallbackReceiving;
import dev.nanobanana4j.core.application.internal.ConfiguredProviders;
import dev.nanobanana4j.core.application.internal.FanOut;
import dev.nanobanana4j.core.application.internal.JobWatcher;
import dev.nanobanana4j.core.application.internal.Ledger;
import dev.nanobanana4j.core.application.internal.Priced;
import dev.nanobanana4j.core.application.internal.Pricing;
import dev.nanobanana4j.core.application.internal.ProviderHealth;
import dev.nanobanana4j.core.application.internal.ResultExpiry;
import dev.nanobanana4j.core.application.internal.Routing;
import dev.nanobanana4j.core.application.internal.StoredJobs;
import dev.nanobanana4j.core.application.internal.Submitting;
import dev.nanobanana4j.core.application.internal.Uploads;
import dev.nanobanana4j.core.application.internal.Waiting;
import dev.nanobanana4j.core.application.internal.Waits;
import dev.nanobanana4j.core.application.routing.Quote;
import dev.nanobanana4j.core.application.routing.Route;
import dev.nanobanana4j.core.application.waiting.AwaitOptions;
import dev.nanobanana4j.core.application.waiting.JobListener;
import dev.nanobanana4j.core.application.waiting.Scheduler;
import dev.nanobanana4j.core.domain.AccountStatus;
import dev.nanobanana4j.core.domain.CancelResult;
import dev.nanobanana4j.core.domain.CostEstimate;
import dev.nanobanana4j.core.domain.GenerationResult;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.ProviderInfo;
import dev.nanobanana4j.core.domain.RequestWarning;
import dev.nanobanana4j.core.error.JobFailedException;
import dev.nanobanana4j.core.error.NanoBananaException;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.error.OperationNotSupportedException;
import dev.nanobanana4j.core.error.ProviderNotFoundException;
import dev.nanobanana4j.core.error.RequestValidationException;
import dev.nanobanana4j.core.port.AccountPort;
import dev.nanobanana4j.core.port.CancellationPort;
import dev.nanobanana4j.core.port.ClientObserver;
import dev.nanobanana4j.core.port.ImageProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The vendor-neutral entry point: submit image jobs to any configured provider, wait for them,
 * price them, and pick them up again from a token.
 *
 * <pre>{@code
 * try (NanoBananaClient client = NanoBananaClient.builder()
 *     .provider("apixo", ProviderConfig.builder().apiKey(System.getenv("APIXO_API_KEY")).build())
 *     .build()) {
 *   GenerationResult result = client.blocking().generate(
 *       ImageRequest.builder().prompt("a fox in watercolor style").build());
 *   result.images().forEach(image -> System.out.println(image.url().orElseThrow()));
 * }
 * }</pre>
 *
 * <p>Every request is checked against the provider's capabilities before anything is sent. A
 * submission is sent again only when it is certain the vendor did not accept it; when the outcome
 * is unknown the call fails with {@link dev.nanobanana4j.core.error.OutcomeUnknownException}.
 * Waiting is done by scheduled polls, never by a thread per job.
 *
 * <p>The methods return {@link CompletableFuture}s that fail with {@link NanoBananaException}
 * subtypes; {@link #blocking()} offers the same calls, waiting and throwing those exceptions.
 */
public final class NanoBananaClient implements AutoCloseable {
  private final ConfiguredProviders providers;
  private final List<ImageProvider> owned;
  private final ScheduledExecutorService ownedExecutor;
  private final JobWatcher watcher;
  private final Waiting waiting;
  private final Pricing pricing;
  private final Submitting submitting;
  private final Routing routing;
  private final FanOut fanOut;
  private final ProviderHealth health;
  private volatile boolean closed;
  private final CallbackReceiving callbackReceiver;
  private final StoredJobs stored;
  private final java.util.concurrent.ExecutorService ownedStoreExecutor;
  private final Blocking blocking = new Blocking();

  NanoBananaClient(
      NanoBananaClientBuilder b, Map<String, ImageProvider> providers, List<ImageProvider> owned) {
    this.providers = new ConfiguredProviders(providers, b.defaultProvider);
    this.owned = List.copyOf(owned);
    Clock clock = b.clock;
    Duration defaultTimeout = b.defaultTimeout;
    Scheduler scheduler;
    if (b.scheduler != null) {
      scheduler = b.scheduler;
      this.ownedExecutor = null;
    } else {
      this.ownedExecutor =
          Executors.newSingleThreadScheduledExecutor(
              runnable -> {
                Thread thread = new Thread(runnable, "nanobanana-scheduler");
                thread.setDaemon(true);
                return thread;
              });
      scheduler = Scheduler.of(ownedExecutor);
    }
    ClientObserver observer = b.resolvedObserver;
    ProviderHealth health = new ProviderHealth(clock, b.refusalsBeforeCooldown, b.cooldown);
    this.health = health;
    if (b.jobStore == null) {
      this.stored = null;
      this.ownedStoreExecutor = null;
    } else {
      this.ownedStoreExecutor = b.storeExecutor == null ? storeThreads() : null;
      this.stored =
          new StoredJobs(
              b.jobStore,
              b.fleet,
              scheduler,
              clock,
              b.storeExecutor == null ? ownedStoreExecutor : b.storeExecutor,
              observer);
    }
    // With a job store, a shared budget's reservations are booked by the store with their jobs.
    Ledger ledger =
        new Ledger(
            b.budget,
            observer,
            health,
            stored,
            b.budget != null
                && b.jobStore instanceof dev.nanobanana4j.core.port.BudgetLedger kept
                && b.budget.keptIn(kept));
    JobWatcher.WaitEnded books =
        stored == null
            ? ledger::settle
            : (handle, status, took) -> {
              if (status != null) {
                stored.settle(handle, status);
              }
              ledger.settle(handle, status, took);
            };
    this.watcher =
        new JobWatcher(
            scheduler,
            clock,
            b.pollingPolicy,
            b.retryPolicy,
            b.random,
            observer,
            b.callbacks == null ? Duration.ofMinutes(1) : b.callbacks.pollingGrace(),
            books);
    this.callbackReceiver =
        new CallbackReceiving(this.providers.byId(), b.callbacks, watcher, observer, clock, stored);
    CallbackMarks marks = new CallbackMarks(b.callbacks, callbackReceiver, clock);
    Uploads uploads = new Uploads(b.uploader, scheduler, defaultTimeout);
    this.pricing = new Pricing(b.prices, uploads, clock);
    this.submitting =
        new Submitting(
            this.providers,
            pricing,
            ledger,
            marks,
            scheduler,
            clock,
            b.retryPolicy,
            b.random,
            defaultTimeout,
            uploads,
            stored);
    this.routing =
        new Routing(this.providers, pricing, ledger, marks, health, observer, uploads, stored);
    this.waiting =
        new Waiting(
            this.providers, watcher, clock, defaultTimeout, b.resultStore, scheduler, stored);
    if (stored != null) {
      stored.connect(
          (handle, timeout) ->
              watcher.watch(
                  this.providers.require(handle.providerId()),
                  handle,
                  timeout,
                  JobListener.NONE,
                  false),
          (handle, status) -> watcher.delivered(handle.providerId(), handle.taskId(), status),
          () -> this.providers.byId().keySet(),
          (handle, status) ->
              ledger.settledElsewhere(
                  handle, status, Duration.between(handle.submittedAt(), clock.instant())));
    }
    this.fanOut = new FanOut(this.providers, pricing, ledger, submitting, waiting, routing, clock);
  }

  /**
   * The job store's threads: two, so that a read is not queued behind a write the database holds;
   * at most 10,000 calls waiting, past which a call fails at once (a wait then polls the vendor).
   */
  private static java.util.concurrent.ExecutorService storeThreads() {
    java.util.concurrent.atomic.AtomicInteger count =
        new java.util.concurrent.atomic.AtomicInteger();
    return new java.util.concurrent.ThreadPoolExecutor(
        2,
        2,
        0,
        java.util.concurrent.TimeUnit.MILLISECONDS,
        new java.util.concurrent.LinkedBlockingQueue<>(10_000),
        runnable -> {
          Thread thread = new Thread(runnable, "nanobanana-store-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  /** A builder. */
  public static NanoBananaClientBuilder builder() {
    return new NanoBananaClientBuilder();
  }

  /**
   * The writes to the job store queued and not yet landed (0 without a store): each is tried again
   * until it lands, so a number that stays up says the store's database is away.
   */
  public int storeWritesPending() {
    return stored == null ? 0 : stored.writesPending();
  }

  /** The configured providers, in the order they were added. */
  public List<ProviderInfo> providers() {
    return providers.all().stream().map(ImageProvider::info).toList();
  }

  /**
   * The provider the calls that name none go to: the builder's {@code defaultProvider}, or the only
   * one configured.
   *
   * @throws dev.nanobanana4j.core.error.ProviderConfigurationException when there is none, or
   *     several and no default
   */
  public String defaultProviderId() {
    return providers.defaultId();
  }

  /**
   * Until when routes try {@code providerId} last, after it refused enough submissions in a row
   * (see the builder's {@code cooldown}); empty while it is not set aside. Asks nothing of the
   * vendor: for health checks and dashboards.
   *
   * @throws dev.nanobanana4j.core.error.ProviderNotFoundException when the client has no such
   *     provider
   */
  public Optional<Instant> setAsideUntil(String providerId) {
    providers.require(providerId);
    return health.setAsideUntil(providerId);
  }

  /** Submits to the default provider; see {@link #submit(String, ImageRequest)}. */
  public CompletableFuture<JobHandle> submit(ImageRequest request) {
    return submit(providers.defaultId(), request);
  }

  /**
   * Checks {@code request} against the provider's capabilities, then sends it. A request that does
   * not fit fails with {@link RequestValidationException} and nothing is sent. A submission
   * explicitly refused by the vendor (HTTP 429 or 503, or a refused connection) is sent again
   * within the retry policy; any other failure is final.
   */
  public CompletableFuture<JobHandle> submit(String providerId, ImageRequest request) {
    if (closed) {
      return closedFuture();
    }
    return submitting.submitForHandle(providerId, request);
  }

  /**
   * Submits to the provider {@code route} picks among those that accept {@code request}. A
   * submission a provider explicitly refuses (HTTP 429 or 503, a refused connection, insufficient
   * balance) goes to the next one, once each; anything else ends the route, so a job a vendor may
   * have accepted is never sent elsewhere. Providers set aside after repeated refusals are tried
   * last. Fails with {@link RequestValidationException} when no provider accepts the request.
   */
  public CompletableFuture<JobHandle> submit(ImageRequest request, Route route) {
    if (closed) {
      return closedFuture();
    }
    return routing.submit(request, route).thenApply(Priced::handle);
  }

  /**
   * Quotes {@code request} at each configured provider (price overrides applied), without calling
   * any, like with like: on the request's model, else on the default model of the provider with the
   * cheapest quote; those that accept it cheapest first, unknown prices after, then those that
   * cannot take it with the reasons (a provider that does not sell the model says so).
   */
  public List<Quote> quotes(ImageRequest request) {
    Objects.requireNonNull(request, "request == null");
    return routing.quotes(request, Route.cheapest());
  }

  /**
   * What a {@linkplain ImageRequest#isLenient() lenient} {@code request} loses at {@code
   * providerId}: each option the provider cannot honour, which the client drops before sending (and
   * logs). Empty for a strict request, or one the provider takes whole. Calls nobody.
   */
  public List<RequestWarning> warnings(String providerId, ImageRequest request) {
    Objects.requireNonNull(request, "request == null");
    return pricing.relax(providers.require(providerId), request).warnings();
  }

  /**
   * The receiver for vendors' callbacks to this client; see {@link CallbackReceiver}. Callbacks
   * from vendors that sign nothing need {@link NanoBananaClientBuilder#callbacks}; signed ones need
   * the provider's signing secret.
   */
  public CallbackReceiver callbackReceiver() {
    return callbackReceiver;
  }

  /**
   * Polls the job's provider once. A succeeded job's images carry their expiry where the vendor
   * documents how long it keeps them (counted from the job's submission, when nothing tells when it
   * ended).
   */
  public CompletableFuture<JobStatus> status(JobHandle handle) {
    if (closed) {
      return closedFuture();
    }
    Objects.requireNonNull(handle, "handle == null");
    ImageProvider provider;
    try {
      provider = providers.require(handle.providerId());
    } catch (NanoBananaException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<JobStatus> status =
        provider
            .status(handle)
            .thenApply(seen -> ResultExpiry.mark(seen, provider.info(), handle, 0));
    if (stored != null) {
      status.thenAccept(seen -> stored.observed(handle, seen));
    }
    return status;
  }

  /**
   * Asks the job's vendor to cancel it, where the provider supports cancelling ({@link
   * dev.nanobanana4j.core.domain.ProviderCapabilities#supportsCancel()}). Fails with {@link
   * OperationNotSupportedException}, sending nothing, where it does not. With a job store, a job
   * the vendor says had already ended is brought up to date in it (one status call).
   */
  public CompletableFuture<CancelResult> cancel(JobHandle handle) {
    if (closed) {
      return closedFuture();
    }
    Objects.requireNonNull(handle, "handle == null");
    try {
      ImageProvider provider = providers.require(handle.providerId());
      if (!(provider instanceof CancellationPort cancellation)) {
        throw new OperationNotSupportedException(
            provider.id(),
            Operation.CANCEL,
            provider.id() + " cannot cancel jobs: its vendor offers no way to stop one");
      }
      CompletableFuture<CancelResult> cancelled = Waits.call(() -> cancellation.cancel(handle));
      if (stored == null) {
        return cancelled;
      }
      // A job that had already ended: the job store learns how, from one status call.
      return cancelled.thenCompose(
          result ->
              result == CancelResult.ALREADY_FINISHED
                  ? status(handle).handle((ended, error) -> result)
                  : CompletableFuture.completedFuture(result));
    } catch (NanoBananaException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Asks provider {@code providerId}'s vendor about the account its key belongs to (whether the key
   * is valid, the balance), where the provider can ({@link AccountPort}: Modellix). Fails with
   * {@link OperationNotSupportedException}, sending nothing, where it cannot. Nothing is charged.
   */
  public CompletableFuture<AccountStatus> account(String providerId) {
    if (closed) {
      return closedFuture();
    }
    try {
      ImageProvider provider = providers.require(providerId);
      if (!(provider instanceof AccountPort accountPort)) {
        throw new OperationNotSupportedException(
            provider.id(),
            Operation.ACCOUNT,
            provider.id() + " cannot report on the account: its vendor documents no way to ask");
      }
      return Waits.call(accountPort::account);
    } catch (NanoBananaException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Waits for the job with the default timeout; see {@link #await(JobHandle, AwaitOptions)}. */
  public CompletableFuture<JobStatus> await(JobHandle handle) {
    return await(handle, AwaitOptions.defaults());
  }

  /**
   * Polls until the job reaches a terminal status (succeeded, failed or cancelled) and completes
   * with it. Fails with {@link dev.nanobanana4j.core.error.JobTimeoutException}, which carries the
   * handle, when the timeout passes first; by default the vendor is then asked to cancel the job
   * where its provider can (see {@link AwaitOptions#cancelAtDeadline()}). Cancelling the returned
   * future stops the polling and cancels nothing at the vendor.
   */
  public CompletableFuture<JobStatus> await(JobHandle handle, AwaitOptions options) {
    if (closed) {
      return closedFuture();
    }
    return waiting.await(handle, options);
  }

  /**
   * Generates with the default provider; see {@link #generate(String, ImageRequest, AwaitOptions)}.
   */
  public CompletableFuture<GenerationResult> generate(ImageRequest request) {
    return generate(providers.defaultId(), request, AwaitOptions.defaults());
  }

  /**
   * Generates with the default timeout; see {@link #generate(String, ImageRequest, AwaitOptions)}.
   */
  public CompletableFuture<GenerationResult> generate(String providerId, ImageRequest request) {
    return generate(providerId, request, AwaitOptions.defaults());
  }

  /**
   * Submits and waits: completes with the images, or fails with {@link JobFailedException} when the
   * vendor reports the job failed or cancelled.
   *
   * <p>A request whose {@linkplain ImageRequest#count() count} is more than one call to the
   * provider makes is split into calls of at most that many (at most {@value FanOut#MAX_CALLS}),
   * sent at once within the provider's concurrent-call limit. Each call reserves its share of the
   * budget (a whole that does not fit the budget is refused before any is sent). The result holds
   * every image the calls made, and a {@link GenerationResult.Failure} for each call that made
   * none; it fails only when none made an image.
   */
  public CompletableFuture<GenerationResult> generate(
      String providerId, ImageRequest request, AwaitOptions options) {
    if (closed) {
      return closedFuture();
    }
    Objects.requireNonNull(request, "request == null");
    Objects.requireNonNull(options, "options == null");
    return fanOut.generate(providerId, request, options);
  }

  /**
   * Submits by {@code route} (see {@link #submit(ImageRequest, Route)}) and waits, as {@link
   * #generate(String, ImageRequest, AwaitOptions)} does. A count more than one call to the provider
   * the route chooses first makes is split into calls of what that provider makes, and each call is
   * routed and reserved on its own.
   */
  public CompletableFuture<GenerationResult> generate(
      ImageRequest request, Route route, AwaitOptions options) {
    if (closed) {
      return closedFuture();
    }
    Objects.requireNonNull(options, "options == null");
    return fanOut.generate(request, route, options);
  }

  /**
   * Prices {@code request} by {@code route}, without calling anyone: at the provider the route
   * chooses first, on the one model its candidates are compared on, a count beyond one call priced
   * whole. A refusal there may send the request to a candidate with another price.
   *
   * @throws RequestValidationException when no provider can take the request
   */
  public CostEstimate estimate(ImageRequest request, Route route) {
    Objects.requireNonNull(route, "route == null");
    return fanOut.estimate(request, route);
  }

  /** Prices {@code request} at the default provider. */
  public CostEstimate estimate(ImageRequest request) {
    return estimate(providers.defaultId(), request);
  }

  /**
   * Prices {@code request} at the provider from its published price table, without calling it. A
   * count beyond one call is priced whole, as {@link #generate(String, ImageRequest, AwaitOptions)}
   * splits it.
   *
   * @throws RequestValidationException when the provider cannot take the request
   */
  public CostEstimate estimate(String providerId, ImageRequest request) {
    Objects.requireNonNull(request, "request == null");
    return fanOut.estimate(providers.require(providerId), request);
  }

  /**
   * Reads a job token (from {@link JobHandle#toToken()}) so the job can be polled or awaited, here
   * or in another process. Nothing is sent.
   *
   * @throws IllegalArgumentException when the token is damaged
   * @throws ProviderNotFoundException when the job's provider is not configured here
   */
  public JobHandle resume(String token) {
    JobHandle handle = JobHandle.parse(token);
    providers.require(handle.providerId());
    return handle;
  }

  /** The same calls, waiting for their results and throwing the library's exceptions. */
  public Blocking blocking() {
    return blocking;
  }

  /**
   * Cancels the waits in progress (their futures end cancelled; the jobs go on at their vendors and
   * their handles stay usable), then closes the providers this client made and its own scheduler.
   * After it, every call fails at once with {@link IllegalStateException}, and nothing is sent.
   */
  @Override
  public void close() {
    closed = true;
    if (stored != null) {
      stored.close();
    }
    watcher.stopAll();
    owned.forEach(ImageProvider::close);
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
    }
    if (ownedStoreExecutor != null) {
      ownedStoreExecutor.shutdownNow();
    }
  }

  /** What every call answers once the client is closed: nothing is sent, nothing waits. */
  private static <T> CompletableFuture<T> closedFuture() {
    return CompletableFuture.failedFuture(
        new IllegalStateException("the client is closed; nothing was sent"));
  }

  @Override
  public String toString() {
    return "NanoBananaClient" + providers;
  }

  /** The client's calls, blocking. Interrupting the caller cancels the wait. */
  public final class Blocking {
    private Blocking() {}

    /** See {@link NanoBananaClient#submit(ImageRequest)}. */
    public JobHandle submit(ImageRequest request) {
      return join(NanoBananaClient.this.submit(request));
    }

    /** See {@link NanoBananaClient#submit(String, ImageRequest)}. */
    public JobHandle submit(String providerId, ImageRequest request) {
      return join(NanoBananaClient.this.submit(providerId, request));
    }

    /** See {@link NanoBananaClient#submit(ImageRequest, Route)}. */
    public JobHandle submit(ImageRequest request, Route route) {
      return join(NanoBananaClient.this.submit(request, route));
    }

    /** See {@link NanoBananaClient#status(JobHandle)}. */
    public JobStatus status(JobHandle handle) {
      return join(NanoBananaClient.this.status(handle));
    }

    /** See {@link NanoBananaClient#account(String)}. */
    public AccountStatus account(String providerId) {
      return join(NanoBananaClient.this.account(providerId));
    }

    /** See {@link NanoBananaClient#cancel(JobHandle)}. */
    public CancelResult cancel(JobHandle handle) {
      return join(NanoBananaClient.this.cancel(handle));
    }

    /** See {@link NanoBananaClient#await(JobHandle, AwaitOptions)}. */
    public JobStatus await(JobHandle handle, AwaitOptions options) {
      return join(NanoBananaClient.this.await(handle, options));
    }

    /** See {@link NanoBananaClient#generate(ImageRequest)}. */
    public GenerationResult generate(ImageRequest request) {
      return join(NanoBananaClient.this.generate(request));
    }

    /** See {@link NanoBananaClient#generate(String, ImageRequest, AwaitOptions)}. */
    public GenerationResult generate(
        String providerId, ImageRequest request, AwaitOptions options) {
      return join(NanoBananaClient.this.generate(providerId, request, options));
    }

    /** See {@link NanoBananaClient#generate(ImageRequest, Route, AwaitOptions)}. */
    public GenerationResult generate(ImageRequest request, Route route, AwaitOptions options) {
      return join(NanoBananaClient.this.generate(request, route, options));
    }

    private <T> T join(CompletableFuture<T> future) {
      try {
        return future.get();
      } catch (InterruptedException e) {
        future.cancel(true);
        Thread.currentThread().interrupt();
        CancellationException cancelled = new CancellationException("interrupted while waiting");
        cancelled.initCause(e);
        throw cancelled;
      } catch (ExecutionException e) {
        Throwable cause = Waits.unwrap(e.getCause());
        if (cause instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (cause instanceof Error error) {
          throw error;
        }
        throw new IllegalStateException(cause);
      }
    }
  }
}
