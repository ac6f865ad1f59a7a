package dev.nanobanana4j.core.domain;

/** Why a vendor reports a job as failed, in vendor-neutral terms. */
public enum FailureReason {
  /** The prompt, a reference image or the output broke the vendor's content policy. */
  CONTENT_POLICY,
  /** The vendor could not use the input: a bad prompt, an unreadable image, a missing field. */
  INVALID_INPUT,
  /** The vendor or its upstream was rate limited. */
  RATE_LIMITED,
  /** The vendor or its upstream timed out. */
  TIMEOUT,
  /** The account ran out of balance or quota. */
  INSUFFICIENT_BALANCE,
  /** The vendor or its upstream failed for its own reasons; trying again may work. */
  PROVIDER_ERROR,
  /** The vendor gave a reason this library does not recognise; see the vendor code. */
  UNKNOWN
}
