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

  /** An error for {@code handle} after waiting {@code waited}; {@code lastStatus} may be null. */
  public JobTimeoutException(
      JobHandle handle, Duration waited, JobStatus lastStatus, Throwable lastError) {
    super(
        "job did not finish within "
            + waited
            + (lastStatus == null ? "" : " (last seen " + lastStatus.state().label() + ")")
            + "; it may still finish: wait again with token "
            + handle.toToken(),
        ErrorContext.of(
                Objects.requireNonNull(handle, "handle == null").providerId(), Operation.AWAIT)
            .withTaskId(handle.taskId()),
        lastError);
    this.handle = handle;
    this.lastStatus = lastStatus;
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
