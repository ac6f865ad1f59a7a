package dev.nanobanana4j.provider.modelslab.internal.api;

import com.squareup.moshi.Json;

/**
 * The body of {@code text2img}, {@code img2img} and {@code multi_ref}. The API key travels here, in
 * {@code key}, as ModelsLab requires; {@code ref_image} is a URL or an array of URLs.
 */
public record GenerateBody(
    String key,
    String prompt,
    @Json(name = "ref_image") Object refImage,
    Integer width,
    Integer height,
    Integer samples,
    Long seed,
    @Json(name = "negative_prompt") String negativePrompt,
    @Json(name = "keep_original_aspect") String keepOriginalAspect,
    String watermark,
    String base64,
    @Json(name = "track_id") String trackId,
    String webhook,
    @Json(name = "noise_scale_start") Double noiseScaleStart,
    @Json(name = "noise_scale_end") Double noiseScaleEnd,
    @Json(name = "noise_clip_std") Double noiseClipStd,
    String temp) {

  /** Masks the key, so the body can be printed. */
  @Override
  public String toString() {
    return "GenerateBody{key=****, prompt="
        + prompt.length()
        + " chars, track_id="
        + trackId
        + (webhook == null ? "" : ", webhook=yes")
        + "}";
  }
}
