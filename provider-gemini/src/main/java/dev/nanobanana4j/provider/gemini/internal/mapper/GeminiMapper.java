package dev.nanobanana4j.provider.gemini.internal.mapper;

import dev.nanobanana4j.core.domain.FailureReason;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.Money;
import dev.nanobanana4j.core.domain.ResolvedRequest;
import dev.nanobanana4j.core.domain.VendorReport;
import dev.nanobanana4j.provider.gemini.internal.api.ErrorBody;
import dev.nanobanana4j.provider.gemini.internal.api.GenerateContentRequest;
import dev.nanobanana4j.provider.gemini.internal.api.GenerateContentResponse;
import dev.nanobanana4j.spi.ErrorBodyParser;
import dev.nanobanana4j.spi.InlineImages;
import dev.nanobanana4j.spi.VendorError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Maps between the library's requests and results and Google's {@code generateContent} JSON. */
public final class GeminiMapper {
  /** The request extra that names the Google model id to send instead of the model's own. */
  public static final String MODEL_ID = "model_id";

  /** The Google model id of each model the provider sells. */
  public static final Map<String, String> GOOGLE_MODELS =
      Map.of(
          "nano-banana", "gemini-2.5-flash-image",
          "nano-banana-2", "gemini-3.1-flash-image-preview",
          "nano-banana-pro", "gemini-3-pro-image-preview");

  /** What a Google model id looks like: {@code gemini-3-pro-image-preview}, say. */
  private static final Pattern GOOGLE_MODEL_ID = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");

  /** A response id that can stand as a task id as it is. */
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  /** The most images one answer is read for; one is asked for. */
  static final int MAX_IMAGES = 8;

  /**
   * Finish reasons that mean the output broke Google's content policy (the {@code FinishReason}
   * enum of the API reference).
   */
  private static final Set<String> POLICY_FINISHES =
      Set.of(
          "SAFETY",
          "IMAGE_SAFETY",
          "PROHIBITED_CONTENT",
          "IMAGE_PROHIBITED_CONTENT",
          "BLOCKLIST",
          "SPII",
          "RECITATION",
          "IMAGE_RECITATION");

  /** Google's error bodies: the reason of an {@code ErrorInfo} detail, else the status name. */
  public static final ErrorBodyParser ERRORS =
      ErrorBodyParser.json(ErrorBody.class, GeminiMapper::error);

  private final long maxInlineImageBytes;

  /** A mapper that reads images of at most {@code maxInlineImageBytes} each. */
  public GeminiMapper(long maxInlineImageBytes) {
    this.maxInlineImageBytes = maxInlineImageBytes;
  }

  /**
   * The Google model id {@code resolved} is sent to: its extra {@value #MODEL_ID}, else the
   * model's.
   */
  public static String googleModel(ResolvedRequest resolved) {
    Object chosen = resolved.extras().get(MODEL_ID);
    return chosen != null ? String.valueOf(chosen) : GOOGLE_MODELS.get(resolved.model());
  }

  /** What is wrong with a request's {@value #MODEL_ID} extra, or empty. */
  public static List<String> modelIdViolations(Map<String, Object> extras) {
    Object chosen = extras.get(MODEL_ID);
    if (chosen == null || (chosen instanceof String s && GOOGLE_MODEL_ID.matcher(s).matches())) {
      return List.of();
    }
    return List.of(
        "extra "
            + MODEL_ID
            + " must be a Google model id such as gemini-3-pro-image-preview (lower-case letters,"
            + " digits, dots and dashes, at most 64)");
  }

  /** The body: the prompt, then each reference image inline; an image asked for. */
  public static GenerateContentRequest toBody(ResolvedRequest resolved) {
    List<GenerateContentRequest.Part> parts = new ArrayList<>();
    parts.add(new GenerateContentRequest.Part(resolved.prompt(), null));
    for (ImageInput input : resolved.referenceImages()) {
      // The client admits inline images only (the capabilities say so).
      ImageInput.Inline inline = (ImageInput.Inline) input;
      parts.add(
          new GenerateContentRequest.Part(
              null,
              new GenerateContentRequest.InlineData(
                  inline.mediaType(), Base64.getEncoder().encodeToString(inline.data()))));
    }
    String aspectRatio = resolved.aspectRatio().map(r -> r.label()).orElse(null);
    // Nano Banana (2.5 Flash Image) makes 1K alone and takes no imageSize.
    String imageSize =
        resolved.model().equals("nano-banana") ? null : resolved.resolution().label();
    GenerateContentRequest.ImageConfig imageConfig =
        aspectRatio == null && imageSize == null
            ? null
            : new GenerateContentRequest.ImageConfig(aspectRatio, imageSize);
    return new GenerateContentRequest(
        List.of(new GenerateContentRequest.Content("user", parts)),
        new GenerateContentRequest.GenerationConfig(List.of("TEXT", "IMAGE"), imageConfig));
  }

  /**
   * The task id of an answer: Google's {@code responseId} where it is a plain token, else {@code
   * fallback} (Google keeps no task; the id names the answer the provider holds).
   */
  public static String taskId(GenerateContentResponse response, String fallback) {
    String id = response.responseId();
    return id != null && SAFE_ID.matcher(id).matches() ? id : fallback;
  }

  /**
   * The job's end the answer gives: its images; or, without one, a failure: a blocked prompt or a
   * policy finish reason is {@link FailureReason#CONTENT_POLICY}, any other finish the model's own
   * words.
   */
  public JobStatus toStatus(GenerateContentResponse response) {
    return toStatus(response, null);
  }

