package dev.nanobanana4j.core.error;

/**
 * The vendor answered in a way its documented protocol does not allow: a malformed or unexpected
 * body.
 */
public class ProtocolException extends NanoBananaException {
  private static final long serialVersionUID = 1L;

  /** An error with the given message, context and cause (which may be {@code null}). */
  public ProtocolException(String message, ErrorContext context, Throwable cause) {
    super(message, context, cause);
  }

  /** A malformed answer may be a passing fault, and asking again is safe for reads. */
  @Override
  public boolean isRetryable() {
    return operation() != Operation.SUBMIT;
  }
}
