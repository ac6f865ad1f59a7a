package dev.nanobanana4j.testkit;

import dev.nanobanana4j.core.domain.CostEstimate;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.port.ClientObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ClientObserver} that keeps what it is told, one line per event, for assertions in tests
 * that need no metrics library:
 *
 * <pre>{@code
 * RecordingObserver observer = new RecordingObserver();
 * NanoBananaClient client = NanoBananaClient.builder().observer(observer)...build();
 * ...
 * assertEquals(1, observer.count("completed apixo succeeded"));
 * }</pre>
 *
 * Events read {@code submitted PROVIDER OUTCOME}, {@code completed PROVIDER OUTCOME DURATION
 * POLLS}, {@code queueWait PROVIDER DURATION}, {@code spent PROVIDER AMOUNT CURRENCY}, {@code
 * charged PROVIDER AMOUNT CURRENCY}, {@code fellBack PROVIDER REASON}, {@code callback PROVIDER
 * OUTCOME}, {@code call PROVIDER OPERATION STATUS}, {@code jobStarted PROVIDER} and {@code jobEnded
 * PROVIDER [ERROR]}.
 */
public final class RecordingObserver implements ClientObserver {
  private final List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());

  /** An observer that has been told nothing yet. */
  public RecordingObserver() {}

  /** The events so far, in order, such as {@code "submitted apixo accepted"}. */
  public List<String> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  /** How many events begin with {@code prefix}. */
  public long count(String prefix) {
    return events().stream().filter(e -> e.startsWith(prefix)).count();
  }

  @Override
  public void submitted(String providerId, String outcome) {
    events.add("submitted " + providerId + " " + outcome);
  }

  @Override
  public void completed(String providerId, String outcome, Duration since, int polls) {
    events.add("completed " + providerId + " " + outcome + " " + since + " " + polls);
  }

  @Override
  public void queueWait(String providerId, Duration waited) {
    events.add("queueWait " + providerId + " " + waited);
  }

  @Override
  public void spent(CostEstimate estimate) {
    estimate.total().ifPresent(total -> events.add("spent " + estimate.providerId() + " " + total));
  }

  @Override
  public void charged(String providerId, dev.nanobanana4j.core.domain.Money amount) {
    events.add("charged " + providerId + " " + amount);
  }

  @Override
  public void fellBack(String providerId, String reason) {
    events.add("fellBack " + providerId + " " + reason);
  }

  @Override
  public void callback(String providerId, String outcome) {
    events.add("callback " + providerId + " " + outcome);
  }

  @Override
  public void call(String providerId, Operation operation, int httpStatus, Duration duration) {
    events.add("call " + providerId + " " + operation + " " + httpStatus);
  }

  @Override
  public JobObservation jobStarted(String providerId) {
    events.add("jobStarted " + providerId);
    return error ->
        events.add(
            "jobEnded "
                + providerId
                + (error == null ? "" : " " + error.getClass().getSimpleName()));
  }
}
