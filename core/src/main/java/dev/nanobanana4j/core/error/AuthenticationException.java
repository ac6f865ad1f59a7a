package dev.nanobanana4j.core.error;

/** The vendor refused the API key: missing, wrong, revoked, or not allowed this model. */
public class AuthenticationException extends NanoBananaException {
  private static final long serialVersionUID = 1L;

  /** An error with the given message, context and cause (which may be {@code null}). */
  public AuthenticationException(String message, ErrorContext context, Throwable cause) {
    super(message, context, cause);
  }
}
