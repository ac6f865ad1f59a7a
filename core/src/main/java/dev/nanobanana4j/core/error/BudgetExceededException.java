package dev.nanobanana4j.core.error;

/**
 * The request would pass the client's spend limit, or its price is unknown while a limit is set.
 * Thrown before anything is sent.
 */
public class BudgetExceededException extends NanoBananaException {
  private static final long serialVersionUID = 1L;

  /** An error saying why the request was refused. */
  public BudgetExceededException(String message, ErrorContext context) {
    super(message, context, null);
  }
}
