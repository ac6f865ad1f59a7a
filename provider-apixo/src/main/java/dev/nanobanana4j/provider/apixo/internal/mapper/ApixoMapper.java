package dev.nanobanana4j.provider.apixo.internal.mapper;

import com.squareup.moshi.JsonAdapter;
import dev.nanobanana4j.core.domain.FailureReason;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.Mode;
import dev.nanobanana4j.core.domain.Resolution;
import dev.nanobanana4j.core.domain.ResolvedRequest;
import dev.nanobanana4j.core.domain.VendorReport;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.provider.apixo.internal.api.ErrorBody;
import dev.nanobanana4j.provider.apixo.internal.api.Input;
import dev.nanobanana4j.provider.apixo.internal.api.ResultJson;
import dev.nanobanana4j.provider.apixo.internal.api.StatusResponse;
import dev.nanobanana4j.provider.apixo.internal.api.SubmitRequest;
import dev.nanobanana4j.provider.apixo.internal.api.SubmitResponse;
import dev.nanobanana4j.provider.apixo.internal.api.TaskData;
import dev.nanobanana4j.spi.ErrorBodyParser;
import dev.nanobanana4j.spi.ErrorMapping;
import dev.nanobanana4j.spi.JsonValues;
import dev.nanobanana4j.spi.MalformedBodyException;
import dev.nanobanana4j.spi.ProviderHttp;
import dev.nanobanana4j.spi.ResultImages;
import dev.nanobanana4j.spi.Submission;
import dev.nanobanana4j.spi.TaskStates;
import dev.nanobanana4j.spi.VendorError;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything APIXO does differently, in one place: the request body, the envelope, the task states,
 * the {@code resultJson} string and the failure codes.
 */
public final class ApixoMapper {
  private static final int OK = 200;

  /** How long APIXO keeps result URLs: "available for 15 days by default". */
  public static final Duration RESULT_LIFETIME = Duration.ofDays(15);

  /** APIXO spells resolutions in lower case: 1k, 2k, 4k. */
  private static final Map<Resolution, String> RESOLUTIONS = new EnumMap<>(Resolution.class);

  static {
    for (Resolution resolution : Resolution.values()) {
      RESOLUTIONS.put(resolution, resolution.label().toLowerCase(Locale.ROOT));
    }
  }

  /** Reads the vendor's error bodies; must not throw ({@link ErrorBodyParser}). */
  public static final ErrorBodyParser ERRORS =
      ErrorBodyParser.json(ErrorBody.class, ApixoMapper::readError);

  /**
   * The submission body for {@code request}. APIXO requires the aspect ratio, resolution and format
   * fields, so each is sent as asked or as the model's default.
   */
  public SubmitRequest toSubmitRequest(ResolvedRequest request) {
    List<String> urls = null;
    if (request.mode() == Mode.EDIT) {
      urls = new ArrayList<>();
      for (ImageInput image : request.referenceImages()) {
        if (!(image instanceof ImageInput.Url url)) {
          throw new IllegalArgumentException("APIXO takes reference images as URLs only");
        }
        urls.add(url.uri().toString());
      }
    }
    Object googleSearch = request.extras().get("google_search");
    Input input =
        new Input(
            request.mode() == Mode.EDIT ? "image-to-image" : "text-to-image",
            request.prompt(),
            urls,
            request.aspectRatioOrDefault().label(),
            RESOLUTIONS.get(request.resolution()),
            request.outputFormat().label(),
            googleSearch == null ? null : Boolean.valueOf(googleSearch.toString()));
    // With a callback URL, APIXO posts the status envelope there when the task ends.
    return request
        .callbackUrl()
        .map(url -> new SubmitRequest("callback", url.toString(), input))
        .orElseGet(() -> new SubmitRequest("async", null, input));
  }

  /** A positive unix time in milliseconds, or {@code null}. */
  private static Instant millis(Long value) {
    return value == null || value <= 0 ? null : Instant.ofEpochMilli(value);
  }

  /** The handle of an accepted submission. */
  public JobHandle toHandle(SubmitResponse response, Submission submission) {
    // The envelope's code mirrors the HTTP status; an error code inside a 200 is not documented
    // but is handled as that status.
    ErrorMapping.requireEnvelopeOk(submission.context(), response.code(), OK, response.message());
    if (response.data() == null || JsonValues.isBlank(response.data().taskId())) {
      throw new MalformedBodyException("the submission answer has no data.taskId");
    }
    return submission.handle(response.data().taskId());
  }

