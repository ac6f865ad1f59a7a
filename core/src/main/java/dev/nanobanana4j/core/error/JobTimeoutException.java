package dev.nanobanana4j.core.error;

import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A job did not finish before the caller's deadline. The job may still finish, and be charged, at
 * the vendor: {@link #handle()} (or its token) lets the caller wait for it again.
 */
public class JobTimeoutException extends NanoBananaException {
  private static final long serialVersionUID = 1L;

  private final transient JobHandle handle;
  private final transient JobStatus lastStatus;
  private final boolean cancellationRequested;

  /** An error for {@code handle} after waiting {@code waited}; {@code lastStatus} may be null. */
  public JobTimeoutException(
      JobHandle handle, Duration waited, JobStatus lastStatus, Throwable lastError) {
    this(handle, waited, lastStatus, lastError, false);
  }

  /**
   * An error for {@code handle} after waiting {@code waited}, saying whether the vendor was asked
   * to cancel the job.
   */
  public JobTimeoutException(
      JobHandle handle,
      Duration waited,
      JobStatus lastStatus,
      Throwable lastError,
      boolean cancellationRequested) {
    super(
        "job did not finish within "
            + waited
            + (lastStatus == null ? "" : " (last seen " + lastStatus.state().label() + ")")
            + (cancellationRequested
                ? "; the vendor was asked to cancel it, but it may still finish: check with token "
                : "; it may still finish: wait again with token ")
            + handle.toToken(),
        ErrorContext.of(
                Objects.requireNonNull(handle, "handle == null").providerId(), Operation.AWAIT)
            .withTaskId(handle.taskId()),
        lastError);
    this.handle = handle;
    this.lastStatus = lastStatus;
    this.cancellationRequested = cancellationRequested;
  }

  /** Whether the vendor accepted a request to cancel the job at the deadline. */
  public boolean cancellationRequested() {
    return cancellationRequested;
  }

  /** The job, to wait for again. */
  public JobHandle handle() {
    return handle;
  }

  /** The last status seen, if any poll succeeded. */
  public Optional<JobStatus> lastStatus() {
    return Optional.ofNullable(lastStatus);
  }
}
