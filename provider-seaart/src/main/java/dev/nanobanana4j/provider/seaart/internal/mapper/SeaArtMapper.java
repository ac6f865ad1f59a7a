package dev.nanobanana4j.provider.seaart.internal.mapper;

import dev.nanobanana4j.core.domain.CancelResult;
import dev.nanobanana4j.core.domain.FailureReason;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.NanoBananaModels;
import dev.nanobanana4j.core.domain.Resolution;
import dev.nanobanana4j.core.domain.ResolvedRequest;
import dev.nanobanana4j.core.domain.VendorReport;
import dev.nanobanana4j.provider.seaart.internal.api.CancelAnswer;
import dev.nanobanana4j.provider.seaart.internal.api.CreateBody;
import dev.nanobanana4j.provider.seaart.internal.api.ErrorBody;
import dev.nanobanana4j.provider.seaart.internal.api.QueueResult;
import dev.nanobanana4j.provider.seaart.internal.api.QueueStatus;
import dev.nanobanana4j.spi.ErrorBodyParser;
import dev.nanobanana4j.spi.FailureReasons;
import dev.nanobanana4j.spi.JsonValues;
import dev.nanobanana4j.spi.MalformedBodyException;
import dev.nanobanana4j.spi.ResultImages;
import dev.nanobanana4j.spi.Submission;
import dev.nanobanana4j.spi.TaskStates;
import dev.nanobanana4j.spi.VendorError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything SeaArt does differently: the fal-style queue (create, status, response, cancel),
 * {@code IN_QUEUE}/{@code IN_PROGRESS}/{@code COMPLETED} where a failure is a completed task with
 * {@code error}, {@code 0.5K} for 512, and two error body shapes.
 */
public final class SeaArtMapper {

  /** Reads the vendor's error bodies; must not throw ({@link ErrorBodyParser}). */
  public static final ErrorBodyParser ERRORS =
      ErrorBodyParser.json(ErrorBody.class, SeaArtMapper::readError);

  /** The model's path segment: {@code nano-banana-2} is {@code nano_banana_2}. */
  public static String modelPath(String model) {
    return model.replace('-', '_');
  }

  /**
   * The body for {@code request}: the resolution as resolved (it sets the price), the aspect ratio
   * only when asked for, as {@link ResolvedRequest} says.
   */
  public CreateBody toCreateBody(ResolvedRequest request) {
    List<String> urls = null;
    if (!request.referenceImages().isEmpty()) {
      urls = new ArrayList<>();
      for (ImageInput image : request.referenceImages()) {
        if (!(image instanceof ImageInput.Url url)) {
          throw new IllegalArgumentException("SeaArt takes reference images as URLs only");
        }
        urls.add(url.uri().toString());
      }
    }
    String imageSize = null;
    String resolution = null;
    Resolution r = request.resolution();
    if (request.model().equals(NanoBananaModels.NANO_BANANA_PRO)) {
      imageSize = r.label();
    } else {
      // Nano Banana 2 documents both image_size (512, 1K, 2K, 4K) and resolution (0.5K, 1K, 2K,
      // 4K, with a default) without saying how they combine: both are sent, naming the same size.
      imageSize = r.label();
      resolution = r == Resolution.HALF_K ? "0.5K" : r.label();
    }
    return new CreateBody(
        request.prompt(),
        urls,
        request.aspectRatio().map(a -> a.label()).orElse(null),
        imageSize,
        resolution,
        responseModalities(request.extras().get(RESPONSE_MODALITIES)));
  }

  /** The extra that sets Nano Banana 2's {@code response_modalities}: {@code Image}, say. */
  public static final String RESPONSE_MODALITIES = "response_modalities";

  /**
   * Nano Banana 2's {@code response_modalities} from the extra: names separated by commas ({@code
   * Image} or {@code Text,Image}); {@code null} when not given.
   */
  static List<String> responseModalities(Object extra) {
    if (extra == null) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (String value : extra.toString().split(",")) {
      names.add(value.trim());
    }
    return List.copyOf(names);
  }

  /** What is wrong with a request's {@value #RESPONSE_MODALITIES} extra, or empty. */
  public static List<String> responseModalitiesViolations(java.util.Map<String, Object> extras) {
    List<String> names = responseModalities(extras.get(RESPONSE_MODALITIES));
    if (names == null
        || (!names.isEmpty()
            && java.util.Set.of("Text", "Image").containsAll(names)
            && names.contains("Image"))) {
      return List.of();
    }
    return List.of(
        "extra "
            + RESPONSE_MODALITIES
            + " must name Image, and Text besides if wanted (Image or Text,Image), not "
            + names);
  }

