package dev.nanobanana4j.core.application;

import dev.nanobanana4j.core.domain.CancelResult;
import dev.nanobanana4j.core.domain.CostEstimate;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.ModelInfo;
import dev.nanobanana4j.core.domain.ProviderInfo;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.InsufficientBalanceException;
import dev.nanobanana4j.core.error.JobFailedException;
import dev.nanobanana4j.core.error.NanoBananaException;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.error.OperationNotSupportedException;
import dev.nanobanana4j.core.error.OutcomeUnknownException;
import dev.nanobanana4j.core.error.ProviderConfigurationException;
import dev.nanobanana4j.core.error.ProviderNotFoundException;
import dev.nanobanana4j.core.error.RequestValidationException;
import dev.nanobanana4j.core.port.CallObserver;
import dev.nanobanana4j.core.port.CallbackPort;
import dev.nanobanana4j.core.port.CallbackRequest;
import dev.nanobanana4j.core.port.CancellationPort;
import dev.nanobanana4j.core.port.ClientObserver;
import dev.nanobanana4j.core.port.ClientObserverFactory;
import dev.nanobanana4j.core.port.ImageProvider;
import dev.nanobanana4j.core.port.ProviderConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

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
  private static final System.Logger LOG = System.getLogger(NanoBananaClient.class.getName());

  private final Map<String, ImageProvider> providers;
  private final List<ImageProvider> owned;
  private final String defaultProvider;
  private final Clock clock;
  private final Scheduler scheduler;
  private final ScheduledExecutorService ownedExecutor;
  private final RetryPolicy retryPolicy;
  private final DoubleSupplier random;
  private final Duration defaultTimeout;
  private final JobWatcher watcher;
  private final ClientObserver observer;
  private final PriceOverrides prices;
  private final Budget budget;
  private final ProviderHealth health;
  private final Callbacks callbacks;
  private final CallbackReceiver callbackReceiver;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Blocking blocking = new Blocking();

  private NanoBananaClient(
      Builder b, Map<String, ImageProvider> providers, List<ImageProvider> owned) {
    this.providers = Collections.unmodifiableMap(new LinkedHashMap<>(providers));
    this.owned = List.copyOf(owned);
    this.clock = b.clock;
    this.retryPolicy = b.retryPolicy;
    this.random = b.random;
    this.defaultTimeout = b.defaultTimeout;
    if (b.scheduler != null) {
      this.scheduler = b.scheduler;
      this.ownedExecutor = null;
    } else {
      this.ownedExecutor =
          Executors.newSingleThreadScheduledExecutor(
              runnable -> {
                Thread thread = new Thread(runnable, "nanobanana-scheduler");
                thread.setDaemon(true);
                return thread;
              });
      this.scheduler = Scheduler.of(ownedExecutor);
    }
    this.observer = b.resolvedObserver;
    this.prices = b.prices;
    this.budget = b.budget;
    this.health = new ProviderHealth(clock, b.refusalsBeforeCooldown, b.cooldown);
    this.callbacks = b.callbacks;
    this.watcher =
        new JobWatcher(
            scheduler,
            clock,
            b.pollingPolicy,
            retryPolicy,
            random,
            observer,
            callbacks == null ? Duration.ofMinutes(1) : callbacks.pollingGrace(),
            this::settle);
    this.callbackReceiver =
        new CallbackReceiver(this.providers, callbacks, watcher, observer, clock);
    if (b.defaultProvider != null) {
      requireConfigured(b.defaultProvider);
      this.defaultProvider = b.defaultProvider;
    } else {
      this.defaultProvider = providers.size() == 1 ? providers.keySet().iterator().next() : null;
    }
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The configured providers, in the order they were added. */
  public List<ProviderInfo> providers() {
    return providers.values().stream().map(ImageProvider::info).toList();
  }

  /** Submits to the default provider; see {@link #submit(String, ImageRequest)}. */
  public CompletableFuture<JobHandle> submit(ImageRequest request) {
    return submit(defaultProviderId(), request);
  }

  /**
   * Checks {@code request} against the provider's capabilities, then sends it. A request that does
   * not fit fails with {@link RequestValidationException} and nothing is sent. A submission
   * explicitly refused by the vendor (HTTP 429 or 503, or a refused connection) is sent again
   * within the retry policy; any other failure is final.
   */
  public CompletableFuture<JobHandle> submit(String providerId, ImageRequest request) {
    return submitPriced(providerId, request).thenApply(Priced::handle);
  }

  /** A submitted job and the estimate it was submitted at. */
  private record Priced(JobHandle handle, CostEstimate estimate) {}

  /** Jobs submitted and not yet awaited to their end whose estimates are kept for the meters. */
  private static final int MAX_PENDING = 100_000;

  /** What the client keeps of a job it submitted until the job ends: its price and reservation. */
  private record Pending(CostEstimate estimate, Budget.Reservation reservation) {}

  private CompletableFuture<Priced> submitPriced(String providerId, ImageRequest request) {
    Objects.requireNonNull(request, "request == null");
    ImageProvider provider;
    CostEstimate estimate;
    Budget.Reservation reservation;
    try {
      provider = requireConfigured(providerId);
      validate(provider, request);
      estimate = priced(provider, request);
      reservation = budget == null ? null : budget.reserve(estimate);
    } catch (NanoBananaException e) {
      return CompletableFuture.failedFuture(e);
    }
    return track(provider, send(provider, request), estimate, reservation)
        .thenApply(handle -> new Priced(handle, estimate));
  }

  /**
   * Counts a submission's outcome and keeps its budget reservation with the job, or frees it when
   * the vendor certainly did not take the job.
   */
  private CompletableFuture<JobHandle> track(
      ImageProvider provider,
      CompletableFuture<JobHandle> submission,
      CostEstimate estimate,
      Budget.Reservation reservation) {
    return submission.whenComplete(
        (handle, error) -> {
          if (error == null) {
            observer.submitted(provider.id(), "accepted");
            health.accepted(provider.id());
            if (reservation != null || pending.size() < MAX_PENDING) {
              pending.put(key(handle), new Pending(estimate, reservation));
            }
            return;
          }
          boolean unknown = JobWatcher.unwrap(error) instanceof OutcomeUnknownException;
          observer.submitted(provider.id(), unknown ? "unknown" : "rejected");
          if (reservation != null && !unknown) {
            reservation.release();
          }
        });
  }

  private static String key(JobHandle handle) {
    return JobWatcher.key(handle.providerId(), handle.taskId());
  }

  /**
   * Submits to the provider {@code route} picks among those that accept {@code request}. A
   * submission a provider explicitly refuses (HTTP 429 or 503, a refused connection, insufficient
   * balance) goes to the next one, once each; anything else ends the route, so a job a vendor may
   * have accepted is never sent elsewhere. Providers set aside after repeated refusals are tried
   * last. Fails with {@link RequestValidationException} when no provider accepts the request.
   */
  public CompletableFuture<JobHandle> submit(ImageRequest request, Route route) {
    return submitRouted(request, route).thenApply(Priced::handle);
  }

  private CompletableFuture<Priced> submitRouted(ImageRequest request, Route route) {
    Objects.requireNonNull(route, "route == null");
    List<Quote> all = quotes(request);
    List<Quote> accepted = all.stream().filter(Quote::accepted).toList();
    List<Quote> order = new ArrayList<>();
    for (String id : route.strategy().order(accepted, health.timings())) {
      accepted.stream()
          .filter(q -> q.providerId().equals(id) && !order.contains(q))
          .findFirst()
          .ifPresent(order::add);
    }
    if (order.isEmpty()) {
      List<String> refusals = all.stream().flatMap(q -> q.violations().stream()).toList();
      return CompletableFuture.failedFuture(
          new RequestValidationException(
              refusals.isEmpty() ? List.of(route + " chose no provider") : refusals,
              ErrorContext.of(null, Operation.VALIDATE)));
    }
    List<Quote> setAside = order.stream().filter(q -> health.isSetAside(q.providerId())).toList();
    order.removeAll(setAside);
    order.addAll(setAside);
    CompletableFuture<Priced> result = new CompletableFuture<>();
    tryNext(order, 0, request, result, null);
    return result;
  }

  private void tryNext(
      List<Quote> order,
      int index,
      ImageRequest request,
      CompletableFuture<Priced> result,
      Throwable previous) {
    if (index == order.size()) {
      result.completeExceptionally(previous);
      return;
    }
    ImageProvider provider = providers.get(order.get(index).providerId());
    CostEstimate estimate = order.get(index).estimate().orElseThrow();
    Budget.Reservation reservation;
    try {
      reservation = budget == null ? null : budget.reserve(estimate);
    } catch (NanoBananaException e) {
      tryNext(order, index + 1, request, result, withSuppressed(e, previous));
      return;
    }
    ImageRequest prepared = withCallback(provider, request);
    track(
            provider,
            JobWatcher.call(() -> provider.submit(prepared))
                .thenApply(handle -> markCallback(provider, prepared, handle)),
            estimate,
            reservation)
        .whenComplete(
            (handle, error) -> {
              if (error == null) {
                result.complete(new Priced(handle, estimate));
                return;
              }
              Throwable cause = JobWatcher.unwrap(error);
              if (cause instanceof NanoBananaException e && isRefusal(e)) {
                LOG.log(
                    System.Logger.Level.DEBUG,
                    "route: {0} refused the submission ({1}); trying the next provider",
                    provider.id(),
                    e.getMessage());
                health.refused(provider.id());
                observer.fellBack(provider.id(), e.getClass().getSimpleName());
                tryNext(order, index + 1, request, result, withSuppressed(cause, previous));
              } else {
                result.completeExceptionally(withSuppressed(cause, previous));
              }
            });
  }

  /** Whether the vendor certainly did not take the submission and said so. */
  private static boolean isRefusal(NanoBananaException e) {
    return e.isSafeToResubmit() || e instanceof InsufficientBalanceException;
  }

  private static Throwable withSuppressed(Throwable error, Throwable previous) {
    if (previous != null && previous != error) {
      error.addSuppressed(previous);
    }
    return error;
  }

  /**
   * Quotes {@code request} at each configured provider (price overrides applied), without calling
   * any: those that accept it cheapest first, unknown prices after, then those that cannot take it
   * with the reasons.
   */
  public List<Quote> quotes(ImageRequest request) {
    Objects.requireNonNull(request, "request == null");
    List<Quote> quotes = new ArrayList<>();
    for (ImageProvider provider : providers.values()) {
      List<String> violations = provider.violations(request);
      quotes.add(
          violations.isEmpty()
              ? new Quote(provider.id(), Optional.of(priced(provider, request)), List.of())
              : new Quote(provider.id(), Optional.empty(), violations));
    }
    quotes.sort(Quote.CHEAPEST_FIRST);
    return List.copyOf(quotes);
  }

  /** The provider's estimate, or the override table's where the user gave one. */
  private CostEstimate priced(ImageProvider provider, ImageRequest request) {
    Optional<ModelInfo> model = provider.info().modelFor(request);
    return model
        .flatMap(m -> prices.table(provider.id(), m.id()))
        .map(table -> model.get().estimate(provider.id(), request, table))
        .orElseGet(() -> provider.estimate(request));
  }

  /** Sends a request that has passed validation, resending only what the vendor refused. */
  private CompletableFuture<JobHandle> send(ImageProvider provider, ImageRequest request) {
    ImageRequest prepared = withCallback(provider, request);
    CompletableFuture<JobHandle> result = new CompletableFuture<>();
    attemptSubmit(provider, prepared, 1, clock.instant().plus(defaultTimeout), result);
    return result.thenApply(handle -> markCallback(provider, prepared, handle));
  }

  /**
   * The request with a callback URL (and a fresh token) when callbacks are configured and the
   * provider takes a callback URL per request.
   */
  private ImageRequest withCallback(ImageProvider provider, ImageRequest request) {
    if (callbacks == null
        || request.callbackUrl().isPresent()
        || !(provider instanceof CallbackPort port)
        || port.callbackSecurity() != CallbackPort.Security.URL_TOKEN
        || provider
            .info()
            .modelFor(request)
            .map(model -> !model.capabilities().supportsWebhooks())
            .orElse(true)) {
      return request;
    }
    return request
        .newBuilder()
        .callbackUrl(callbacks.urlFor(provider.id(), clock.instant()))
        .build();
  }

  /**
   * Marks the handle of a job whose vendor will call back, so polling waits for the callback, and
   * tells the receiver that this client submitted it. The mark is the callback token's nonce (or
   * {@code yes} for vendors that sign), so that a wait resumed from the handle's token elsewhere
   * still knows which token may settle it.
   */
  private JobHandle markCallback(ImageProvider provider, ImageRequest sent, JobHandle handle) {
    boolean callsBack =
        provider instanceof CallbackPort port
            && (sent.callbackUrl().isPresent()
                || (port.callbackSecurity() == CallbackPort.Security.SIGNED && port.callsBack()));
    if (!callsBack || handle.attributes().containsKey(JobWatcher.CALLBACK)) {
      return handle;
    }
    String mark =
        sent.callbackUrl()
            .flatMap(
                url ->
                    Callbacks.nonce(
                        CallbackRequest.queryParameter(url, CallbackPort.URL_TOKEN_PARAMETER)))
            .orElse(JobWatcher.SIGNED_CALLBACK);
    Map<String, String> attributes = new LinkedHashMap<>(handle.attributes());
    attributes.put(JobWatcher.CALLBACK, mark);
    JobHandle marked =
        JobHandle.of(handle.providerId(), handle.taskId(), handle.submittedAt(), attributes);
    callbackReceiver.submitted(marked);
    return marked;
  }

  /**
   * The receiver for vendors' callbacks to this client; see {@link CallbackReceiver}. Callbacks
   * from vendors that sign nothing need {@link Builder#callbacks}; signed ones need the provider's
   * signing secret.
   */
  public CallbackReceiver callbackReceiver() {
    return callbackReceiver;
  }

  private void attemptSubmit(
      ImageProvider provider,
      ImageRequest request,
      int attempt,
      Instant deadline,
      CompletableFuture<JobHandle> result) {
    if (result.isDone()) {
      return;
    }
    JobWatcher.call(() -> provider.submit(request))
        .whenComplete(
            (handle, error) -> {
              if (error == null) {
                result.complete(handle);
                return;
              }
              Throwable cause = JobWatcher.unwrap(error);
              if (cause instanceof NanoBananaException e
                  && e.isSafeToResubmit()
                  && attempt < retryPolicy.maxAttempts()) {
                Duration wait = retryPolicy.delayAfter(e, attempt, random.getAsDouble());
                if (!clock.instant().plus(wait).isAfter(deadline)) {
                  LOG.log(
                      System.Logger.Level.DEBUG,
                      "{0} refused submission attempt {1} ({2}); sending again in {3}",
                      provider.id(),
                      attempt,
                      e.getMessage(),
                      wait);
                  scheduler.schedule(
                      () -> attemptSubmit(provider, request, attempt + 1, deadline, result), wait);
                  return;
                }
              }
              result.completeExceptionally(cause);
            });
  }

  /** Polls the job's provider once. */
  public CompletableFuture<JobStatus> status(JobHandle handle) {
    Objects.requireNonNull(handle, "handle == null");
    try {
      return requireConfigured(handle.providerId()).status(handle);
    } catch (NanoBananaException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Asks the job's vendor to cancel it, where the provider supports cancelling ({@link
   * dev.nanobanana4j.core.domain.ProviderCapabilities#supportsCancel()}). Fails with {@link
   * OperationNotSupportedException}, sending nothing, where it does not.
   */
  public CompletableFuture<CancelResult> cancel(JobHandle handle) {
    Objects.requireNonNull(handle, "handle == null");
    try {
      ImageProvider provider = requireConfigured(handle.providerId());
      if (!(provider instanceof CancellationPort cancellation)) {
        throw new OperationNotSupportedException(
            provider.id(),
            Operation.CANCEL,
            provider.id() + " cannot cancel jobs: its vendor offers no way to stop one");
      }
      return JobWatcher.call(() -> cancellation.cancel(handle));
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
    Objects.requireNonNull(handle, "handle == null");
    Objects.requireNonNull(options, "options == null");
    ImageProvider provider;
    try {
      provider = requireConfigured(handle.providerId());
    } catch (NanoBananaException e) {
      return CompletableFuture.failedFuture(e);
    }
    // Not a dependent future: cancelling it must reach the watch.
    return watcher.watch(
        provider,
        handle,
        options.timeout().orElse(defaultTimeout),
        options.listener(),
        options.cancelAtDeadline());
  }

  /**
   * Commits or releases the budget reservation of a job this client submitted, counts its spend,
   * and learns its time to success.
   */
  private void settle(JobHandle handle, JobStatus status) {
    if (status == null) {
      return; // timed out or stopped: the vendor may still charge, so the reservation stays
    }
    Pending job = pending.remove(key(handle));
    Budget.Reservation reservation = job == null ? null : job.reservation();
    if (status instanceof JobStatus.Succeeded) {
      health.succeeded(
          handle.providerId(), Duration.between(handle.submittedAt(), clock.instant()));
      if (job != null) {
        observer.spent(job.estimate());
      }
      if (reservation != null) {
        reservation.commit();
      }
    } else if (reservation != null) {
      reservation.release();
    }
  }

  /**
   * Generates with the default provider; see {@link #generate(String, ImageRequest, AwaitOptions)}.
   */
  public CompletableFuture<GenerationResult> generate(ImageRequest request) {
    return generate(defaultProviderId(), request, AwaitOptions.defaults());
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
   */
  public CompletableFuture<GenerationResult> generate(
      String providerId, ImageRequest request, AwaitOptions options) {
    Objects.requireNonNull(options, "options == null");
    return complete(submitPriced(providerId, request), options);
  }

  /**
   * Submits by {@code route} (see {@link #submit(ImageRequest, Route)}) and waits, as {@link
   * #generate(String, ImageRequest, AwaitOptions)} does.
   */
  public CompletableFuture<GenerationResult> generate(
      ImageRequest request, Route route, AwaitOptions options) {
    Objects.requireNonNull(options, "options == null");
    return complete(submitRouted(request, route), options);
  }

  private CompletableFuture<GenerationResult> complete(
      CompletableFuture<Priced> submission, AwaitOptions options) {
    return submission.thenCompose(
        priced ->
            await(priced.handle(), options)
                .thenApply(status -> finish(priced.handle(), status, priced.estimate())));
  }

  private GenerationResult finish(JobHandle handle, JobStatus status, CostEstimate estimate) {
    if (status instanceof JobStatus.Succeeded succeeded) {
      return new GenerationResult(
          handle,
          succeeded.images(),
          estimate,
          Duration.between(handle.submittedAt(), clock.instant()));
    }
    throw new JobFailedException(handle, status);
  }

  /** Prices {@code request} at the default provider. */
  public CostEstimate estimate(ImageRequest request) {
    return estimate(defaultProviderId(), request);
  }

  /**
   * Prices {@code request} at the provider from its published price table, without calling it.
   *
   * @throws RequestValidationException when the provider cannot take the request
   */
  public CostEstimate estimate(String providerId, ImageRequest request) {
    Objects.requireNonNull(request, "request == null");
    ImageProvider provider = requireConfigured(providerId);
    validate(provider, request);
    return priced(provider, request);
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
    requireConfigured(handle.providerId());
    return handle;
  }

  /** The same calls, waiting for their results and throwing the library's exceptions. */
  public Blocking blocking() {
    return blocking;
  }

  /**
   * Cancels the waits in progress (their futures end cancelled; the jobs go on at their vendors and
   * their handles stay usable), then closes the providers this client made and its own scheduler.
   */
  @Override
  public void close() {
    watcher.stopAll();
    owned.forEach(ImageProvider::close);
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
    }
  }

  private void validate(ImageProvider provider, ImageRequest request) {
    List<String> violations = provider.violations(request);
    if (!violations.isEmpty()) {
      throw new RequestValidationException(
          violations, ErrorContext.of(provider.id(), Operation.VALIDATE));
    }
  }

  private String defaultProviderId() {
    if (defaultProvider == null) {
      throw new ProviderConfigurationException(
          null,
          providers.isEmpty()
              ? "no provider is configured; add one with NanoBananaClient.builder().provider(...)"
              : "several providers are configured ("
                  + String.join(", ", providers.keySet())
                  + "); name one, or set defaultProvider(...)");
    }
    return defaultProvider;
  }

  private ImageProvider requireConfigured(String providerId) {
    Objects.requireNonNull(providerId, "providerId == null");
    ImageProvider provider = providers.get(providerId);
    if (provider == null) {
      throw new ProviderNotFoundException(
          providerId, List.copyOf(providers.keySet()), "is configured in this client");
    }
    return provider;
  }

  @Override
  public String toString() {
    return "NanoBananaClient" + providers.keySet();
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
        Throwable cause = JobWatcher.unwrap(e.getCause());
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

  /** Builds a {@link NanoBananaClient}. */
  public static final class Builder {
    private ProviderRegistry registry;
    private final Map<String, ProviderConfig> configs = new LinkedHashMap<>();
    private final Map<String, ImageProvider> given = new LinkedHashMap<>();
    private String defaultProvider;
    private Clock clock = Clock.systemUTC();
    private Scheduler scheduler;
    private PollingPolicy pollingPolicy = PollingPolicy.adaptive();
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    private Duration defaultTimeout = Duration.ofMinutes(10);
    private ClientObserver observer;
    private ClientObserver resolvedObserver;
    private PriceOverrides prices = PriceOverrides.none();
    private Budget budget;
    private int refusalsBeforeCooldown = 3;
    private Duration cooldown = Duration.ofMinutes(1);
    private Callbacks callbacks;

    private Builder() {}

    /**
     * Have vendors call back when jobs end, where they can; see {@link Callbacks} and {@link
     * NanoBananaClient#callbackReceiver()}. Polling remains the fallback.
     */
    public Builder callbacks(Callbacks callbacks) {
      this.callbacks = Objects.requireNonNull(callbacks, "callbacks == null");
      return this;
    }

    /**
     * What the client tells of its work, for meters and traces, such as the {@code
     * nanobanana4j-micrometer} module's {@code MicrometerObserver}. Without one, the client uses
     * every {@link ClientObserverFactory} that {@link ServiceLoader} finds (none: nothing is
     * observed); {@link ClientObserver#NONE} turns that off. Several observers: {@link
     * ClientObserver#all}.
     */
    public Builder observer(ClientObserver observer) {
      this.observer = Objects.requireNonNull(observer, "observer == null");
      return this;
    }

    /** Price tables that replace the providers' own; see {@link PriceOverrides}. */
    public Builder priceOverrides(PriceOverrides prices) {
      this.prices = Objects.requireNonNull(prices, "prices == null");
      return this;
    }

    /** A spend limit; see {@link Budget}. None by default. */
    public Builder budget(Budget budget) {
      this.budget = Objects.requireNonNull(budget, "budget == null");
      return this;
    }

    /**
     * After {@code refusals} refused submissions in a row, routes try the provider last until
     * {@code cooldown} has passed. Default: 3 refusals, one minute.
     */
    public Builder cooldown(int refusals, Duration cooldown) {
      if (refusals < 1 || cooldown.isNegative()) {
        throw new IllegalArgumentException("refusals must be at least 1 and cooldown not negative");
      }
      this.refusalsBeforeCooldown = refusals;
      this.cooldown = cooldown;
      return this;
    }

    /** Where to find providers by id; by default {@link ProviderRegistry#load()}. */
    public Builder registry(ProviderRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry == null");
      return this;
    }

    /** Configures the installed provider {@code providerId}; the client makes and closes it. */
    public Builder provider(String providerId, ProviderConfig config) {
      Objects.requireNonNull(providerId, "providerId == null");
      configs.put(providerId, Objects.requireNonNull(config, "config == null"));
      return this;
    }

    /** Adds a provider made by the caller, who also closes it. */
    public Builder provider(ImageProvider provider) {
      Objects.requireNonNull(provider, "provider == null");
      given.put(provider.id(), provider);
      return this;
    }

    /** The provider used by the calls that name none; not needed when only one is configured. */
    public Builder defaultProvider(String providerId) {
      this.defaultProvider = providerId;
      return this;
    }

    /** The clock for deadlines and elapsed times; for tests. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** Where polls and retries are scheduled; by default one daemon thread the client owns. */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler == null");
      return this;
    }

    /** When to poll running jobs; by default {@link PollingPolicy#adaptive()}. */
    public Builder pollingPolicy(PollingPolicy pollingPolicy) {
      this.pollingPolicy = Objects.requireNonNull(pollingPolicy, "pollingPolicy == null");
      return this;
    }

    /** How failed calls are retried; see {@link RetryPolicy}. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
      return this;
    }

    /** The source of jitter for backoff, uniform in [0, 1); for tests. */
    public Builder random(DoubleSupplier random) {
      this.random = Objects.requireNonNull(random, "random == null");
      return this;
    }

    /** How long waits take at most when the call names no timeout; default 10 minutes. */
    public Builder defaultTimeout(Duration defaultTimeout) {
      Objects.requireNonNull(defaultTimeout, "defaultTimeout == null");
      if (defaultTimeout.isNegative() || defaultTimeout.isZero()) {
        throw new IllegalArgumentException("defaultTimeout must be positive");
      }
      this.defaultTimeout = defaultTimeout;
      return this;
    }

    /**
     * Builds the client, making the configured providers.
     *
     * @throws ProviderNotFoundException when a configured id is not installed
     */
    public NanoBananaClient build() {
      resolvedObserver =
          observer == ClientObserver.NONE
              ? ClientObserver.NONE
              : ClientObserver.all(observer != null ? List.of(observer) : discoveredObservers());
      ClientObserver calls = resolvedObserver;
      Map<String, ImageProvider> all = new LinkedHashMap<>(given);
      List<ImageProvider> owned = new ArrayList<>();
      if (!configs.isEmpty()) {
        ProviderRegistry source = registry != null ? registry : ProviderRegistry.load();
        try {
          configs.forEach(
              (id, config) -> {
                if (all.containsKey(id)) {
                  throw new ProviderConfigurationException(
                      id, "provider " + id + " is added twice");
                }
                CallObserver own = config.callObserver();
                ImageProvider provider =
                    source
                        .factory(id)
                        .create(
                            config
                                .newBuilder()
                                .callObserver(
                                    (provider1, operation, status, took) -> {
                                      own.onCall(provider1, operation, status, took);
                                      calls.call(provider1, operation, status, took);
                                    })
                                .build());
                owned.add(provider);
                all.put(id, provider);
              });
        } catch (RuntimeException e) {
          owned.forEach(ImageProvider::close);
          throw e;
        }
      }
      return new NanoBananaClient(this, all, owned);
    }

    /** The observers of the {@link ClientObserverFactory factories} installed. */
    private static List<ClientObserver> discoveredObservers() {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      List<ClientObserver> found = new ArrayList<>();
      try {
        ServiceLoader.load(
                ClientObserverFactory.class,
                loader != null ? loader : NanoBananaClient.class.getClassLoader())
            .forEach(factory -> found.add(Objects.requireNonNull(factory.create(), "observer")));
      } catch (ServiceConfigurationError e) {
        throw new ProviderConfigurationException(
            null, "an observer jar is broken and cannot be loaded: " + e.getMessage());
      }
      return found;
    }
  }
}
