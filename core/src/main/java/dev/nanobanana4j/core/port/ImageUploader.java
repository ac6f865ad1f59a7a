package dev.nanobanana4j.core.port;

import dev.nanobanana4j.core.domain.ImageInput;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * Makes a local reference image reachable by URL, for vendors that take image URLs only: the
 * application's own storage (a presigned URL of its bucket, say). With one set on the client, a
 * request with local files goes to such a vendor, its images uploaded just before the submission
 * (once, whatever the resends); without one, the request is refused before anything is sent.
 */
@FunctionalInterface
public interface ImageUploader {
  /**
   * Uploads {@code image} for provider {@code providerId}'s vendor to fetch.
   *
   * @return a future of the image's public {@code http} or {@code https} URL; it must complete, and
   *     the client stops waiting for it at its default timeout
   */
  CompletableFuture<URI> upload(ImageInput.Inline image, String providerId);
}
