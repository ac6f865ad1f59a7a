package dev.nanobanana4j.core.error;

/**
 * The job store could not record or read a job. Raised before a submission when the store cannot
 * record it, so that nothing is sent that the books would forget; otherwise the job goes on, and
 * the failure is logged.
 */
public class JobStoreException extends NanoBananaException {
  private static final long serialVersionUID = 1L;

  private final boolean lasting;

  /** An error for {@code providerId} (which may be {@code null}), which may pass. */
  public JobStoreException(String providerId, String message, Throwable cause) {
    this(providerId, message, cause, false);
  }

  /**
   * An error for {@code providerId} (which may be {@code null}); {@code lasting} when trying the
   * same call again cannot help (the database refused what was written, not only failed to answer).
   */
  public JobStoreException(String providerId, String message, Throwable cause, boolean lasting) {
    super(message, ErrorContext.of(providerId, Operation.STORE), cause);
    this.lasting = lasting;
  }

  /** Whether the same call would fail again: the database refused it, it did not only fail. */
  public boolean isLasting() {
    return lasting;
  }
}
