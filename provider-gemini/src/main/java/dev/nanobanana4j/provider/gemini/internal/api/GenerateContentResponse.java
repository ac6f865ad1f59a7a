package dev.nanobanana4j.provider.gemini.internal.api;

import com.squareup.moshi.Json;
import java.util.List;

/**
 * The answer of {@code generateContent}: candidates whose parts hold the text and the images, the
 * prompt's feedback when it was blocked, the token counts, and the answer's id. Google's REST API
 * writes camelCase; the snake_case spellings its protobuf JSON also allows are read too (inferred:
 * no documented answer uses them).
 */
public record GenerateContentResponse(
    List<Candidate> candidates,
    PromptFeedback promptFeedback,
    UsageMetadata usageMetadata,
    String modelVersion,
    String responseId) {

  /** One candidate answer; image models give one. */
  public record Candidate(Content content, String finishReason, String finishMessage) {}

  /** The model's turn. */
  public record Content(String role, List<Part> parts) {}

  /**
   * A part: text, an inline image, and whether it is one of the model's thoughts (Gemini 3 models
   * show interim images as thoughts; the answer is the part that is not one).
   */
  public record Part(
      String text,
      InlineData inlineData,
      @Json(name = "inline_data") InlineData inlineDataSnakeCase,
      Boolean thought) {
    /** The inline image, in either spelling, or {@code null}. */
    public InlineData image() {
      return inlineData != null ? inlineData : inlineDataSnakeCase;
    }
  }

  /** An inline image: base64 bytes and the type Google says they are (not trusted). */
  public record InlineData(
      String mimeType, @Json(name = "mime_type") String mimeTypeSnakeCase, String data) {}

  /** Why the prompt was blocked, when it was: {@code SAFETY}, {@code PROHIBITED_CONTENT}... */
  public record PromptFeedback(String blockReason) {}

  /**
   * Token counts: what the call is billed by. {@code candidatesTokensDetails} splits the output by
   * modality ({@code IMAGE}, {@code TEXT}); {@code thoughtsTokenCount} counts thinking, billed as
   * output.
   */
  public record UsageMetadata(
      Long promptTokenCount,
      Long candidatesTokenCount,
      Long totalTokenCount,
      Long thoughtsTokenCount,
      List<ModalityTokenCount> candidatesTokensDetails) {}

  /** Tokens of one modality. */
  public record ModalityTokenCount(String modality, Long tokenCount) {}
}
