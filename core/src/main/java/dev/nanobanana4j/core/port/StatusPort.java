package dev.nanobanana4j.core.port;

import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import java.util.concurrent.CompletableFuture;

/** Asks a vendor where a job stands. Safe to call again. */
public interface StatusPort {
  /**
   * Polls the vendor once. Returns without waiting for the vendor's answer: the client may call it
   * from a caller's thread (a first poll that is due at once) as well as from its scheduler.
   *
   * @return a future of the job's status; it fails with a {@code NanoBananaException}
   */
  CompletableFuture<JobStatus> status(JobHandle handle);
}
