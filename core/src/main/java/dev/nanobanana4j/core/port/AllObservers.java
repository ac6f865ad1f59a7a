package dev.nanobanana4j.core.port;

import dev.nanobanana4j.core.domain.CostEstimate;
import dev.nanobanana4j.core.error.Operation;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** The observer of {@link ClientObserver#all}. */
final class AllObservers implements ClientObserver {
  private static final System.Logger LOG = System.getLogger(ClientObserver.class.getName());
  private final List<ClientObserver> observers;

  AllObservers(List<ClientObserver> observers) {
    this.observers = observers;
  }

  private void each(String what, java.util.function.Consumer<ClientObserver> call) {
    for (ClientObserver observer : observers) {
      try {
        call.accept(observer);
      } catch (RuntimeException e) {
        // Named by class: an observer's own toString may be what throws.
        String name = observer.getClass().getName();
        LOG.log(Level.WARNING, () -> "observer " + name + " failed on " + what, e);
      }
    }
  }

  @Override
  public void submitted(String providerId, String outcome) {
    each("submitted", o -> o.submitted(providerId, outcome));
  }

  @Override
  public void completed(String providerId, String outcome, Duration since, int polls) {
    each("completed", o -> o.completed(providerId, outcome, since, polls));
  }

  @Override
  public void queueWait(String providerId, Duration waited) {
    each("queueWait", o -> o.queueWait(providerId, waited));
  }

  @Override
  public void spent(CostEstimate estimate) {
    each("spent", o -> o.spent(estimate));
  }

  @Override
  public void charged(String providerId, dev.nanobanana4j.core.domain.Money amount) {
    each("charged", o -> o.charged(providerId, amount));
  }

  @Override
  public void fellBack(String providerId, String reason) {
    each("fellBack", o -> o.fellBack(providerId, reason));
  }

  @Override
  public void callback(String providerId, String outcome) {
    each("callback", o -> o.callback(providerId, outcome));
  }

  @Override
  public void call(String providerId, Operation operation, int httpStatus, Duration duration) {
    each("call", o -> o.call(providerId, operation, httpStatus, duration));
  }

  @Override
  public void storeWrite(boolean landed, Duration took) {
    each("storeWrite", o -> o.storeWrite(landed, took));
  }

  @Override
  public void storeChecked(
      int writesPending, int leasesHeld, int orphansTaken, long outcomeUnknown) {
    each(
        "storeChecked",
        o -> o.storeChecked(writesPending, leasesHeld, orphansTaken, outcomeUnknown));
  }

  @Override
  public JobObservation jobStarted(String providerId) {
    List<JobObservation> started = new java.util.ArrayList<>();
    each("jobStarted", o -> started.add(Objects.requireNonNull(o.jobStarted(providerId))));
    return error -> {
      for (JobObservation observation : started) {
        try {
          observation.end(error);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "a job observation failed to end", e);
        }
      }
    };
  }

  @Override
  public String toString() {
    return "ClientObserver.all" + observers;
  }
}
