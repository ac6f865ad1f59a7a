package dev.nanobanana4j.core.error;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The root of every error this library throws. Subtypes say what the caller can do; each carries
 * the provider id, the operation, and where known the HTTP status, the vendor's code and the task
 * id. Messages never contain a secret.
 */
public abstract class NanoBananaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorContext context;

  /**
   * An error whose message is prefixed with where it happened; {@code cause} may be {@code null}.
   */
  protected NanoBananaException(String message, ErrorContext context, Throwable cause) {
    super("[" + Objects.requireNonNull(context, "context == null") + "] " + message, cause);
    this.context = context;
  }

  /** Where the error happened. */
  public ErrorContext context() {
    return context;
  }

  /** The provider that raised the error, when one did. */
  public Optional<String> providerId() {
    return context.providerId();
  }

  /** The operation that failed. */
  public Operation operation() {
    return context.operation();
  }

  /** The HTTP status the vendor answered, when there was an answer. */
  public OptionalInt httpStatus() {
    return context.httpStatus();
  }

  /** The vendor's own error code, when it gave one. */
  public Optional<String> vendorCode() {
    return context.vendorCode();
  }

  /** The vendor's task id, when the job has one. */
  public Optional<String> taskId() {
    return context.taskId();
  }

  /**
   * Whether the same call may succeed if made again later. For a submission, see also {@link
   * #isSafeToResubmit()}.
   */
  public boolean isRetryable() {
    return false;
  }

  /**
   * Whether it is certain the vendor did not accept the submission, so sending it again cannot
   * create a second paid job.
   */
  public boolean isSafeToResubmit() {
    return false;
  }
}