  /** The handle of a created task. */
  public JobHandle toHandle(QueueStatus created, Submission submission) {
    if (created.requestId() == null || created.requestId().isBlank()) {
      throw new MalformedBodyException("the create answer has no request_id");
    }
    return submission.handle(created.requestId());
  }

  /**
   * The status a status answer reports, or empty when the task completed without error and its
   * result must be fetched from {@code /response}.
   */
  public Optional<JobStatus> toStatus(QueueStatus status) {
    if (status.status() == null || status.status().isBlank()) {
      throw new MalformedBodyException("the status answer has no status");
    }
    return fromStatusWord(
        status.status(), status.queuePosition(), status.error(), status.errorType());
  }

  private static Optional<JobStatus> fromStatusWord(
      String word, Integer queuePosition, String error, String errorType) {
    // SeaArt documents IN_QUEUE, IN_PROGRESS and COMPLETED; fal's schema adds FAILED and
    // CANCELED (inferred).
    return switch (TaskStates.read(word)) {
      case QUEUED ->
          Optional.of(
              new JobStatus.Queued(
                  queuePosition == null || queuePosition < 0
                      ? OptionalInt.empty()
                      : OptionalInt.of(queuePosition)));
      case RUNNING -> Optional.of(new JobStatus.Running());
      case SUCCEEDED ->
          error == null && errorType == null
              ? Optional.empty()
              : Optional.of(failed(error, errorType));
      case FAILED -> Optional.of(failed(error, errorType));
      case CANCELLED -> Optional.of(new JobStatus.Cancelled());
    };
  }

  /** The images of a finished task, or its status while {@code /response} answers 202. */
  public JobStatus toResult(QueueResult result) {
    if (result.outputs() == null) {
      if (result.status() == null) {
        throw new MalformedBodyException("the response answer has neither outputs nor status");
      }
      return fromStatusWord(result.status(), null, result.error(), result.errorType())
          .orElseThrow(
              () -> new MalformedBodyException("a completed task's response has no outputs"));
    }
    List<GeneratedImage> images = new ArrayList<>();
    for (QueueResult.Output output : result.outputs()) {
      if (output.type() == null || output.type().equals("image")) {
        GeneratedImage image = ResultImages.fromUrl(output.url(), output.contentType());
        images.add(
            output.width() == null || output.height() == null
                ? image
                : image.withSize(output.width(), output.height()));
      }
    }
    if (images.isEmpty()) {
      throw new MalformedBodyException("a completed task has no image output");
    }
    Double seconds = result.metrics() == null ? null : result.metrics().inferenceTime();
    return new JobStatus.Succeeded(
        images,
        JsonValues.seconds(seconds),
        VendorReport.builder().requestId(result.requestId()).build());
  }

  /**
   * A failed task. {@code error_type} values documented: {@code INFERENCE_FAILURE} and one cut
   * short as {@code INFERENCE_TIMEOU…}, read as a timeout. A {@code CANCELLED} type is how the
   * simulator reports a cancelled task, as SeaArt documents none (inferred).
   */
  static JobStatus failed(String error, String errorType) {
    String type = errorType == null ? "" : errorType.toUpperCase(Locale.ROOT);
    if (type.startsWith("CANCEL")) {
      return new JobStatus.Cancelled();
    }
    FailureReason reason;
    if (type.equals("INFERENCE_FAILURE")) {
      reason = FailureReason.PROVIDER_ERROR;
    } else if (type.startsWith("INFERENCE_TIMEOU")) {
      reason = FailureReason.TIMEOUT;
    } else {
      reason = FailureReasons.fromText(errorType, error);
    }
    FailureReason refined = FailureReasons.fromText(null, error);
    if (refined == FailureReason.CONTENT_POLICY) {
      reason = refined;
    }
    return new JobStatus.Failed(
        reason,
        Optional.ofNullable(errorType),
        error == null || error.isBlank() ? "SeaArt reported the task failed" : error);
  }

  /** The answer to a cancel request that the vendor accepted. */
  public CancelResult toCancelResult(CancelAnswer answer) {
    if (answer != null && "ALREADY_COMPLETED".equalsIgnoreCase(answer.status())) {
      return CancelResult.ALREADY_FINISHED;
    }
    return CancelResult.REQUESTED;
  }

  private static VendorError readError(int httpStatus, ErrorBody error) {
    if (error.error() != null) {
      return VendorError.of(error.error().code(), error.error().message());
    }
    if (error.detail() != null) {
      return VendorError.of(null, error.detail());
    }
    return VendorError.of(error.status(), error.status());
  }
}
