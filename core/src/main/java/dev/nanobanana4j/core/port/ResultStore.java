package dev.nanobanana4j.core.port;

import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.JobHandle;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps the images of a job that succeeded, so that a paid image outlives the vendor's copy
 * (vendors delete results after hours or days) and a synchronous vendor's answer outlives the
 * process. The client calls it, when one is set for the client or for the wait, before the wait
 * completes; {@code dev.nanobanana4j.core.application.download.FileResultStore} keeps them in a
 * directory.
 */
public interface ResultStore {
  /** No store: a wait with it keeps nothing, whatever the client's store. */
  ResultStore NONE = (handle, images) -> CompletableFuture.completedFuture(images);

  /**
   * Keeps {@code images}, made by the job {@code handle} names.
   *
   * @return a future of the images as kept (each {@link GeneratedImage#withStoredAt marked} with
   *     where), in the same order; it must complete, by a bound of the store's own, with them or
   *     with the error that stopped it
   */
  CompletableFuture<List<GeneratedImage>> store(JobHandle handle, List<GeneratedImage> images);
}
