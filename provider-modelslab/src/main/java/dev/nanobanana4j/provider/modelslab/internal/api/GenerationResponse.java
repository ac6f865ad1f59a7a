package dev.nanobanana4j.provider.modelslab.internal.api;

import com.squareup.moshi.Json;
import java.util.List;

/**
 * Every ModelsLab answer: {@code status} is {@code success}, {@code processing}, {@code error} or
 * {@code failed}, often inside HTTP 200. The fields beyond the fetch example are ModelsLab-wide
 * (not documented for nano_banana) and read when present: {@code id} (a number), {@code eta}
 * (seconds), {@code fetch_result}, {@code future_links}, {@code message} (legacy: {@code messege}),
 * {@code retry_after}.
 */
public record GenerationResponse(
    String status,
    Object id,
    List<Object> output,
    Double eta,
    @Json(name = "fetch_result") String fetchResult,
    @Json(name = "future_links") List<String> futureLinks,
    String message,
    String messege,
    String tip,
    Double generationTime,
    @Json(name = "retry_after") Double retryAfter,
    @Json(name = "track_id") String trackId) {}
