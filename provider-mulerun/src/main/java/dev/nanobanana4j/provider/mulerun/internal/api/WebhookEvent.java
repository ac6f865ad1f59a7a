package dev.nanobanana4j.provider.mulerun.internal.api;

import com.squareup.moshi.Json;

/**
 * A signed webhook event (mulerouter.ai/docs/api-reference/webhooks): {@code id} for deduplication,
 * {@code type} such as {@code task.succeeded}, and {@code data.payload} in the shape of the
 * matching GET task answer.
 */
public record WebhookEvent(
    String id, String type, @Json(name = "created_at") String createdAt, Data data) {
  /** The event's data. */
  public record Data(
      String vendor, @Json(name = "model_name") String modelName, TaskResponse payload) {}
}
