package dev.nanobanana4j.provider.modellix.internal.mapper;

import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.Mode;
import dev.nanobanana4j.core.domain.Money;
import dev.nanobanana4j.core.domain.ResolvedRequest;
import dev.nanobanana4j.core.domain.VendorReport;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.provider.modellix.internal.api.ErrorBody;
import dev.nanobanana4j.provider.modellix.internal.api.SubmitBody;
import dev.nanobanana4j.provider.modellix.internal.api.TaskData;
import dev.nanobanana4j.provider.modellix.internal.api.TaskEnvelope;
import dev.nanobanana4j.spi.ErrorBodyParser;
import dev.nanobanana4j.spi.ErrorMapping;
import dev.nanobanana4j.spi.FailureReasons;
import dev.nanobanana4j.spi.JsonValues;
import dev.nanobanana4j.spi.MalformedBodyException;
import dev.nanobanana4j.spi.ResultImages;
import dev.nanobanana4j.spi.Submission;
import dev.nanobanana4j.spi.TaskStates;
import dev.nanobanana4j.spi.VendorError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything Modellix does differently: one endpoint per model and mode, the {@code code: 0}
 * envelope, camelCase ratio and size fields, the task states and {@code result.resources}.
 */
public final class ModellixMapper {
  /** The handle attribute holding the vendor's {@code get_result.url}. */
  public static final String STATUS_URL = "statusUrl";

  private static final int OK = 0;

  /** Models sold at 1K alone, whose bodies carry no {@code imageSize}. */
  private static final java.util.Set<String> ONE_SIZE_MODELS =
      java.util.Set.of("nano-banana", "nano-banana-2-lite");

  /** Reads the vendor's error bodies; must not throw ({@link ErrorBodyParser}). */
  public static final ErrorBodyParser ERRORS =
      ErrorBodyParser.json(ErrorBody.class, ModellixMapper::readError);

  /**
   * The endpoint slug: {@code nano-banana-2} for text-to-image, {@code nano-banana-2-edit} to edit.
   */
  public static String endpoint(String model, ImageRequest request) {
    return request.mode() == Mode.EDIT ? model + "-edit" : model;
  }

  /**
   * The body for {@code request}: the resolution as resolved (it sets the price), the aspect ratio
   * only when asked for, as {@link ResolvedRequest} says.
   */
  public SubmitBody toSubmitBody(ResolvedRequest request) {
    List<String> images = null;
    if (request.mode() == Mode.EDIT) {
      images = new ArrayList<>();
      for (ImageInput image : request.referenceImages()) {
        if (!(image instanceof ImageInput.Url url)) {
          throw new IllegalArgumentException("Modellix takes reference images as URLs only");
        }
        images.add(url.uri().toString());
      }
    }
    return new SubmitBody(
        request.prompt(),
        images,
        request.aspectRatio().map(r -> r.label()).orElse(null),
        // Modellix spells sizes 512, 1K, 2K, 4K: the labels of Resolution. Models sold at one
        // size get none: their pages name no imageSize (inferred).
        ONE_SIZE_MODELS.contains(request.model()) ? null : request.resolution().label());
  }

  /** Whether the vendor says the key is valid ({@code data.is_valid}). */
  public static boolean keyValid(
      dev.nanobanana4j.provider.modellix.internal.api.AccountEnvelope answer,
      ErrorContext context) {
    ErrorMapping.requireEnvelopeOk(context, answer.code(), OK, answer.message());
    if (answer.data() == null || answer.data().isValid() == null) {
      throw new MalformedBodyException("the key validation answer has no data.is_valid");
    }
    return answer.data().isValid();
  }

  /**
   * The team's balance ({@code data.balance}, a number; read as US dollars, inferred), or empty
   * where the answer gives none that is a plain amount.
   */
  public static Optional<Money> balance(
      dev.nanobanana4j.provider.modellix.internal.api.AccountEnvelope answer,
      ErrorContext context) {
    ErrorMapping.requireEnvelopeOk(context, answer.code(), OK, answer.message());
    return answer.data() == null ? Optional.empty() : usd(answer.data().balance(), 12);
  }

  /**
   * A plain non-negative amount of US dollars, with at most {@code wholeDigits} digits before the
   * point and 8 after, as text or a number; empty for anything else.
   */
  private static Optional<Money> usd(Object value, int wholeDigits) {
    String amount = JsonValues.text(value);
    return amount != null && amount.matches("\\d{1," + wholeDigits + "}(\\.\\d{1,8})?")
        ? Optional.of(Money.usd(amount))
        : Optional.empty();
  }

  /** The handle of an accepted submission, keeping the vendor's result URL to poll. */
  public JobHandle toHandle(TaskEnvelope response, Submission submission) {
    ErrorMapping.requireEnvelopeOk(submission.context(), response.code(), OK, response.message());
    TaskData data = response.data();
    if (data == null || JsonValues.isBlank(data.taskId())) {
      throw new MalformedBodyException("the submission answer has no data.task_id");
    }
    if (data.getResult() != null && !JsonValues.isBlank(data.getResult().url())) {
      return submission.handle(data.taskId(), Map.of(STATUS_URL, data.getResult().url()));
    }
    return submission.handle(data.taskId());
  }

