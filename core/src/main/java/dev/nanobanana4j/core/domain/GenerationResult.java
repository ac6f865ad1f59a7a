package dev.nanobanana4j.core.domain;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A finished generation.
 *
 * @param handle the job
 * @param images the generated images, at least one
 * @param estimate what the job was estimated to cost before it was sent
 * @param elapsed the time from submission to completion
 */
public record GenerationResult(
    JobHandle handle, List<GeneratedImage> images, CostEstimate estimate, Duration elapsed) {
  /** Checks the fields and copies the images. */
  public GenerationResult {
    Objects.requireNonNull(handle, "handle == null");
    Objects.requireNonNull(estimate, "estimate == null");
    Objects.requireNonNull(elapsed, "elapsed == null");
    images = List.copyOf(images);
  }
}
