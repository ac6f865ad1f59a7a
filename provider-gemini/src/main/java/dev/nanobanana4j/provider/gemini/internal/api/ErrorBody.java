package dev.nanobanana4j.provider.gemini.internal.api;

import com.squareup.moshi.Json;
import java.util.List;

/**
 * Google's error body: {@code {"error": {"code", "message", "status", "details": [...]}}}, where a
 * detail of type {@code google.rpc.ErrorInfo} carries a {@code reason} such as {@code
 * API_KEY_INVALID}, and one of type {@code google.rpc.RetryInfo} a {@code retryDelay} such as
 * {@code "7s"}.
 */
public record ErrorBody(Status error) {
  /** The status: HTTP code, message, canonical status name and details. */
  public record Status(Integer code, String message, String status, List<Detail> details) {}

  /** One detail; which fields it has depends on its type. */
  public record Detail(@Json(name = "@type") String type, String reason, String retryDelay) {}
}