  /** The status a task answer reports. */
  public JobStatus toStatus(TaskEnvelope response, ErrorContext context) {
    ErrorMapping.requireEnvelopeOk(context, response.code(), OK, response.message());
    TaskData data = response.data();
    if (data == null || JsonValues.isBlank(data.status())) {
      throw new MalformedBodyException("the task answer has no data.status");
    }
    // Documented: pending, processing, success, failed. Modellix's own CLI also accepts
    // completed/succeeded and canceled/cancelled/error; TaskStates reads them all.
    return switch (TaskStates.read(data.status())) {
      case QUEUED -> JobStatus.Queued.unknownPosition();
      case RUNNING -> new JobStatus.Running();
      case SUCCEEDED ->
          new JobStatus.Succeeded(
              expiring(images(data), data.resultExpiresAt()),
              JsonValues.millis(data.duration()),
              report(data));
      case FAILED -> failed(data);
      case CANCELLED -> new JobStatus.Cancelled();
    };
  }

  /**
   * The images marked with the expiry the answer gives, where it gives one (undocumented: read in
   * milliseconds, or in seconds where the number is too small to be milliseconds of this century).
   */
  static List<GeneratedImage> expiring(List<GeneratedImage> images, Long expiresAt) {
    if (expiresAt == null || expiresAt <= 0) {
      return images;
    }
    return ResultImages.expiring(
        images,
        expiresAt < 100_000_000_000L
            ? java.time.Instant.ofEpochSecond(expiresAt)
            : java.time.Instant.ofEpochMilli(expiresAt));
  }

  /**
   * What else the answer says: the task id, the model, and what the task was charged ({@code
   * billing.amount}, read as US dollars where it is a plain non-negative amount; inferred from a
   * third-party capture).
   */
  static VendorReport report(TaskData data) {
    VendorReport.Builder report =
        VendorReport.builder().requestId(data.taskId()).field("model_id", data.modelId());
    if (data.billing() != null) {
      report.field("billing.status", data.billing().status());
      usd(data.billing().amount(), 9)
          .ifPresent(
              charged ->
                  report
                      .charged(charged)
                      .field("billing.amount", charged.amount().toPlainString()));
    }
    return report.build();
  }

  private static List<GeneratedImage> images(TaskData data) {
    List<Object> resources =
        data.result() != null && data.result().resources() != null
            ? data.result().resources()
            : data.resources();
    if (resources == null) {
      throw new MalformedBodyException("a successful task has no result.resources");
    }
    List<String> urls = new ArrayList<>();
    List<int[]> sizes = new ArrayList<>();
    for (Object resource : resources) {
      if (resource instanceof String url) {
        urls.add(url);
        sizes.add(null);
      } else if (resource instanceof Map<?, ?> map) {
        // Resources of another type (a video, a text) are not images.
        if (!(map.get("type") instanceof String type) || type.equals("image")) {
          urls.add(map.get("url") instanceof String url ? url : null);
          sizes.add(
              map.get("width") instanceof Number w && map.get("height") instanceof Number h
                  ? new int[] {
                    (int) Math.min(w.longValue(), Integer.MAX_VALUE),
                    (int) Math.min(h.longValue(), Integer.MAX_VALUE)
                  }
                  : null);
        }
      } else {
        urls.add(null);
        sizes.add(null);
      }
    }
    List<GeneratedImage> images = new ArrayList<>(ResultImages.fromUrls(urls));
    for (int i = 0; i < images.size(); i++) {
      int[] size = sizes.get(i);
      if (size != null) {
        images.set(i, images.get(i).withSize(size[0], size[1]));
      }
    }
    return List.copyOf(images);
  }

  /**
   * A failed task. Modellix documents no failure detail; {@code data.error} (a string, or an object
   * with {@code code} and {@code message}) and {@code data.message} are read when present.
   */
  private static JobStatus.Failed failed(TaskData data) {
    String code = null;
    String message = data.message();
    if (data.error() instanceof String s) {
      message = s;
    } else if (data.error() instanceof Map<?, ?> error) {
      code = error.get("code") == null ? null : String.valueOf(error.get("code"));
      message = error.get("message") == null ? message : String.valueOf(error.get("message"));
    }
    return new JobStatus.Failed(
        FailureReasons.fromText(code, message),
        Optional.ofNullable(code),
        JsonValues.isBlank(message)
            ? "Modellix reported the task failed without a reason"
            : message);
  }

  /**
   * Reads {@code {"code": 400, "message": "Invalid parameters: ..."}}. The vendor code is the
   * message's category (the words before the colon), such as {@code Invalid parameters}.
   */
  private static VendorError readError(int httpStatus, ErrorBody error) {
    if (JsonValues.isBlank(error.message())) {
      return VendorError.none();
    }
    int colon = error.message().indexOf(':');
    return VendorError.of(colon > 0 ? error.message().substring(0, colon) : null, error.message());
  }
}
