package dev.nanobanana4j.core.error;

/** The account has no balance or quota left for this job. */
public class InsufficientBalanceException extends NanoBananaException {
  private static final long serialVersionUID = 1L;

  /** An error with the given message, context and cause (which may be {@code null}). */
  public InsufficientBalanceException(String message, ErrorContext context, Throwable cause) {
    super(message, context, cause);
  }
}
