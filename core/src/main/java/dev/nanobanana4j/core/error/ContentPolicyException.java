package dev.nanobanana4j.core.error;

/** The vendor refused the prompt or an image under its content policy. */
public class ContentPolicyException extends NanoBananaException {
  private static final long serialVersionUID = 1L;

  /** An error with the given message, context and cause (which may be {@code null}). */
  public ContentPolicyException(String message, ErrorContext context, Throwable cause) {
    super(message, context, cause);
  }
}
