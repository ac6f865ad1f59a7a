package dev.nanobanana4j.core.error;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where an error happened: the provider, the operation, and what the vendor said. Carried by every
 * {@link NanoBananaException}. Never holds a secret.
 */
public final class ErrorContext implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String providerId;
  private final Operation operation;
  private final int httpStatus;
  private final String vendorCode;
  private final String taskId;

  private ErrorContext(
      String providerId, Operation operation, int httpStatus, String vendorCode, String taskId) {
    this.providerId = providerId;
    this.operation = Objects.requireNonNull(operation, "operation == null");
    this.httpStatus = httpStatus;
    this.vendorCode = vendorCode;
    this.taskId = taskId;
  }

  /** A context for {@code operation} at {@code providerId} (which may be {@code null}). */
  public static ErrorContext of(String providerId, Operation operation) {
    return new ErrorContext(providerId, operation, 0, null, null);
  }

  /** A copy with the HTTP status the vendor answered. */
  public ErrorContext withHttpStatus(int status) {
    return new ErrorContext(providerId, operation, status, vendorCode, taskId);
  }

  /** A copy with the vendor's error or failure code. */
  public ErrorContext withVendorCode(String code) {
    return new ErrorContext(providerId, operation, httpStatus, code, taskId);
  }

  /** A copy with the vendor's task id. */
  public ErrorContext withTaskId(String id) {
    return new ErrorContext(providerId, operation, httpStatus, vendorCode, id);
  }

  /** The provider the error is about; empty for errors before any provider is chosen. */
  public Optional<String> providerId() {
    return Optional.ofNullable(providerId);
  }

  /** The operation that failed. */
  public Operation operation() {
    return operation;
  }

  /** The HTTP status the vendor answered; empty when there was no answer. */
  public OptionalInt httpStatus() {
    return httpStatus == 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
  }

  /** The vendor's own error or failure code, when it gave one. */
  public Optional<String> vendorCode() {
    return Optional.ofNullable(vendorCode);
  }

  /** The vendor's task id, when the job has one. */
  public Optional<String> taskId() {
    return Optional.ofNullable(taskId);
  }

  /** Like {@code apixo submit, HTTP 429, code RateLimited, task task_1}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    s.append(providerId == null ? "nanobanana" : providerId).append(' ').append(operation.label());
    if (httpStatus != 0) {
      s.append(", HTTP ").append(httpStatus);
    }
    if (vendorCode != null) {
      s.append(", code ").append(vendorCode);
    }
    if (taskId != null) {
      s.append(", task ").append(taskId);
    }
    return s.toString();
  }
}
