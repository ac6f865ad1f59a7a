package dev.nanobanana4j.provider.mulerun.internal.api;

import com.squareup.moshi.Json;
import java.util.List;

/** The body of {@code POST /vendors/google/v1/{model}/generation|edit}. */
public record CreateBody(
    String prompt,
    List<String> images,
    @Json(name = "aspect_ratio") String aspectRatio,
    String resolution,
    @Json(name = "web_search") Boolean webSearch) {}
