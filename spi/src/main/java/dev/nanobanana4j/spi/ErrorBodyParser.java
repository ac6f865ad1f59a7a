package dev.nanobanana4j.spi;

/** Reads a vendor's error body into its code and message; must not throw. */
@FunctionalInterface
public interface ErrorBodyParser {
  /** Reads nothing. */
  ErrorBodyParser NONE = (status, body) -> VendorError.none();

  /**
   * Reads an error body.
   *
   * @param httpStatus the HTTP status of the answer
   * @param body the body as text, possibly empty, HTML or cut short
   */
  VendorError parse(int httpStatus, String body);
}
