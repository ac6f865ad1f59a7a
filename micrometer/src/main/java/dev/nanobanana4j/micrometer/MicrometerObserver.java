package dev.nanobanana4j.micrometer;

import dev.nanobanana4j.core.domain.CostEstimate;
import dev.nanobanana4j.core.domain.Money;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.port.ClientObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The client's meters and observations on Micrometer. Tags are low-cardinality: the provider id,
 * the operation, an outcome or status class; never a task id, URL or key. The names and tags are
 * listed in the README. The observer registers meters and never configures the registries.
 *
 * <pre>{@code
 * NanoBananaClient client = NanoBananaClient.builder()
 *     .provider("apixo", config)
 *     .observer(MicrometerObserver.of(meterRegistry, observationRegistry))
 *     .build();
 * }</pre>
 */
public final class MicrometerObserver implements ClientObserver {
  /** Counter of submissions: {@code provider}, {@code outcome}. */
  public static final String SUBMITTED = "nanobanana.jobs.submitted";

  /** Counter of ended waits: {@code provider}, {@code outcome}. */
  public static final String COMPLETED = "nanobanana.jobs.completed";

  /** Timer from submission to the end of the wait: {@code provider}, {@code outcome}. */
  public static final String DURATION = "nanobanana.job.duration";

  /** Timer of the time queued at the vendor, where it reports a queue: {@code provider}. */
  public static final String QUEUE_WAIT = "nanobanana.job.queue.wait";

  /** Distribution summary of status polls per job: {@code provider}. */
  public static final String POLLS = "nanobanana.job.polls";

  /** Timer of HTTP calls to vendors: {@code provider}, {@code operation}, {@code status}. */
  public static final String HTTP_CALLS = "nanobanana.http.calls";

  /** Counter of estimated spend on succeeded jobs: {@code provider}, {@code currency}. */
  public static final String SPEND = "nanobanana.spend.estimated";

  /** What vendors say they charged, where they say: {@code provider}, {@code currency}. */
  public static final String CHARGED = "nanobanana.spend.charged";

  /** Counter of submissions a route passed on: {@code provider}, {@code reason}. */
  public static final String FALLBACKS = "nanobanana.route.fallbacks";

  /** Counter of vendor callbacks received: {@code provider}, {@code outcome}. */
  public static final String CALLBACKS = "nanobanana.callbacks";

  /** Timer of writes to the job store: {@code outcome} ({@code landed}, {@code failed}). */
  public static final String STORE_WRITES = "nanobanana.store.writes";

  /** Gauge of writes to the job store waiting to land (retried until they do). */
  public static final String STORE_WRITES_PENDING = "nanobanana.store.writes.pending";

  /** Gauge of the job leases this instance holds. */
  public static final String STORE_LEASES = "nanobanana.store.leases.held";

  /** Counter of jobs this instance took over from instances that died. */
  public static final String STORE_ORPHANS = "nanobanana.store.orphans.taken";

  /** Gauge of the jobs whose outcome is unknown in the store, as of the last check. */
  public static final String STORE_OUTCOME_UNKNOWN = "nanobanana.store.jobs.outcome.unknown";

  /** The observation of one wait, with the {@code provider} key. */
  public static final String OBSERVATION = "nanobanana.job";

  private final MeterRegistry meters;
  private final ObservationRegistry observations;
  private final Cache<Counter> submitted = new Cache<>();
  private final Cache<Counter> completed = new Cache<>();
  private final Cache<Timer> durations = new Cache<>();
  private final Cache<DistributionSummary> polls = new Cache<>();
  private final Cache<Timer> calls = new Cache<>();
  private final java.util.concurrent.atomic.AtomicLong writesPending =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong leasesHeld =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong outcomeUnknown =
      new java.util.concurrent.atomic.AtomicLong();
  private volatile boolean storeGauges;

  /**
   * Meters already registered, by their tag values: a job records several, and looking them up here
   * costs two map reads where building and registering costs an id and a registry lookup.
   */
  private static final class Cache<M> {
    private final Map<String, Map<String, M>> meters = new ConcurrentHashMap<>();

    M get(String first, String second, BiFunction<String, String, M> register) {
      return meters
          .computeIfAbsent(first, k -> new ConcurrentHashMap<>())
          .computeIfAbsent(second, k -> register.apply(first, second));
    }
  }

  private MicrometerObserver(MeterRegistry meters, ObservationRegistry observations) {
    this.meters = Objects.requireNonNull(meters, "meters == null");
    this.observations = Objects.requireNonNull(observations, "observations == null");
  }

  /** Meters on {@code meters}; no observations. */
  public static MicrometerObserver of(MeterRegistry meters) {
    return new MicrometerObserver(meters, ObservationRegistry.NOOP);
  }

  /** Meters on {@code meters}, and an observation of each wait on {@code observations}. */
  public static MicrometerObserver of(MeterRegistry meters, ObservationRegistry observations) {
    return new MicrometerObserver(meters, observations);
  }

  /** Meters on Micrometer's global registry; no observations. What the ServiceLoader finds. */
  public static MicrometerObserver global() {
    return of(Metrics.globalRegistry);
  }

  @Override
  public void submitted(String provider, String outcome) {
    submitted
        .get(
            provider,
            outcome,
            (p, o) ->
                Counter.builder(SUBMITTED)
                    .description("Submissions, by how they ended")
                    .tag("provider", p)
                    .tag("outcome", o)
                    .register(meters))
        .increment();
  }

