package dev.nanobanana4j.core.port;

import dev.nanobanana4j.core.domain.CancelResult;
import dev.nanobanana4j.core.domain.JobHandle;
import java.util.concurrent.CompletableFuture;

/**
 * Asks a vendor to stop a job. Implemented by the providers whose vendor can cancel; their
 * capabilities say {@code supportsCancel()}.
 */
public interface CancellationPort {
  /**
   * Asks the vendor to cancel the job once.
   *
   * @return a future of the vendor's answer; it fails with a {@code NanoBananaException}, such as
   *     {@code JobNotFoundException} when the vendor does not know the job
   */
  CompletableFuture<CancelResult> cancel(JobHandle handle);
}
