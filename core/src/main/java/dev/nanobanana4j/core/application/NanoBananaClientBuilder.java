package dev.nanobanana4j.core.application;

import dev.nanobanana4j.core.application.callbacks.Callbacks;
import dev.nanobanana4j.core.application.jobs.FleetOptions;
import dev.nanobanana4j.core.application.routing.Budget;
import dev.nanobanana4j.core.application.routing.PriceOverrides;
import dev.nanobanana4j.core.application.waiting.PollingPolicy;
import dev.nanobanana4j.core.application.waiting.RetryPolicy;
import dev.nanobanana4j.core.application.waiting.Scheduler;
import dev.nanobanana4j.core.error.ProviderConfigurationException;
import dev.nanobanana4j.core.error.ProviderNotFoundException;
import dev.nanobanana4j.core.port.CallObserver;
import dev.nanobanana4j.core.port.ClientObserver;
import dev.nanobanana4j.core.port.ClientObserverFactory;
import dev.nanobanana4j.core.port.ImageProvider;
import dev.nanobanana4j.core.port.ImageUploader;
import dev.nanobanana4j.core.port.JobStore;
import dev.nanobanana4j.core.port.ProviderConfig;
import dev.nanobanana4j.core.port.ResultStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Builds a {@link NanoBananaClient}; from {@link NanoBananaClient#builder()}. Only the providers
 * are required; everything else has a default fit for production.
 */
public final class NanoBananaClientBuilder {
  ProviderRegistry registry;
  private final Map<String, ProviderConfig> configs = new LinkedHashMap<>();
  private final Map<String, ImageProvider> given = new LinkedHashMap<>();
  String defaultProvider;
  Clock clock = Clock.systemUTC();
  Scheduler scheduler;
  PollingPolicy pollingPolicy = PollingPolicy.adaptive();
  RetryPolicy retryPolicy = RetryPolicy.defaults();
  DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
  Duration defaultTimeout = Duration.ofMinutes(10);
  ResultStore resultStore;
  ImageUploader uploader;
  private ClientObserver observer;
  ClientObserver resolvedObserver;
  PriceOverrides prices = PriceOverrides.none();
  Budget budget;
  int refusalsBeforeCooldown = 3;
  Duration cooldown = Duration.ofMinutes(1);
  Callbacks callbacks;
  JobStore jobStore;
  FleetOptions fleet = FleetOptions.defaults();
  java.util.concurrent.Executor storeExecutor;

  NanoBananaClientBuilder() {}

  /**
   * Records every job in {@code store}, so that it outlives this process: each submission before it
   * is sent, each job's state and result after; waits take the job's lease, so that several clients
   * sharing the store poll each job once (see {@link #fleet}). The caller owns the store and closes
   * it after the client. None by default.
   */
  public NanoBananaClientBuilder jobStore(JobStore store) {
    this.jobStore = Objects.requireNonNull(store, "store == null");
    return this;
  }

  /**
   * How this client shares the {@link #jobStore job store} with a fleet: its instance id, leases,
   * and whether it takes over the jobs of instances that died; {@link FleetOptions#defaults()} by
   * default.
   */
  public NanoBananaClientBuilder fleet(FleetOptions options) {
    this.fleet = Objects.requireNonNull(options, "options == null");
    return this;
  }

  /**
   * The threads that call the {@link #jobStore job store}; never the scheduler's, so that a store
   * that stops answering holds no wait. By default two daemon threads of the client's own, stopped
   * with it. A test may give {@code Runnable::run}, to call the store on the calling thread.
   */
  public NanoBananaClientBuilder storeExecutor(java.util.concurrent.Executor executor) {
    this.storeExecutor = Objects.requireNonNull(executor, "executor == null");
    return this;
  }

  /**
   * Have vendors call back when jobs end, where they can; see {@link Callbacks} and {@link
   * NanoBananaClient#callbackReceiver()}. Polling remains the fallback.
   */
  public NanoBananaClientBuilder callbacks(Callbacks callbacks) {
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
  public NanoBananaClientBuilder observer(ClientObserver observer) {
    this.observer = Objects.requireNonNull(observer, "observer == null");
    return this;
  }

  /** Price tables that replace the providers' own; see {@link PriceOverrides}. */
  public NanoBananaClientBuilder priceOverrides(PriceOverrides prices) {
    this.prices = Objects.requireNonNull(prices, "prices == null");
    return this;
  }

  /** A spend limit; see {@link Budget}. None by default. */
  public NanoBananaClientBuilder budget(Budget budget) {
    this.budget = Objects.requireNonNull(budget, "budget == null");
    return this;
  }

  /**
   * After {@code refusals} refused submissions in a row, routes try the provider last until {@code
   * cooldown} has passed. Default: 3 refusals, one minute.
   */
  public NanoBananaClientBuilder cooldown(int refusals, Duration cooldown) {
    if (refusals < 1 || cooldown.isNegative()) {
      throw new IllegalArgumentException("refusals must be at least 1 and cooldown not negative");
    }
    this.refusalsBeforeCooldown = refusals;
    this.cooldown = cooldown;
    return this;
  }

  /** Where to find providers by id; by default {@link ProviderRegistry#load()}. */
  public NanoBananaClientBuilder registry(ProviderRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry == null");
    return this;
  }

  /** Configures the installed provider {@code providerId}; the client makes and closes it. */
  public NanoBananaClientBuilder provider(String providerId, ProviderConfig config) {
    Objects.requireNonNull(providerId, "providerId == null");
    configs.put(providerId, Objects.requireNonNull(config, "config == null"));
    return this;
  }

  /** Adds a provider made by the caller, who also closes it. */
  public NanoBananaClientBuilder provider(ImageProvider provider) {
    Objects.requireNonNull(provider, "provider == null");
    given.put(provider.id(), provider);
    return this;
  }

  /** The provider used by the calls that name none; not needed when only one is configured. */
  public NanoBananaClientBuilder defaultProvider(String providerId) {
    this.defaultProvider = providerId;
    return this;
  }

  /** The clock for deadlines and elapsed times; for tests. */
  public NanoBananaClientBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
    return this;
  }

  /** Where polls and retries are scheduled; by default one daemon thread the client owns. */
  public NanoBananaClientBuilder scheduler(Scheduler scheduler) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler == null");
    return this;
  }

  /** When to poll running jobs; by default {@link PollingPolicy#adaptive()}. */
  public NanoBananaClientBuilder pollingPolicy(PollingPolicy pollingPolicy) {
    this.pollingPolicy = Objects.requireNonNull(pollingPolicy, "pollingPolicy == null");
    return this;
  }

  /** How failed calls are retried; see {@link RetryPolicy}. */
  public NanoBananaClientBuilder retryPolicy(RetryPolicy retryPolicy) {
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
    return this;
  }

  /** The source of jitter for backoff, uniform in [0, 1); for tests. */
  public NanoBananaClientBuilder random(DoubleSupplier random) {
    this.random = Objects.requireNonNull(random, "random == null");
    return this;
  }

  /**
   * Where every wait keeps a succeeded job's images before it completes (a {@link
   * dev.nanobanana4j.core.application.download.FileResultStore}, say), so that images outlive the
   * vendor's copy; a wait's own {@code AwaitOptions.withResultStore} replaces it. None by default.
   */
  public NanoBananaClientBuilder resultStore(ResultStore resultStore) {
    this.resultStore = Objects.requireNonNull(resultStore, "resultStore == null");
    return this;
  }

  /**
   * Turns local reference images into URLs for vendors that take URLs only (APIXO, Modellix,
   * ModelsLab, SeaArt): uploaded just before the submission, once. Without one, a request with
   * local files is refused by such a vendor before anything is sent.
   */
  public NanoBananaClientBuilder uploader(ImageUploader uploader) {
    this.uploader = Objects.requireNonNull(uploader, "uploader == null");
    return this;
  }

  /** How long waits take at most when the call names no timeout; default 10 minutes. */
  public NanoBananaClientBuilder defaultTimeout(Duration defaultTimeout) {
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
                throw new ProviderConfigurationException(id, "provider " + id + " is added twice");
              }
              CallObserver own = config.callObserver();
              // Where nobody observes, the provider is told so and times no call.
              CallObserver both =
                  own == CallObserver.NONE && calls == ClientObserver.NONE
                      ? CallObserver.NONE
                      : (provider1, operation, status, took) -> {
                        own.onCall(provider1, operation, status, took);
                        calls.call(provider1, operation, status, took);
                      };
              ImageProvider provider =
                  source.factory(id).create(config.newBuilder().callObserver(both).build());
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
