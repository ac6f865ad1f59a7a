package dev.nanobanana4j.core.port;

import dev.nanobanana4j.core.domain.CostEstimate;
import dev.nanobanana4j.core.error.Operation;
import java.time.Duration;
import java.util.List;

/**
 * Told of what the client does, for meters and traces: the port that the {@code
 * nanobanana4j-micrometer} module implements, and that any other metrics system can. Every method
 * does nothing by default, so an observer implements only what it records.
 *
 * <p>The client calls an observer on its own threads and never lets one hold up or fail a job: what
 * an observer throws is logged and dropped. Keep each call quick. The values given are
 * low-cardinality (provider ids, operations, outcome names), never a task id, URL or key.
 *
 * <p>An application sets one with {@code NanoBananaClientBuilder.observer}; a client built without
 * one uses every {@link ClientObserverFactory} found by {@link java.util.ServiceLoader}.
 */
public interface ClientObserver {
  /** Observes nothing. */
  ClientObserver NONE = new ClientObserver() {};

  /**
   * A submission ended.
   *
   * @param outcome {@code accepted}, {@code rejected} or {@code unknown}
   */
  default void submitted(String providerId, String outcome) {}

  /**
   * A wait ended.
   *
   * @param outcome {@code succeeded}, {@code failed}, {@code cancelled}, {@code timed_out}, {@code
   *     stopped} (the caller cancelled the wait) or {@code error}
   * @param sinceSubmission from submission to the end of the wait, never negative
   * @param polls the status polls made for the job
   */
  default void completed(String providerId, String outcome, Duration sinceSubmission, int polls) {}

  /** A job left the vendor's queue {@code waited} after its submission (never negative). */
  default void queueWait(String providerId, Duration waited) {}

  /** A job succeeded at this estimated price. */
  default void spent(CostEstimate estimate) {}

  /**
   * A vendor says what it charged for a job that succeeded ({@link
   * dev.nanobanana4j.core.domain.VendorReport#charged()}, Modellix's {@code billing}), which may
   * differ from the estimate.
   */
  default void charged(String providerId, dev.nanobanana4j.core.domain.Money amount) {}

  /**
   * A route passed a submission on to its next provider.
   *
   * @param providerId the provider that refused it
   * @param reason the refusal's exception type, such as {@code RateLimitException}
   */
  default void fellBack(String providerId, String reason) {}

  /**
   * A vendor callback was received.
   *
   * @param providerId the provider, or {@code unknown}
   * @param outcome what became of it: {@code completed}, {@code accepted}, {@code duplicate},
   *     {@code forged}, {@code replayed}, {@code oversized}, {@code malformed}, {@code
   *     unknown_provider} or {@code unknown_job}
   */
  default void callback(String providerId, String outcome) {}

  /**
   * A provider's HTTP call ended; as {@link CallObserver#onCall}.
   *
   * @param httpStatus the answer's status, or 0 when none came
   */
  default void call(String providerId, Operation operation, int httpStatus, Duration duration) {}

  /**
   * A write to the job store {@code landed}, or failed (it is tried again until it lands), after
   * {@code took}.
   */
  default void storeWrite(boolean landed, Duration took) {}

  /**
   * The job store at one of the client's checks: the writes waiting to land, the leases this
   * instance holds, the jobs it took over at this check from instances that died, and the jobs
   * whose outcome is unknown in the store (-1 when it could not be read).
   */
  default void storeChecked(
      int writesPending, int leasesHeld, int orphansTaken, long outcomeUnknown) {}

  /** A wait began; the observation returned is ended once, when the wait ends. */
  default JobObservation jobStarted(String providerId) {
    return JobObservation.NONE;
  }

  /** One job's wait, for tracing. */
  @FunctionalInterface
  interface JobObservation {
    /** Observes nothing. */
    JobObservation NONE = error -> {};

    /**
     * The wait ended.
     *
     * @param error why it ended without a status, or null
     */
    void end(Throwable error);
  }

  /**
   * One observer that tells each of {@code observers} in turn; what one throws (or a null
   * observation it returns) is logged and does not reach the caller or keep the others from being
   * told. The client wraps its observers so.
   */
  static ClientObserver all(List<? extends ClientObserver> observers) {
    List<ClientObserver> copy = List.copyOf(observers);
    return copy.isEmpty() ? NONE : new AllObservers(copy);
  }
}
