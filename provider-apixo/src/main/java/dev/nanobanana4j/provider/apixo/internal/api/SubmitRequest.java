package dev.nanobanana4j.provider.apixo.internal.api;

import com.squareup.moshi.Json;

/** The body of {@code POST /generateTask/{model}}, with the vendor's field names. */
public record SubmitRequest(
    @Json(name = "request_type") String requestType,
    @Json(name = "callback_url") String callbackUrl,
    Input input) {}
