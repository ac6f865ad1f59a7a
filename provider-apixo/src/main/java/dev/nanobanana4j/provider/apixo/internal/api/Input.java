package dev.nanobanana4j.provider.apixo.internal.api;

import com.squareup.moshi.Json;
import java.util.List;

/** The {@code input} object of a submission. */
public record Input(
    String mode,
    String prompt,
    @Json(name = "image_urls") List<String> imageUrls,
    @Json(name = "aspect_ratio") String aspectRatio,
    String resolution,
    @Json(name = "output_format") String outputFormat,
    @Json(name = "google_search") Boolean googleSearch) {}
