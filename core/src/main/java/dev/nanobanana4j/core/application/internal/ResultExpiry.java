package dev.nanobanana4j.core.application.internal;

import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.ProviderInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Marks when a succeeded job's images expire, from the result lifetime its vendor documents ({@link
 * ProviderInfo#resultLifetime()}). It counts from the earliest time the job can have ended, so an
 * image is never said to last longer than it does; an expiry the vendor's answer gave is kept, and
 * an inline image, whose bytes are already here, gets none.
 */
public final class ResultExpiry {
  private ResultExpiry() {}

  /**
   * {@code status}, its URL images marked with their expiry where the vendor documents a lifetime.
   *
   * @param lastUnfinishedNanos how long after submission the job was last seen unfinished, in
   *     nanoseconds (zero when never): it ended after that
   */
  public static JobStatus mark(
      JobStatus status, ProviderInfo provider, JobHandle handle, long lastUnfinishedNanos) {
    if (!(status instanceof JobStatus.Succeeded succeeded) || provider.resultLifetime().isEmpty()) {
      return status;
    }
    // The vendor's own figure for the job's duration is exact; else the job ended after the last
    // poll that found it unfinished.
    Instant ended =
        Waits.plus(
            handle.submittedAt(),
            succeeded
                .vendorReportedDuration()
                .orElseGet(() -> Duration.ofNanos(lastUnfinishedNanos)));
    Instant expires = Waits.plus(ended, provider.resultLifetime().get());
    List<GeneratedImage> images = new ArrayList<>(succeeded.images().size());
    boolean marked = false;
    for (GeneratedImage image : succeeded.images()) {
      if (image.expiresAt().isEmpty() && image.url().isPresent()) {
        images.add(image.withExpiresAt(expires));
        marked = true;
      } else {
        images.add(image);
      }
    }
    return marked ? succeeded.withImages(images) : status;
  }
}
