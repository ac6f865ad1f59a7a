package dev.nanobanana4j.core.error;

/**
 * The vendor does not know the task: a wrong id, another account's job, or one past the vendor's
 * retention.
 */
public class JobNotFoundException extends NanoBananaException {
  private static final long serialVersionUID = 1L;

  /** An error with the given message, context and cause (which may be {@code null}). */
  public JobNotFoundException(String message, ErrorContext context, Throwable cause) {
    super(message, context, cause);
  }
}
