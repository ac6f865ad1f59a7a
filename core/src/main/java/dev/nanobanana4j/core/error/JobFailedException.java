package dev.nanobanana4j.core.error;

import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import java.util.Objects;

/**
 * A job ended at the vendor without images: it failed (see {@link #status()}) or was cancelled.
 * Thrown by the {@code generate} calls; {@code await} returns such statuses instead.
 */
public class JobFailedException extends NanoBananaException {
  private static final long serialVersionUID = 1L;

  private final transient JobHandle handle;
  private final transient JobStatus status;

  /** An error for {@code handle}, which ended in {@code status}. */
  public JobFailedException(JobHandle handle, JobStatus status) {
    super(describe(status), context(handle, status), null);
    this.handle = handle;
    this.status = status;
  }

  private static ErrorContext context(JobHandle handle, JobStatus status) {
    ErrorContext context =
        ErrorContext.of(
                Objects.requireNonNull(handle, "handle == null").providerId(), Operation.AWAIT)
            .withTaskId(handle.taskId());
    if (status instanceof JobStatus.Failed failed && failed.vendorCode().isPresent()) {
      context = context.withVendorCode(failed.vendorCode().get());
    }
    return context;
  }

  private static String describe(JobStatus status) {
    if (status instanceof JobStatus.Failed failed) {
      return "job failed (" + failed.reason() + "): " + failed.message();
    }
    if (status instanceof JobStatus.Cancelled) {
      return "job was cancelled";
    }
    throw new IllegalArgumentException("status " + status + " is not a failure");
  }

  /** The job. */
  public JobHandle handle() {
    return handle;
  }

  /** The terminal status: {@link JobStatus.Failed} or {@link JobStatus.Cancelled}. */
  public JobStatus status() {
    return status;
  }
}
