package dev.nanobanana4j.core.application.internal;

import dev.nanobanana4j.core.application.waiting.PollingPolicy;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.RelaxedRequest;
import dev.nanobanana4j.core.domain.RequestWarning;
import dev.nanobanana4j.core.error.JobTimeoutException;
import dev.nanobanana4j.core.port.ClientObserver;
import dev.nanobanana4j.core.port.ImageProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** What the use cases share about futures, time and bookkeeping that must never fail a wait. */
public final class Waits {
  private Waits() {}

  private static final System.Logger LOG = System.getLogger(Waits.class.getName());

  /** A duration, or zero where it is negative. */
  public static Duration notNegative(Duration duration) {
    return duration.isNegative() ? Duration.ZERO : duration;
  }

  /** The outcome a {@link ClientObserver} is told of for a wait that ended with this. */
  public static String outcome(JobStatus status, Throwable error) {
    if (error instanceof JobTimeoutException) {
      return "timed_out";
    }
    if (error instanceof CancellationException) {
      return "stopped";
    }
    if (error != null) {
      return "error";
    }
    return status.state().label();
  }

  /** {@code instant + duration}, saturating at the largest instant rather than throwing. */
  public static Instant plus(Instant instant, Duration duration) {
    try {
      return instant.plus(duration);
    } catch (java.time.DateTimeException | ArithmeticException e) {
      return duration.isNegative() ? Instant.MIN : Instant.MAX;
    }
  }

  /**
   * Runs a piece of the client's bookkeeping (a meter, an observation, a listener, the polling
   * policy's learning) so that its failure is logged and nothing more: no such failure may keep a
   * wait from completing or change its outcome.
   */
  public static void quietly(String what, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      ignored(what, e);
    }
  }

  /** The request to send; each option a lenient request dropped is logged as a warning. */
  public static ImageRequest relaxed(RelaxedRequest relaxed) {
    for (RequestWarning warning : relaxed.warnings()) {
      LOG.log(System.Logger.Level.WARNING, "lenient request: {0}", warning.message());
    }
    return relaxed.request();
  }

  /** Logs a failure of {@code what} that is not allowed to change the outcome. */
  public static void ignored(String what, RuntimeException e) {
    LOG.log(System.Logger.Level.WARNING, "ignored a failure of " + what, e);
  }

  /**
   * The observation of a job starting at {@code providerId}: {@link
   * ClientObserver.JobObservation#NONE} when the observer fails or gives none, so that a broken
   * observer cannot stop a wait.
   */
  public static ClientObserver.JobObservation observe(ClientObserver observer, String providerId) {
    try {
      ClientObserver.JobObservation started = observer.jobStarted(providerId);
      return started == null ? ClientObserver.JobObservation.NONE : started;
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "the job observation failed to start", e);
      return ClientObserver.JobObservation.NONE;
    }
  }

  /** The key of a job among the client's waits and memories. */
  public static TaskKey key(String providerId, String taskId) {
    return new TaskKey(providerId, taskId);
  }

  /**
   * A job's identity in the client's maps: the handle's own strings, not a new one made of them.
   */
  public record TaskKey(String providerId, String taskId) {}

  /** Calls a port, turning an exception it throws into a failed future. */
  public static <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> port) {
    try {
      return java.util.Objects.requireNonNull(port.get(), "a provider port returned no future");
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Makes cancelling {@code future} cancel each of {@code upstream} too (they are not its source).
   */
  public static void cancelling(
      CompletableFuture<?> future, List<? extends CompletableFuture<?>> upstream) {
    future.whenComplete(
        (r, e) -> {
          if (future.isCancelled()) {
            upstream.forEach(u -> u.cancel(false));
          }
        });
  }

  /**
   * Completes {@code result} as {@code upstream} completes (its failure unwrapped), and cancels
   * {@code upstream} when {@code result} is cancelled or completed first.
   */
  public static <T> void forward(CompletableFuture<T> upstream, CompletableFuture<T> result) {
    cancelling(result, List.of(upstream));
    upstream.whenComplete(
        (value, error) -> {
          if (error != null) {
            result.completeExceptionally(unwrap(error));
          } else {
            result.complete(value);
          }
        });
  }

  /** The cause behind the {@link CompletionException}s around {@code error}. */
  public static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** The policy's next poll; should the policy fail, the vendor's own interval. */
  public static Duration nextPoll(
      PollingPolicy policy,
      ImageProvider provider,
      JobHandle handle,
      Duration elapsed,
      JobStatus status) {
    try {
      return policy.nextPoll(provider.info(), handle, elapsed, status);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "the polling policy failed; polling at the interval", e);
      return provider.info().pollInterval();
    }
  }
}
