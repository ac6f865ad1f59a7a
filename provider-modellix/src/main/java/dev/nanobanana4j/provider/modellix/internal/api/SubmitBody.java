package dev.nanobanana4j.provider.modellix.internal.api;

import java.util.List;

/**
 * The body of {@code POST /google/{model}/async}. The ratio and size names are camelCase, as the
 * text-to-image page renders them and Modellix's own canvas plugin sends them; the edit page names
 * them only in prose (inferred). {@code image} is sent as the documented array.
 */
public record SubmitBody(String prompt, List<String> image, String aspectRatio, String imageSize) {}