  /** The status a status answer reports. */
  public JobStatus toStatus(StatusResponse response, ErrorContext context) {
    // The envelope's code mirrors the HTTP status; an error code inside a 200 is not documented
    // but is handled as that status.
    ErrorMapping.requireEnvelopeOk(context, response.code(), OK, response.message());
    TaskData data = response.data();
    if (data == null || JsonValues.isBlank(data.state())) {
      throw new MalformedBodyException("the status answer has no data.state");
    }
    // Documented: pending, processing, success, failed; TaskStates reads the others vendors use.
    switch (TaskStates.read(data.state())) {
      case QUEUED:
        return JobStatus.Queued.unknownPosition();
      case RUNNING:
        return new JobStatus.Running();
      case SUCCEEDED:
        // costTime: milliseconds from createTime to completeTime (the docs' example: 41388).
        return new JobStatus.Succeeded(
            // Kept RESULT_LIFETIME after completeTime (unix ms), where APIXO reports it; else the
            // client counts from the end it can infer.
            ResultImages.expiring(
                images(data.resultJson()),
                data.completeTime() == null || data.completeTime() <= 0
                    ? null
                    : Instant.ofEpochMilli(data.completeTime()).plus(RESULT_LIFETIME)),
            JsonValues.millis(data.costTime()),
            VendorReport.builder()
                .requestId(data.taskId())
                .createdAt(millis(data.createTime()))
                .completedAt(millis(data.completeTime()))
                .build());
      case FAILED:
        return failed(data.failCode(), data.failMsg());
      default:
        return new JobStatus.Cancelled();
    }
  }

  /**
   * The images of {@code resultJson}: documented as a string of JSON, and read as well when it is
   * the JSON object itself (inferred).
   */
  private List<GeneratedImage> images(Object resultJson) {
    List<?> urls = null;
    if (resultJson instanceof String text) {
      try {
        ResultJson parsed = RESULT_JSON.fromJson(text);
        urls = parsed == null ? null : parsed.resultUrls();
      } catch (IOException | RuntimeException e) {
        throw new MalformedBodyException("resultJson is not valid JSON", e);
      }
    } else if (resultJson instanceof Map<?, ?> map
        && map.get("resultUrls") instanceof List<?> list) {
      urls = list;
    }
    if (urls == null) {
      throw new MalformedBodyException("resultJson has no resultUrls list");
    }
    return ResultImages.fromUrls(urls);
  }

  private static final JsonAdapter<ResultJson> RESULT_JSON =
      ProviderHttp.defaultMoshi().adapter(ResultJson.class);

  static JobStatus.Failed failed(String failCode, String failMsg) {
    String message = JsonValues.isBlank(failMsg) ? "APIXO reported the task failed" : failMsg;
    return new JobStatus.Failed(
        reason(failCode),
        Optional.ofNullable(JsonValues.isBlank(failCode) ? null : failCode),
        message);
  }

  /**
   * The reason behind a {@code failCode}. APIXO documents two vocabularies (CamelCase and
   * UPPER_SNAKE); both are matched after folding case and punctuation, and anything else is {@link
   * FailureReason#UNKNOWN} with the code kept.
   */
  static FailureReason reason(String failCode) {
    if (JsonValues.isBlank(failCode)) {
      return FailureReason.UNKNOWN;
    }
    String code = failCode.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    if (code.contains("sensitive")
        || code.contains("nsfw")
        || code.contains("prohibited")
        || code.contains("violation")) {
      return FailureReason.CONTENT_POLICY;
    }
    switch (code) {
      case "promptinvalid",
      "invalidprompt",
      "promptlengthexceeded",
      "prompttoolong",
      "imageformatincorrect",
      "missingparameter",
      "invalidimageurl",
      "imagetoolarge",
      "unsupportedformat",
      "imagedownloadfailed":
        return FailureReason.INVALID_INPUT;
      case "ratelimited":
        return FailureReason.RATE_LIMITED;
      case "timeout", "processingtimeout":
        return FailureReason.TIMEOUT;
      case "insufficientcredits":
        return FailureReason.INSUFFICIENT_BALANCE;
      case "unknownerror", "modelunavailable", "generationfailed":
        return FailureReason.PROVIDER_ERROR;
      default:
        return FailureReason.UNKNOWN;
    }
  }

  private static VendorError readError(int httpStatus, ErrorBody error) {
    String detail = null;
    String code = error.code() == null ? null : JsonValues.text(error.code());
    if (error.data() instanceof Map<?, ?> data) {
      Object e = data.get("error");
      detail = e == null ? null : e.toString();
      Object failCode = data.get("failCode");
      if (failCode != null) {
        code = failCode.toString();
      }
    } else if (error.data() instanceof String s) {
      detail = s;
    }
    String message =
        JsonValues.isBlank(error.message())
            ? detail
            // The detail is said once: APIXO often repeats its message there.
            : detail == null || error.message().contains(detail)
                ? error.message()
                : error.message() + ": " + detail;
    return VendorError.of(code, message);
  }
}
