package dev.nanobanana4j.core.error;

/** The provider cannot do what was asked, such as cancelling a job; nothing was sent. */
public class OperationNotSupportedException extends NanoBananaException {
  private static final long serialVersionUID = 1L;

  /** An error for {@code operation} at {@code providerId}. */
  public OperationNotSupportedException(String providerId, Operation operation, String message) {
    super(message, ErrorContext.of(providerId, operation), null);
  }
}
