package dev.nanobanana4j.provider.seaart.internal.api;

import com.squareup.moshi.Json;
import java.util.List;

/**
 * The {@code /response} answer: on success {@code outputs}; while not finished (HTTP 202) the
 * status fields instead.
 */
public record QueueResult(
    @Json(name = "request_id") String requestId,
    List<Output> outputs,
    String status,
    String error,
    @Json(name = "error_type") String errorType,
    Metrics metrics) {

  /**
   * The fal-style queue's {@code metrics}: {@code inference_time} in seconds (fal documents it;
   * SeaArt's page does not show it: read where present, inferred).
   */
  public record Metrics(@Json(name = "inference_time") Double inferenceTime) {}

  /** One generated file. */
  public record Output(
      String type,
      String url,
      @Json(name = "content_type") String contentType,
      @Json(name = "file_name") String fileName,
      Integer width,
      Integer height) {}
}
