package dev.nanobanana4j.core.domain;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where a job stands at a vendor: one of five cases.
 *
 * <pre>{@code
 * if (status instanceof JobStatus.Succeeded succeeded) {
 *   succeeded.images().forEach(image -> System.out.println(image.url().orElseThrow()));
 * } else if (status instanceof JobStatus.Failed failed) {
 *   System.err.println(failed.reason() + ": " + failed.message());
 * }
 * }</pre>
 *
 * <p>{@link #state()} names the case, for display and logs.
 */
public sealed interface JobStatus
    permits JobStatus.Queued,
        JobStatus.Running,
        JobStatus.Succeeded,
        JobStatus.Failed,
        JobStatus.Cancelled {

  /** The state's name. */
  JobState state();

  /** Whether the job will change no more. */
  default boolean isTerminal() {
    return state().isTerminal();
  }

  /** Waiting at the vendor, with its place in the queue where the vendor reports one. */
  record Queued(OptionalInt position) implements JobStatus {
    /** Checks the position is not negative. */
    public Queued {
      Objects.requireNonNull(position, "position == null");
      if (position.isPresent() && position.getAsInt() < 0) {
        throw new IllegalArgumentException("queue position is negative: " + position.getAsInt());
      }
    }

    /** Queued with no known position. */
    public static Queued unknownPosition() {
      return new Queued(OptionalInt.empty());
    }

    @Override
    public JobState state() {
      return JobState.QUEUED;
    }
  }

  /**
   * Being generated, with the vendor's estimate of the time left where it gives one (ModelsLab's
   * {@code eta}). The estimate is a hint for when to look again, never a promise.
   */
  record Running(Optional<Duration> estimatedRemaining) implements JobStatus {
    /** The longest estimate kept; a vendor's larger figure is read as this much. */
    public static final Duration LONGEST_ESTIMATE = Duration.ofDays(1);

    /** Checks the estimate is not negative, and caps it at {@link #LONGEST_ESTIMATE}. */
    public Running {
      Objects.requireNonNull(estimatedRemaining, "estimatedRemaining == null");
      if (estimatedRemaining.isPresent() && estimatedRemaining.get().isNegative()) {
        throw new IllegalArgumentException(
            "estimated time left is negative: " + estimatedRemaining.get());
      }
      // A vendor's figure is untrusted: an absurd one must not overflow the poll schedule.
      if (estimatedRemaining.isPresent()
          && estimatedRemaining.get().compareTo(LONGEST_ESTIMATE) > 0) {
        estimatedRemaining = Optional.of(LONGEST_ESTIMATE);
      }
    }

    /** Running with no estimate of the time left. */
    public Running() {
      this(Optional.empty());
    }

    /** Running, expected by the vendor to end in about {@code remaining}. */
    public static Running endingIn(Duration remaining) {
      return new Running(Optional.of(remaining));
    }

    @Override
    public JobState state() {
      return JobState.RUNNING;
    }
  }

  /**
   * Done, with the generated images (at least one), the time the vendor says the job took from its
   * creation to its end, where it reports one (APIXO's {@code costTime}, Modellix's {@code
   * duration}, ModelsLab's {@code generationTime}, SeaArt's {@code metrics.inference_time}), and
   * what else it said ({@link VendorReport}).
   */
  record Succeeded(
      List<GeneratedImage> images, Optional<Duration> vendorReportedDuration, VendorReport report)
      implements JobStatus {
    /** The most images kept of one answer: a vendor's longer list is cut to these. */
    public static final int MAX_IMAGES = 100;

    /** Copies at most {@link #MAX_IMAGES} of the images and checks there is at least one. */
    public Succeeded {
      images = List.copyOf(images.size() > MAX_IMAGES ? images.subList(0, MAX_IMAGES) : images);
      if (images.isEmpty()) {
        throw new IllegalArgumentException("a succeeded job has at least one image");
      }
      Objects.requireNonNull(vendorReportedDuration, "vendorReportedDuration == null");
      if (vendorReportedDuration.isPresent() && vendorReportedDuration.get().isNegative()) {
        throw new IllegalArgumentException("a job cannot take a negative time");
      }
      Objects.requireNonNull(report, "report == null");
    }

    /** Done, with the images and the duration the vendor reported; it said nothing more. */
    public Succeeded(List<GeneratedImage> images, Optional<Duration> vendorReportedDuration) {
      this(images, vendorReportedDuration, VendorReport.NONE);
    }

    /** Done, with the images; the vendor reported no duration. */
    public Succeeded(List<GeneratedImage> images) {
      this(images, Optional.empty());
    }

    /** A copy with {@code images} in place of these (the same job, its images kept or marked). */
    public Succeeded withImages(List<GeneratedImage> images) {
      return new Succeeded(images, vendorReportedDuration, report);
    }

    @Override
    public JobState state() {
      return JobState.SUCCEEDED;
    }
  }

  /**
   * Failed at the vendor.
   *
   * @param reason the vendor-neutral reason
   * @param vendorCode the vendor's own failure code, when it gave one
   * @param message the vendor's message, or a description of the failure
   */
  record Failed(FailureReason reason, Optional<String> vendorCode, String message)
      implements JobStatus {
    /** The longest message kept: a vendor's longer text is cut to this many characters. */
    public static final int MAX_MESSAGE = 2000;

    /** The longest vendor code kept. */
    public static final int MAX_CODE = 128;

    /** Checks the fields are present, and cuts a vendor's overlong message and code. */
    public Failed {
      Objects.requireNonNull(reason, "reason == null");
      Objects.requireNonNull(vendorCode, "vendorCode == null");
      Objects.requireNonNull(message, "message == null");
      if (message.length() > MAX_MESSAGE) {
        message = message.substring(0, MAX_MESSAGE - 1) + "…";
      }
      if (vendorCode.isPresent() && vendorCode.get().length() > MAX_CODE) {
        vendorCode = Optional.of(vendorCode.get().substring(0, MAX_CODE));
      }
    }

    @Override
    public JobState state() {
      return JobState.FAILED;
    }
  }

  /** Cancelled before it finished. */
  record Cancelled() implements JobStatus {
    @Override
    public JobState state() {
      return JobState.CANCELLED;
    }
  }
}
