package dev.nanobanana4j.core.port;

import dev.nanobanana4j.core.error.Operation;
import java.time.Duration;

/**
 * Told of every HTTP call a provider makes, for metrics. The client sets one on the providers it
 * creates; providers built on the spi report through {@code ProviderHttp}. Called on the calling
 * thread of the HTTP stack: keep it quick and never throw.
 */
@FunctionalInterface
public interface CallObserver {
  /** Observes nothing. */
  CallObserver NONE = (provider, operation, httpStatus, duration) -> {};

  /**
   * One call ended.
   *
   * @param providerId the provider
   * @param operation what the call was for
   * @param httpStatus the answer's HTTP status, or 0 when no answer came (a connection failure or
   *     timeout)
   * @param duration from sending to the end of the answer's head, or to the failure
   */
  void onCall(String providerId, Operation operation, int httpStatus, Duration duration);
}
