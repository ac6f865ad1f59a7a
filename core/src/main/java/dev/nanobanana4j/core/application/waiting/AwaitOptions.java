package dev.nanobanana4j.core.application.waiting;

import dev.nanobanana4j.core.port.ResultStore;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Options for waiting on a job: the overall deadline, a listener for progress, and whether to ask
 * the vendor to cancel the job when the deadline passes.
 *
 * @param timeout how long to wait in all; empty for the client's default
 * @param listener told of each status seen
 * @param cancelAtDeadline whether to ask the vendor to cancel the job at the deadline, where its
 *     provider can cancel; the handle stays usable either way
 * @param resultStore where a succeeded job's images are kept before the wait completes; empty for
 *     the client's ({@code NanoBananaClientBuilder.resultStore}), {@link ResultStore#NONE} for none
 */
public record AwaitOptions(
    Optional<Duration> timeout,
    JobListener listener,
    boolean cancelAtDeadline,
    Optional<ResultStore> resultStore) {
  /** Checks the values. */
  public AwaitOptions {
    Objects.requireNonNull(timeout, "timeout == null");
    Objects.requireNonNull(listener, "listener == null");
    Objects.requireNonNull(resultStore, "resultStore == null");
    timeout.ifPresent(
        t -> {
          if (t.isNegative() || t.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + t);
          }
        });
  }

  /** Options that keep the job's images where the client's result store keeps them. */
  public AwaitOptions(Optional<Duration> timeout, JobListener listener, boolean cancelAtDeadline) {
    this(timeout, listener, cancelAtDeadline, Optional.empty());
  }

  /** The client's default timeout, no listener, and cancel at the deadline. */
  public static AwaitOptions defaults() {
    return new AwaitOptions(Optional.empty(), JobListener.NONE, true);
  }

  /** Waits at most {@code timeout}, then cancels where the provider can. */
  public static AwaitOptions timeout(Duration timeout) {
    return new AwaitOptions(Optional.of(timeout), JobListener.NONE, true);
  }

  /** A copy with the given listener. */
  public AwaitOptions withListener(JobListener listener) {
    return new AwaitOptions(timeout, listener, cancelAtDeadline, resultStore);
  }

  /** A copy that does, or does not, ask the vendor to cancel at the deadline. */
  public AwaitOptions withCancelAtDeadline(boolean cancel) {
    return new AwaitOptions(timeout, listener, cancel, resultStore);
  }

  /**
   * A copy that keeps a succeeded job's images in {@code store} before the wait completes, instead
   * of the client's store ({@link ResultStore#NONE}: in none).
   */
  public AwaitOptions withResultStore(ResultStore store) {
    return new AwaitOptions(
        timeout, listener, cancelAtDeadline, Optional.of(Objects.requireNonNull(store, "store")));
  }
}
