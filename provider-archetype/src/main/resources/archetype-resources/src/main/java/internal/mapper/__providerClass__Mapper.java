package ${package}.internal.mapper;

import ${package}.internal.api.ErrorBody;
import ${package}.internal.api.Generation;
import ${package}.internal.api.SubmitRequest;
import dev.nanobanana4j.core.domain.FailureReason;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.ResolvedRequest;
import dev.nanobanana4j.spi.ErrorBodyParser;
import dev.nanobanana4j.spi.Submission;
import dev.nanobanana4j.spi.JsonValues;
import dev.nanobanana4j.spi.MalformedBodyException;
import dev.nanobanana4j.spi.ResultImages;
import dev.nanobanana4j.spi.TaskStates;
import dev.nanobanana4j.spi.VendorError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/** Everything the vendor does differently, in one place: bodies, states and failure codes. */
public final class ${providerClass}Mapper {
  /** Reads the vendor's error bodies; must not throw ({@link ErrorBodyParser}). */
  public static final ErrorBodyParser ERRORS =
      ErrorBodyParser.json(ErrorBody.class, ${providerClass}Mapper::readError);

  /**
   * The submission body for {@code request}: the resolution and the format as resolved (they set
   * the price and the file), the aspect ratio only when asked for, as {@link ResolvedRequest} says.
   */
  public SubmitRequest toSubmitRequest(ResolvedRequest request) {
    List<String> urls = null;
    if (!request.referenceImages().isEmpty()) {
      urls = new ArrayList<>();
      for (ImageInput image : request.referenceImages()) {
        if (!(image instanceof ImageInput.Url url)) {
          throw new IllegalArgumentException("${providerId} takes reference images as URLs only");
        }
        urls.add(url.uri().toString());
      }
    }
    return new SubmitRequest(
        request.model(),
        request.prompt(),
        urls,
        request.aspectRatio().map(ratio -> ratio.label()).orElse(null),
        request.resolution().label(),
        request.outputFormat().label());
  }

  /** The handle of an accepted submission. */
  public JobHandle toHandle(Generation answer, Submission submission) {
    String id = JsonValues.text(answer.id());
    if (JsonValues.isBlank(id)) {
      throw new MalformedBodyException("the submission answer has no id");
    }
    return submission.handle(id);
  }

  /** The status a status answer reports. */
  public JobStatus toStatus(Generation answer) {
    // Documented: queued, running, succeeded, failed, cancelled. TaskStates also reads the words
    // other vendors use, should this one send them.
    return switch (TaskStates.read(answer.status())) {
      case QUEUED -> new JobStatus.Queued(position(answer.queuePosition()));
      case RUNNING -> new JobStatus.Running();
      case SUCCEEDED -> new JobStatus.Succeeded(images(answer.images()));
      case FAILED -> failed(answer.error());
      case CANCELLED -> new JobStatus.Cancelled();
    };
  }

  private static JobStatus.Failed failed(Generation.Failure error) {
    String code = error == null ? null : error.code();
    String message = error == null ? null : error.message();
    return new JobStatus.Failed(
        reason(code),
        JsonValues.isBlank(code) ? Optional.empty() : Optional.of(code),
        JsonValues.isBlank(message) ? "${providerId} reported the generation failed" : message);
  }

  /** A queue position the vendor gives as a number (or numeric text); anything else is unknown. */
  private static OptionalInt position(Object value) {
    String text = JsonValues.text(value);
    if (text == null) {
      return OptionalInt.empty();
    }
    try {
      double number = Double.parseDouble(text);
      return number >= 0 && number <= Integer.MAX_VALUE && number == Math.rint(number)
          ? OptionalInt.of((int) number)
          : OptionalInt.empty();
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  private static List<GeneratedImage> images(List<Generation.Image> images) {
    List<String> urls = new ArrayList<>();
    if (images != null) {
      images.forEach(image -> urls.add(image == null ? null : image.url()));
    }
    return ResultImages.fromUrls(urls);
  }

  /** The reason behind a documented failure code; anything else is unknown, with its code kept. */
  static FailureReason reason(String code) {
    if (JsonValues.isBlank(code)) {
      return FailureReason.UNKNOWN;
    }
    switch (code.trim().toLowerCase(Locale.ROOT)) {
      case "content_policy":
        return FailureReason.CONTENT_POLICY;
      case "invalid_input":
        return FailureReason.INVALID_INPUT;
      case "timeout":
        return FailureReason.TIMEOUT;
      case "server_error":
        return FailureReason.PROVIDER_ERROR;
      default:
        return FailureReason.UNKNOWN;
    }
  }

  private static VendorError readError(int httpStatus, ErrorBody body) {
    return body.error() == null
        ? null
        : VendorError.of(body.error().code(), body.error().message());
  }
}
