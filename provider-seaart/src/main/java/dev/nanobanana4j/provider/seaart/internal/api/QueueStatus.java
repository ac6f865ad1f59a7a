package dev.nanobanana4j.provider.seaart.internal.api;

import com.squareup.moshi.Json;

/**
 * The create answer and the status answer share these fields: {@code status} is {@code IN_QUEUE},
 * {@code IN_PROGRESS} or {@code COMPLETED} (a failure is {@code COMPLETED} with {@code error}).
 */
public record QueueStatus(
    String status,
    @Json(name = "request_id") String requestId,
    @Json(name = "queue_position") Integer queuePosition,
    @Json(name = "response_url") String responseUrl,
    @Json(name = "status_url") String statusUrl,
    @Json(name = "cancel_url") String cancelUrl,
    String error,
    @Json(name = "error_type") String errorType) {}
