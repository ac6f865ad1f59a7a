package dev.nanobanana4j.provider.seaart.internal.api;

import com.squareup.moshi.Json;
import java.util.List;

/**
 * The flat body of {@code POST /v1/queue/{model}} ("does not need an input wrapper"). Nano Banana 2
 * takes its size as {@code image_size} (512, 1K, 2K, 4K) and {@code resolution} (0.5K, 1K, 2K, 4K,
 * with a documented default), and {@code response_modalities}; Pro has only {@code image_size} (1K,
 * 2K, 4K).
 */
public record CreateBody(
    String prompt,
    @Json(name = "image_urls") List<String> imageUrls,
    @Json(name = "aspect_ratio") String aspectRatio,
    @Json(name = "image_size") String imageSize,
    String resolution,
    @Json(name = "response_modalities") List<String> responseModalities) {}
