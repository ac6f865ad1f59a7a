package dev.nanobanana4j.core.port;

import dev.nanobanana4j.core.domain.FailureReason;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.Money;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A job as a {@link JobStore} keeps it: what was asked, where it stands, and how it ended. Nothing
 * secret: the token names the job, never a key.
 *
 * @param id the store's own id of the submission, given before anything is sent
 * @param providerId the provider it was sent to
 * @param taskId the vendor's task id, once the vendor accepted the job
 * @param token the job's token ({@link JobHandle#toToken()}), once accepted
 * @param state where it stands
 * @param prompt the request's prompt, cut to {@link #MAX_PROMPT} characters
 * @param summary the rest of the request in a few words (count, ratio, resolution, references)
 * @param estimate what it was estimated to cost, where the price is known
 * @param createdAt when the submission was recorded
 * @param updatedAt when the record last changed
 * @param settledAt when it reached a terminal state
 * @param images a succeeded job's images: their URLs, media types, sizes and expiry (never bytes)
 * @param failure a failed job's reason, vendor code and message
 * @param leaseOwner the instance polling it now, if any
 * @param leaseUntil until when that instance holds it
 */
public record StoredJob(
    String id,
    String providerId,
    Optional<String> taskId,
    Optional<String> token,
    State state,
    String prompt,
    String summary,
    Optional<Money> estimate,
    Instant createdAt,
    Instant updatedAt,
    Optional<Instant> settledAt,
    List<GeneratedImage> images,
    Optional<JobStatus.Failed> failure,
    Optional<String> leaseOwner,
    Optional<Instant> leaseUntil) {

  /** The longest prompt kept. */
  public static final int MAX_PROMPT = 1000;

  /** Checks the fields. */
  public StoredJob {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(providerId, "providerId == null");
    Objects.requireNonNull(taskId, "taskId == null");
    Objects.requireNonNull(token, "token == null");
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(prompt, "prompt == null");
    Objects.requireNonNull(summary, "summary == null");
    Objects.requireNonNull(estimate, "estimate == null");
    Objects.requireNonNull(createdAt, "createdAt == null");
    Objects.requireNonNull(updatedAt, "updatedAt == null");
    Objects.requireNonNull(settledAt, "settledAt == null");
    images = List.copyOf(images);
    Objects.requireNonNull(failure, "failure == null");
    Objects.requireNonNull(leaseOwner, "leaseOwner == null");
    Objects.requireNonNull(leaseUntil, "leaseUntil == null");
  }

  /** Where a stored job stands. */
  public enum State {
    /** Recorded before sending; the vendor's answer has not been recorded. */
    SUBMITTING(false),
    /** The vendor's answer never came: it may have taken the job. It is never sent again. */
    OUTCOME_UNKNOWN(true),
    /** The vendor certainly did not take it; nothing was charged. */
    REFUSED(true),
    /** The vendor took it and has not said more. */
    ACCEPTED(false),
    /** In the vendor's queue. */
    QUEUED(false),
    /** Being made. */
    RUNNING(false),
    /** Done, with images. */
    SUCCEEDED(true),
    /** Ended without images. */
    FAILED(true),
    /** Cancelled. */
    CANCELLED(true);

    private final boolean ended;

    State(boolean ended) {
      this.ended = ended;
    }

    /** Whether the state is final as far as the store is concerned. */
    public boolean isEnded() {
      return ended;
    }

    /** Whether the vendor has the job and it is not finished: a wait for it is due. */
    public boolean isInFlight() {
      return this == ACCEPTED || this == QUEUED || this == RUNNING;
    }

    /** The lower-case name with dashes, such as {@code outcome-unknown}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The state a vendor's status stands for. */
    public static State of(JobStatus status) {
      return switch (status.state()) {
        case QUEUED -> QUEUED;
        case RUNNING -> RUNNING;
        case SUCCEEDED -> SUCCEEDED;
        case FAILED -> FAILED;
        case CANCELLED -> CANCELLED;
      };
    }

    /** The state labelled {@code label} (as {@link #label()} gives, in any case). */
    public static State parse(String label) {
      return valueOf(label.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }

  /** The job's handle, when the vendor accepted it. */
  public Optional<JobHandle> handle() {
    return token.map(JobHandle::parse);
  }

  /**
   * How the job ended, as the vendor said: present for a succeeded, failed or cancelled job. A
   * succeeded job's images are the ones kept here: URLs, never bytes.
   */
  public Optional<JobStatus> terminalStatus() {
    return switch (state) {
      // Images that came as bytes are not kept: such a result is not here to give.
      case SUCCEEDED ->
          images.isEmpty() ? Optional.empty() : Optional.of(new JobStatus.Succeeded(images));
      case FAILED ->
          Optional.of(
              failure.orElseGet(
                  () -> new JobStatus.Failed(FailureReason.UNKNOWN, Optional.empty(), "failed")));
      case CANCELLED -> Optional.of(new JobStatus.Cancelled());
      default -> Optional.empty();
    };
  }
}
