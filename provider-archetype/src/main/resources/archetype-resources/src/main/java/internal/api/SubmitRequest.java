package ${package}.internal.api;

import com.squareup.moshi.Json;
import java.util.List;

/** The body of {@code POST /images/generations}, with the vendor's field names. */
public record SubmitRequest(
    String model,
    String prompt,
    @Json(name = "image_urls") List<String> imageUrls,
    @Json(name = "aspect_ratio") String aspectRatio,
    String resolution,
    @Json(name = "output_format") String outputFormat) {}
