package dev.nanobanana4j.core.error;

/**
 * The vendor (or this library, before sending) refused the request as invalid; change it before
 * trying again.
 */
public class InvalidRequestException extends NanoBananaException {
  private static final long serialVersionUID = 1L;

  /** An error with the given message, context and cause (which may be {@code null}). */
  public InvalidRequestException(String message, ErrorContext context, Throwable cause) {
    super(message, context, cause);
  }
}
