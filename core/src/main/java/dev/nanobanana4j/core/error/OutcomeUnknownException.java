package dev.nanobanana4j.core.error;

/**
 * A submission was sent but its outcome is unknown: the connection broke or timed out after the
 * request went out, or the vendor answered with a server error or an unreadable body. The vendor
 * may have accepted, and may charge for, the job. It was sent exactly once and is not sent again
 * automatically; check the vendor's dashboard before submitting again.
 */
public class OutcomeUnknownException extends NanoBananaException {
  private static final long serialVersionUID = 1L;

  /** An error with the given message, context and cause. */
  public OutcomeUnknownException(String message, ErrorContext context, Throwable cause) {
    super(message, context, cause);
  }
}
