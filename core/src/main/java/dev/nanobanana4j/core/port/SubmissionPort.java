package dev.nanobanana4j.core.port;

import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import java.util.concurrent.CompletableFuture;

/** Sends a new job to a vendor. */
public interface SubmissionPort {
  /**
   * Sends {@code request}, which the caller has already checked against the provider's
   * capabilities, exactly once.
   *
   * @return a future of the job's handle; it fails with a {@code NanoBananaException}, and with
   *     {@code OutcomeUnknownException} whenever the vendor may have accepted the job
   */
  CompletableFuture<JobHandle> submit(ImageRequest request);
}
