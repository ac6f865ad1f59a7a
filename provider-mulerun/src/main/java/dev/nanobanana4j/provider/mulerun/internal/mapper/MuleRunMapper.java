package dev.nanobanana4j.provider.mulerun.internal.mapper;

import dev.nanobanana4j.core.domain.FailureReason;
import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.Mode;
import dev.nanobanana4j.core.domain.ResolvedRequest;
import dev.nanobanana4j.core.domain.VendorReport;
import dev.nanobanana4j.provider.mulerun.internal.api.CreateBody;
import dev.nanobanana4j.provider.mulerun.internal.api.ErrorBody;
import dev.nanobanana4j.provider.mulerun.internal.api.TaskResponse;
import dev.nanobanana4j.spi.ErrorBodyParser;
import dev.nanobanana4j.spi.FailureReasons;
import dev.nanobanana4j.spi.JsonValues;
import dev.nanobanana4j.spi.MalformedBodyException;
import dev.nanobanana4j.spi.ResultImages;
import dev.nanobanana4j.spi.Submission;
import dev.nanobanana4j.spi.TaskStates;
import dev.nanobanana4j.spi.VendorError;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything MuleRun does differently: a generation and an edit endpoint per model, {@code images}
 * as URLs or base64 data URIs, upper-case {@code 1K/2K/4K}, two status vocabularies and {@code
 * task_info.error}.
 */
public final class MuleRunMapper {
  /** The handle attribute naming the endpoint kind: {@code generation} or {@code edit}. */
  public static final String KIND = "kind";

  /** Reads the vendor's error bodies; must not throw ({@link ErrorBodyParser}). */
  public static final ErrorBodyParser ERRORS =
      ErrorBodyParser.json(ErrorBody.class, MuleRunMapper::readError);

  /** {@code edit} for requests with reference images, else {@code generation}. */
  public static String kind(ImageRequest request) {
    return request.mode() == Mode.EDIT ? "edit" : "generation";
  }

  /**
   * The body for {@code request}: the resolution as resolved (it sets the price), the aspect ratio
   * only when asked for, as {@link ResolvedRequest} says.
   */
  public CreateBody toCreateBody(ResolvedRequest request) {
    List<String> images = null;
    if (request.mode() == Mode.EDIT) {
      images = new ArrayList<>();
      for (ImageInput image : request.referenceImages()) {
        if (image instanceof ImageInput.Inline inline) {
          // "Base64 encoded image data is like data:image/png;base64,iVBORw0KGgoAAAA..."
          images.add(
              "data:"
                  + inline.mediaType()
                  + ";base64,"
                  + Base64.getEncoder().encodeToString(inline.data()));
        } else {
          images.add(((ImageInput.Url) image).uri().toString());
        }
      }
    }
    Object webSearch = request.extras().get("web_search");
    // Nano Banana (v1)'s page names the prompt alone: no ratio or resolution goes with it.
    boolean v1 = request.model().equals("nano-banana");
    return new CreateBody(
        request.prompt(),
        images,
        v1 ? null : request.aspectRatio().map(r -> r.label()).orElse(null),
        // "uppercase required": 1K, 2K, 4K, which are Resolution's labels.
        v1 ? null : request.resolution().label(),
        webSearch == null ? null : Boolean.valueOf(webSearch.toString()));
  }

  /** The handle of a created task. */
  public JobHandle toHandle(TaskResponse response, String kind, Submission submission) {
    String id = taskId(response);
    if (id == null) {
      throw new MalformedBodyException("the create answer has no task_info.id");
    }
    return submission.handle(id, Map.of(KIND, kind));
  }

  /** The task id of a task answer. */
  public static String taskId(TaskResponse response) {
    TaskResponse.TaskInfo info = response.taskInfo();
    if (info == null) {
      return null;
    }
    return !JsonValues.isBlank(info.id())
        ? info.id()
        : JsonValues.isBlank(info.taskId()) ? null : info.taskId();
  }

  /**
   * What else a finished task's answer says: the model's {@code description}, and the task's {@code
   * created_at} and {@code updated_at} (ISO 8601; one that is not is left out).
   */
  static VendorReport report(TaskResponse response) {
    TaskResponse.TaskInfo info = response.taskInfo();
    return VendorReport.builder()
        .requestId(taskId(response))
        .text(response.description())
        .createdAt(info == null ? null : instant(info.createdAt()))
        .completedAt(info == null ? null : instant(info.updatedAt()))
        .build();
  }

  private static java.time.Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return java.time.Instant.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  /** The status a poll answer reports. */
  public JobStatus toStatus(TaskResponse response) {
    TaskResponse.TaskInfo info = response.taskInfo();
    if (info == null || JsonValues.isBlank(info.status())) {
      throw new MalformedBodyException("the task answer has no task_info.status");
    }
    // The endpoint pages say pending/processing/completed/failed; the async-tasks guide says
    // queued/running/succeeded/failed. Both are documented, and TaskStates reads both.
    return switch (TaskStates.read(info.status())) {
      case QUEUED -> JobStatus.Queued.unknownPosition();
      case RUNNING -> new JobStatus.Running();
      case SUCCEEDED ->
          new JobStatus.Succeeded(
              ResultImages.fromUrls(response.images()), Optional.empty(), report(response));
      case FAILED -> failed(info.error());
      case CANCELLED -> new JobStatus.Cancelled();
    };
  }

  static JobStatus.Failed failed(TaskResponse.TaskError error) {
    if (error == null) {
      return new JobStatus.Failed(
          FailureReason.UNKNOWN,
          Optional.empty(),
          "MuleRun reported the task failed without an error");
    }
    String code = error.code() == null ? null : JsonValues.text(error.code());
    String message =
        !JsonValues.isBlank(error.detail())
            ? error.detail()
            : !JsonValues.isBlank(error.title()) ? error.title() : "task failed";
    return new JobStatus.Failed(
        reason(code, error.title(), message), Optional.ofNullable(code), message);
  }

  /**
   * "error_code is the authoritative signal": 3001–3005 mean the upstream model provider could not
   * complete the task, 4002 and 4008 a MuleRouter-side error. Words in the detail refine them.
   */
  static FailureReason reason(String code, String title, String detail) {
    FailureReason fromWords = FailureReasons.fromText(title, detail);
    if (fromWords != FailureReason.UNKNOWN) {
      return fromWords;
    }
    if (code != null && code.matches("300[1-5]|4002|4008")) {
      return FailureReason.PROVIDER_ERROR;
    }
    return FailureReason.UNKNOWN;
  }

  private static VendorError readError(int httpStatus, ErrorBody error) {
    String message = text(error.detail());
    if (message == null) {
      message = text(error.error());
    }
    if (message == null) {
      message = error.message();
    }
    String code = null;
    if (error.taskInfo() != null && error.taskInfo().error() != null) {
      TaskResponse.TaskError taskError = error.taskInfo().error();
      code = taskError.code() == null ? null : JsonValues.text(taskError.code());
      message =
          message != null
              ? message
              : taskError.detail() != null ? taskError.detail() : taskError.title();
    }
    return VendorError.of(code, message);
  }

  /** A string, or the {@code msg}/{@code message} of an object or the first of a list (FastAPI). */
  private static String text(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Map<?, ?> map) {
      Object m = map.get("message") != null ? map.get("message") : map.get("msg");
      return m == null ? null : m.toString();
    }
    if (value instanceof List<?> list && !list.isEmpty()) {
      return text(list.get(0));
    }
    return null;
  }
}
