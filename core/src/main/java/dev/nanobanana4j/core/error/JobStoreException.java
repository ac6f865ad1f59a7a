package dev.nanobanana4j.core.error;

/**
 * The job store could not record or read a job. Raised before a submission when the store cannot
 * record it, so that nothing is sent that the books would forget; otherwise the job goes on, and
 * the failure is logged.
 */
public class JobStoreException extends NanoBananaException {
  private static final long serialVersionUID = 1L;

  /** An error for {@code providerId} (which may be {@code null}). */
  public JobStoreException(String providerId, String message, Throwable cause) {
    super(message, ErrorContext.of(providerId, Operation.STORE), cause);
  }
}