  @Override
  public void completed(String provider, String outcome, Duration sinceSubmission, int pollCount) {
    completed
        .get(
            provider,
            outcome,
            (p, o) ->
                Counter.builder(COMPLETED)
                    .description("Jobs whose wait ended, by outcome")
                    .tag("provider", p)
                    .tag("outcome", o)
                    .register(meters))
        .increment();
    durations
        .get(
            provider,
            outcome,
            (p, o) ->
                Timer.builder(DURATION)
                    .description("Time from submission to the end of the wait")
                    .tag("provider", p)
                    .tag("outcome", o)
                    .register(meters))
        .record(sinceSubmission.isNegative() ? Duration.ZERO : sinceSubmission);
    polls
        .get(
            provider,
            "",
            (p, unused) ->
                DistributionSummary.builder(POLLS)
                    .description("Status polls per job")
                    .tag("provider", p)
                    .register(meters))
        .record(pollCount);
  }

  @Override
  public void queueWait(String provider, Duration waited) {
    Timer.builder(QUEUE_WAIT)
        .description("Time a job spent queued at the vendor, where the vendor reports it")
        .tag("provider", provider)
        .register(meters)
        .record(waited.isNegative() ? Duration.ZERO : waited);
  }

  @Override
  public void spent(CostEstimate estimate) {
    estimate
        .total()
        .ifPresent(
            total ->
                Counter.builder(SPEND)
                    .description("Estimated spend on succeeded jobs, from the price tables")
                    .baseUnit(total.currency().getCurrencyCode().toLowerCase(Locale.ROOT))
                    .tag("provider", estimate.providerId())
                    .tag("currency", total.currency().getCurrencyCode())
                    .register(meters)
                    .increment(total.amount().doubleValue()));
  }

  @Override
  public void charged(String provider, Money amount) {
    Counter.builder(CHARGED)
        .description("What vendors say they charged for succeeded jobs, where they say")
        .baseUnit(amount.currency().getCurrencyCode().toLowerCase(Locale.ROOT))
        .tag("provider", provider)
        .tag("currency", amount.currency().getCurrencyCode())
        .register(meters)
        .increment(amount.amount().doubleValue());
  }

  @Override
  public void fellBack(String provider, String reason) {
    Counter.builder(FALLBACKS)
        .description("Submissions a route passed on to the next provider, by the reason")
        .tag("provider", provider)
        .tag("reason", reason)
        .register(meters)
        .increment();
  }

  @Override
  public void callback(String provider, String outcome) {
    Counter.builder(CALLBACKS)
        .description("Vendor callbacks received, by what became of them")
        .tag("provider", provider)
        .tag("outcome", outcome)
        .register(meters)
        .increment();
  }

  @Override
  public void call(String provider, Operation operation, int httpStatus, Duration duration) {
    String status =
        httpStatus == 0 ? "none" : STATUS_CLASSES[Math.min(5, Math.max(1, httpStatus / 100))];
    calls
        .get(
            provider,
            operation.name() + status,
            (p, unused) ->
                Timer.builder(HTTP_CALLS)
                    .description("HTTP calls to vendors")
                    .tag("provider", p)
                    .tag("operation", operation.name().toLowerCase(Locale.ROOT))
                    .tag("status", status)
                    .register(meters))
        .record(duration);
  }

  private static final String[] STATUS_CLASSES = {"", "1xx", "2xx", "3xx", "4xx", "5xx"};

  @Override
  public void storeWrite(boolean landed, Duration took) {
    Timer.builder(STORE_WRITES)
        .description("Writes to the job store")
        .tag("outcome", landed ? "landed" : "failed")
        .register(meters)
        .record(took);
  }

  @Override
  public void storeChecked(
      int writesPending, int leasesHeld, int orphansTaken, long outcomeUnknown) {
    if (!storeGauges) {
      synchronized (this) {
        if (!storeGauges) {
          io.micrometer.core.instrument.Gauge.builder(
                  STORE_WRITES_PENDING,
                  this.writesPending,
                  java.util.concurrent.atomic.AtomicLong::get)
              .description("Writes to the job store waiting to land")
              .register(meters);
          io.micrometer.core.instrument.Gauge.builder(
                  STORE_LEASES, this.leasesHeld, java.util.concurrent.atomic.AtomicLong::get)
              .description("Job leases this instance holds")
              .register(meters);
          io.micrometer.core.instrument.Gauge.builder(
                  STORE_OUTCOME_UNKNOWN,
                  this.outcomeUnknown,
                  java.util.concurrent.atomic.AtomicLong::get)
              .description("Jobs whose outcome is unknown in the store")
              .register(meters);
          storeGauges = true;
        }
      }
    }
    this.writesPending.set(writesPending);
    this.leasesHeld.set(leasesHeld);
    if (outcomeUnknown >= 0) {
      this.outcomeUnknown.set(outcomeUnknown);
    }
    if (orphansTaken > 0) {
      Counter.builder(STORE_ORPHANS)
          .description("Jobs taken over from instances that died")
          .register(meters)
          .increment(orphansTaken);
    }
  }

  @Override
  public JobObservation jobStarted(String provider) {
    Observation observation =
        Observation.createNotStarted(OBSERVATION, observations)
            .contextualName("nanobanana job " + provider)
            .lowCardinalityKeyValue("provider", provider)
            .start();
    return error -> {
      if (error != null) {
        observation.error(error);
      }
      observation.stop();
    };
  }

  @Override
  public String toString() {
    return "MicrometerObserver[" + meters.getClass().getSimpleName() + "]";
  }
}