  /**
   * As {@link #toStatus(GenerateContentResponse)}, for an answer of {@code resolved}: a success
   * carries the charge computed from the answer's tokens, where Google's rates for its model are
   * known ({@link TokenPrices}).
   */
  public JobStatus toStatus(GenerateContentResponse response, ResolvedRequest resolved) {
    String model =
        resolved == null || resolved.extras().containsKey(MODEL_ID)
            ? null // another Google model: its rates are not known here
            : resolved.model();
    GenerateContentResponse.PromptFeedback feedback = response.promptFeedback();
    if (feedback != null && feedback.blockReason() != null && !feedback.blockReason().isBlank()) {
      return new JobStatus.Failed(
          FailureReason.CONTENT_POLICY,
          Optional.of(feedback.blockReason()),
          "Google blocked the prompt (" + feedback.blockReason() + ")");
    }
    List<GenerateContentResponse.Candidate> candidates =
        response.candidates() == null ? List.of() : response.candidates();
    GenerateContentResponse.Candidate candidate = candidates.isEmpty() ? null : candidates.get(0);
    List<GeneratedImage> images = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    if (candidate != null && candidate.content() != null && candidate.content().parts() != null) {
      for (GenerateContentResponse.Part part : candidate.content().parts()) {
        if (part == null || Boolean.TRUE.equals(part.thought())) {
          continue;
        }
        GenerateContentResponse.InlineData image = part.image();
        if (image != null && image.data() != null && images.size() < MAX_IMAGES) {
          images.add(InlineImages.decode(image.data(), maxInlineImageBytes));
        } else if (part.text() != null && text.length() < 1000) {
          text.append(part.text().strip()).append(' ');
        }
      }
    }
    if (!images.isEmpty()) {
      String said = text.toString();
      return new JobStatus.Succeeded(
          images,
          Optional.empty(),
          report(
              response,
              said,
              TokenPrices.charge(model, response.usageMetadata(), !said.isBlank())));
    }
    String finish = candidate == null ? null : candidate.finishReason();
    String said = text.toString().strip();
    boolean policy = finish != null && POLICY_FINISHES.contains(finish);
    if (candidate != null && candidate.finishMessage() != null) {
      // Google's own words for why there is no image.
      return new JobStatus.Failed(
          policy ? FailureReason.CONTENT_POLICY : FailureReason.UNKNOWN,
          Optional.ofNullable(finish),
          candidate.finishMessage());
    }
    if (policy) {
      return new JobStatus.Failed(
          FailureReason.CONTENT_POLICY,
          Optional.of(finish),
          "Google withheld the image (" + finish + ")" + (said.isEmpty() ? "" : ": " + said));
    }
    return new JobStatus.Failed(
        candidate == null ? FailureReason.PROVIDER_ERROR : FailureReason.UNKNOWN,
        Optional.ofNullable(finish),
        candidate == null
            ? "Google answered without a candidate or a reason"
            : "Google answered without an image"
                + (finish == null ? "" : " (" + finish + ")")
                + (said.isEmpty() ? "" : ": " + said));
  }

  /** What else the answer says: its id, the model's text, the model version and the tokens. */
  static VendorReport report(
      GenerateContentResponse response, String text, Optional<Money> charged) {
    VendorReport.Builder report =
        VendorReport.builder()
            .requestId(response.responseId())
            .text(text)
            .field("modelVersion", response.modelVersion());
    charged.ifPresent(report::charged);
    GenerateContentResponse.UsageMetadata usage = response.usageMetadata();
    if (usage != null) {
      report
          .field("usageMetadata.promptTokenCount", usage.promptTokenCount())
          .field("usageMetadata.candidatesTokenCount", usage.candidatesTokenCount())
          .field("usageMetadata.thoughtsTokenCount", usage.thoughtsTokenCount())
          .field("usageMetadata.totalTokenCount", usage.totalTokenCount());
    }
    return report.build();
  }

  private static VendorError error(Integer httpStatus, ErrorBody body) {
    ErrorBody.Status status = body.error();
    if (status == null) {
      return null;
    }
    String reason = null;
    Duration retryDelay = null;
    if (status.details() != null) {
      for (ErrorBody.Detail detail : status.details()) {
        if (detail == null) {
          continue;
        }
        if (reason == null && detail.reason() != null) {
          reason = detail.reason();
        }
        if (retryDelay == null && detail.retryDelay() != null) {
          retryDelay = duration(detail.retryDelay());
        }
      }
    }
    VendorError error = VendorError.of(reason != null ? reason : status.status(), status.message());
    if (retryDelay != null) {
      error = error.withRetryAfter(retryDelay);
    }
    // Google answers a key it does not know with 400 INVALID_ARGUMENT and the reason
    // API_KEY_INVALID: a refused key, whatever the status.
    if ("API_KEY_INVALID".equals(reason)
        || "API_KEY_SERVICE_BLOCKED".equals(reason)
        || "UNAUTHENTICATED".equals(status.status())) {
      error = error.treatedAs(401);
    }
    return error;
  }

  /** A protobuf duration such as {@code "7s"} or {@code "0.5s"}, or {@code null}. */
  static Duration duration(String text) {
    if (!text.matches("\\d{1,6}(\\.\\d{1,9})?s")) {
      return null;
    }
    double seconds = Double.parseDouble(text.substring(0, text.length() - 1));
    return Duration.ofMillis(Math.round(seconds * 1000));
  }
}
