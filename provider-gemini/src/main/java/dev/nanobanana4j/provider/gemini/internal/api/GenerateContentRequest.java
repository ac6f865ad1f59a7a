package dev.nanobanana4j.provider.gemini.internal.api;

import java.util.List;

/**
 * The body of {@code generateContent}: one user turn of text and inline images, and the generation
 * settings that ask for an image. Absent fields are left out of the JSON.
 */
public record GenerateContentRequest(List<Content> contents, GenerationConfig generationConfig) {
  /** One turn: {@code role} {@code user}, its parts in order. */
  public record Content(String role, List<Part> parts) {}

  /** A part: text, or an inline image. */
  public record Part(String text, InlineData inlineData) {}

  /** An inline image: its media type and base64 bytes. */
  public record InlineData(String mimeType, String data) {}

  /** {@code responseModalities} ({@code TEXT}, {@code IMAGE}) and the image's settings. */
  public record GenerationConfig(List<String> responseModalities, ImageConfig imageConfig) {}

  /** {@code aspectRatio} such as {@code 16:9}; {@code imageSize} {@code 512}, {@code 1K}... */
  public record ImageConfig(String aspectRatio, String imageSize) {}
}
