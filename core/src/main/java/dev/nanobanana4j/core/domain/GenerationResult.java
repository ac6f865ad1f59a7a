package dev.nanobanana4j.core.domain;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A finished generation: one job, or the several jobs a request whose count exceeds what one call
 * makes was split into. A split generation some of whose jobs failed still gives the images the
 * others made (they are paid for), with a {@link Failure} for each job that gave none.
 *
 * @param handle the job; of a split generation, its first job that succeeded
 * @param images the generated images, at least one, in the order of the jobs
 * @param estimate what the whole generation was estimated to cost before it was sent
 * @param elapsed the time from submission to completion (of a split generation, of its last job)
 * @param handles every job that was submitted, in order: {@code handle} alone, unless split
 * @param failures the split generation's jobs that gave no image, in order; empty when all did
 * @param charged what the vendor says the generation cost (or what its reported usage costs at the
 *     vendor's rates: Google's tokens), beside {@code estimate}; of a split generation, the sum,
 *     present only when every job that made images reported one
 */
public record GenerationResult(
    JobHandle handle,
    List<GeneratedImage> images,
    CostEstimate estimate,
    Duration elapsed,
    List<JobHandle> handles,
    List<Failure> failures,
    Optional<Money> charged) {
  /** Checks the fields and copies the lists. */
  public GenerationResult {
    Objects.requireNonNull(handle, "handle == null");
    Objects.requireNonNull(estimate, "estimate == null");
    Objects.requireNonNull(elapsed, "elapsed == null");
    images = List.copyOf(images);
    handles = List.copyOf(handles);
    failures = List.copyOf(failures);
    Objects.requireNonNull(charged, "charged == null");
  }

  /** A result without a charge the vendor reported. */
  public GenerationResult(
      JobHandle handle,
      List<GeneratedImage> images,
      CostEstimate estimate,
      Duration elapsed,
      List<JobHandle> handles,
      List<Failure> failures) {
    this(handle, images, estimate, elapsed, handles, failures, Optional.empty());
  }

  /** The result of one job, which made all the images. */
  public GenerationResult(
      JobHandle handle, List<GeneratedImage> images, CostEstimate estimate, Duration elapsed) {
    this(handle, images, estimate, elapsed, List.of(handle), List.of());
  }

  /** Whether some of the generation's jobs gave no image: fewer images than asked for. */
  public boolean isPartial() {
    return !failures.isEmpty();
  }

  /**
   * What names the generation where a framework carries metadata beside images (LangChain4j's and
   * Spring AI's responses), in this order: {@code provider}, {@code taskId}, {@code token} (to
   * resume or look the job up later) and, where the price is known, {@code estimatedCost} (a plain
   * decimal) and {@code currency} (ISO 4217); where the vendor reported one, {@code chargedCost}
   * and {@code chargedCurrency}. Never a key or a URL.
   */
  public java.util.Map<String, String> metadata() {
    java.util.Map<String, String> metadata = new java.util.LinkedHashMap<>();
    metadata.put("provider", handle.providerId());
    metadata.put("taskId", handle.taskId());
    metadata.put("token", handle.toToken());
    estimate
        .total()
        .ifPresent(
            total -> {
              metadata.put("estimatedCost", total.amount().toPlainString());
              metadata.put("currency", total.currency().getCurrencyCode());
            });
    charged.ifPresent(
        amount -> {
          metadata.put("chargedCost", amount.amount().toPlainString());
          metadata.put("chargedCurrency", amount.currency().getCurrencyCode());
        });
    return java.util.Collections.unmodifiableMap(metadata);
  }

  /**
   * One job of a split generation that gave no image.
   *
   * @param count how many images the job was to make
   * @param handle the job, when it was submitted (a job refused before or at submission has none)
   * @param error why it gave none: the library's exception ({@code JobFailedException}, {@code
   *     JobTimeoutException}, a refusal, {@code OutcomeUnknownException} when the vendor may have
   *     the job)
   */
  public record Failure(int count, Optional<JobHandle> handle, Throwable error) {
    /** Checks the fields. */
    public Failure {
      if (count < 1) {
        throw new IllegalArgumentException("count is " + count + "; it must be at least 1");
      }
      Objects.requireNonNull(handle, "handle == null");
      Objects.requireNonNull(error, "error == null");
    }
  }
}
