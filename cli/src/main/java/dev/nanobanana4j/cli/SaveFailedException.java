package dev.nanobanana4j.cli;

import dev.nanobanana4j.core.domain.JobHandle;
import java.io.UncheckedIOException;

/**
 * A paid job succeeded, but saving its images here failed for a local reason. Its message names the
 * token, so that the images can be fetched again.
 */
final class SaveFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SaveFailedException(JobHandle handle, UncheckedIOException cause) {
    super(
        "the job succeeded, but its images could not be saved here: "
            + cause.getMessage()
            + ". Fetch them again with: nanobanana wait "
            + handle.toToken()
            + " --out DIR",
        cause);
  }
}
