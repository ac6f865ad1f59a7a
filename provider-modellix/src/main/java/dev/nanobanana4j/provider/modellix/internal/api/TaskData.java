package dev.nanobanana4j.provider.modellix.internal.api;

import com.squareup.moshi.Json;
import java.util.List;

/**
 * A task, as the submit and query answers report it. {@code resources} at this level, {@code error}
 * and {@code message} are not documented; they are read because Modellix's CLI accepts the first
 * and a failed task must say something (inferred). {@code result_expires_at} is seen in answers
 * (unix milliseconds in a third-party capture) but not documented: it is read where present.
 */
public record TaskData(
    String status,
    @Json(name = "task_id") String taskId,
    @Json(name = "model_id") String modelId,
    @Json(name = "get_result") GetResult getResult,
    Long duration,
    Result result,
    List<Object> resources,
    Object error,
    String message,
    @Json(name = "result_expires_at") Long resultExpiresAt,
    Billing billing) {

  /**
   * What the task was charged, as a third-party capture shows it: {@code {"status": "succeeded",
   * "amount": "0.2400"}} (US dollars, inferred); the amount is read as text or a number.
   */
  public record Billing(String status, Object amount) {}

  /** Where to poll: {@code {"method": "GET", "url": "..."}}. */
  public record GetResult(String method, String url) {}

  /** {@code result.resources[]}: objects with {@code url}, or bare URL strings. */
  public record Result(List<Object> resources) {}
}
