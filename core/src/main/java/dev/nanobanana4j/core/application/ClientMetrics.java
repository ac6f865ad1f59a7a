package dev.nanobanana4j.core.application;

import dev.nanobanana4j.core.domain.CostEstimate;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.error.JobTimeoutException;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.port.CallObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The client's meters, on the registry the application gives it. Tags are low-cardinality: the
 * provider id, the operation, an outcome or status class; never a task id, URL or key. The names
 * and tags are listed in the README.
 */
final class ClientMetrics implements CallObserver {
  static final String SUBMITTED = "nanobanana.jobs.submitted";
  static final String COMPLETED = "nanobanana.jobs.completed";
  static final String DURATION = "nanobanana.job.duration";
  static final String QUEUE_WAIT = "nanobanana.job.queue.wait";
  static final String POLLS = "nanobanana.job.polls";
  static final String HTTP_CALLS = "nanobanana.http.calls";
  static final String SPEND = "nanobanana.spend.estimated";
  static final String FALLBACKS = "nanobanana.route.fallbacks";
  static final String CALLBACKS = "nanobanana.callbacks";
  static final String OBSERVATION = "nanobanana.job";

  private final MeterRegistry meters;
  private final ObservationRegistry observations;
  private final Cache<Counter> submitted = new Cache<>();
  private final Cache<Counter> completed = new Cache<>();
  private final Cache<Timer> durations = new Cache<>();
  private final Cache<DistributionSummary> polls = new Cache<>();
  private final Cache<Timer> calls = new Cache<>();

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

  ClientMetrics(MeterRegistry meters, ObservationRegistry observations) {
    this.meters = meters;
    this.observations = observations;
  }

  /** A submission ended: {@code accepted}, {@code rejected}, {@code unknown} or {@code invalid}. */
  void submitted(String provider, String outcome) {
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

  /** A wait ended. */
  void completed(String provider, String outcome, Duration sinceSubmission, int pollCount) {
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

  /** A job left the vendor's queue, {@code waited} after submission. */
  void queueWait(String provider, Duration waited) {
    Timer.builder(QUEUE_WAIT)
        .description("Time a job spent queued at the vendor, where the vendor reports it")
        .tag("provider", provider)
        .register(meters)
        .record(waited.isNegative() ? Duration.ZERO : waited);
  }

  /** A job succeeded at the estimated price. */
  void spent(CostEstimate estimate) {
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

  /** A route moved past a provider that refused the submission. */
  void fellBack(String provider, String reason) {
    Counter.builder(FALLBACKS)
        .description("Submissions a route passed on to the next provider, by the reason")
        .tag("provider", provider)
        .tag("reason", reason)
        .register(meters)
        .increment();
  }

  /** A callback was received, with what became of it. */
  void callback(String provider, String outcome) {
    Counter.builder(CALLBACKS)
        .description("Vendor callbacks received, by what became of them")
        .tag("provider", provider)
        .tag("outcome", outcome)
        .register(meters)
        .increment();
  }

  @Override
  public void onCall(String provider, Operation operation, int httpStatus, Duration duration) {
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

  /** An observation of one job's wait, for tracing; stopped by the caller. */
  Observation startJob(String provider) {
    return Observation.createNotStarted(OBSERVATION, observations)
        .contextualName("nanobanana job " + provider)
        .lowCardinalityKeyValue("provider", provider)
        .start();
  }

  /** The outcome tag of a wait that ended with {@code status} or {@code error}. */
  static String outcome(JobStatus status, Throwable error) {
    if (error instanceof JobTimeoutException) {
      return "timed_out";
    }
    if (error instanceof CancellationException) {
      return "stopped";
    }
    if (error != null) {
      return "error";
    }
    return status.state().name().toLowerCase(Locale.ROOT);
  }
}
