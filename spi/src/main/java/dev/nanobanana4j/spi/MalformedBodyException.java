package dev.nanobanana4j.spi;

/**
 * Thrown by an adapter's mapper when a body parsed as JSON but breaks the vendor's documented
 * protocol (a missing task id, an unknown state). {@link ErrorMapping} turns it into the core's
 * protocol error, or into "outcome unknown" for a submission.
 */
public final class MalformedBodyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception saying what was wrong with the body. */
  public MalformedBodyException(String message) {
    super(message);
  }

  /** An exception saying what was wrong with the body, and why. */
  public MalformedBodyException(String message, Throwable cause) {
    super(message, cause);
  }
}
