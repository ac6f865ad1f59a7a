package dev.nanobanana4j.spi;

import dev.nanobanana4j.core.domain.FailureReason;
import java.util.Locale;

/**
 * A failure reason from a vendor's free-text code and message, for vendors that document no closed
 * set of failure codes. Vendors with documented codes map those first.
 */
public final class FailureReasons {
  private FailureReasons() {}

  /** The reason the words suggest, or {@link FailureReason#UNKNOWN}; either may be {@code null}. */
  public static FailureReason fromText(String code, String message) {
    String text =
        ((code == null ? "" : code) + " " + (message == null ? "" : message))
            .toLowerCase(Locale.ROOT);
    if (text.contains("safety")
        || text.contains("sensitive")
        || text.contains("nsfw")
        || text.contains("policy")
        || text.contains("prohibited")) {
      return FailureReason.CONTENT_POLICY;
    }
    if (text.contains("timeout") || text.contains("timed out")) {
      return FailureReason.TIMEOUT;
    }
    if (text.contains("rate limit")) {
      return FailureReason.RATE_LIMITED;
    }
    if (text.contains("balance") || text.contains("quota") || text.contains("credit")) {
      return FailureReason.INSUFFICIENT_BALANCE;
    }
    if (text.contains("invalid") || text.contains("missing")) {
      return FailureReason.INVALID_INPUT;
    }
    return FailureReason.UNKNOWN;
  }
}
