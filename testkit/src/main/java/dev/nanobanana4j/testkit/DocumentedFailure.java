package dev.nanobanana4j.testkit;

import dev.nanobanana4j.core.domain.FailureReason;
import java.util.Objects;

/**
 * A task failure code from a vendor's documentation and the reason it must map to.
 *
 * @param vendorCode the vendor's failure code, as the docs spell it
 * @param message a message the vendor sends with it
 * @param reason the vendor-neutral reason
 */
public record DocumentedFailure(String vendorCode, String message, FailureReason reason) {
  /** Checks the fields. */
  public DocumentedFailure {
    Objects.requireNonNull(vendorCode, "vendorCode == null");
    Objects.requireNonNull(message, "message == null");
    Objects.requireNonNull(reason, "reason == null");
  }
}
