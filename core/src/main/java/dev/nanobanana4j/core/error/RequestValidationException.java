package dev.nanobanana4j.core.error;

import java.util.List;

/**
 * The request does not fit the chosen provider's capabilities. Thrown before anything is sent;
 * {@link #violations()} lists every problem at once.
 */
public class RequestValidationException extends InvalidRequestException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> violations;

  /** An error listing {@code violations} (at least one). */
  public RequestValidationException(List<String> violations, ErrorContext context) {
    super(describe(violations), context, null);
    this.violations = List.copyOf(violations);
  }

  private static String describe(List<String> violations) {
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("violations is empty");
    }
    return "request not sent: " + String.join("; ", violations);
  }

  /** Each problem with the request, in words a user can act on. */
  public List<String> violations() {
    return violations;
  }
}
