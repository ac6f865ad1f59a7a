package dev.nanobanana4j.provider.seaart.internal.api;

import com.squareup.moshi.Json;

/**
 * Both documented error shapes: the gateway's {@code {"error": {"code", "message"}, "request_id"}}
 * and the app's {@code {"detail": "..."}}; and the cancel answer's {@code status}.
 */
public record ErrorBody(
    GatewayError error, String detail, @Json(name = "request_id") String requestId, String status) {

  /** The gateway's error object. */
  public record GatewayError(String code, String message) {}
}
