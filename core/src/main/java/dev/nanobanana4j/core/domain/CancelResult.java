package dev.nanobanana4j.core.domain;

/** What a vendor answered to a request to cancel a job. */
public enum CancelResult {
  /** The vendor accepted the cancellation; the job will end as cancelled or soon after. */
  REQUESTED,
  /** The job had already finished; nothing was cancelled. */
  ALREADY_FINISHED
}
