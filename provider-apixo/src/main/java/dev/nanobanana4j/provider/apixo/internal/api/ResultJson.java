package dev.nanobanana4j.provider.apixo.internal.api;

import java.util.List;

/**
 * The JSON inside a finished task's {@code resultJson} string: {@code {"resultUrls": [...]}}. The
 * URLs are read as any JSON value, so that one that is not text is refused with a clear error.
 *
 * @param resultUrls the result images' URLs
 */
public record ResultJson(List<Object> resultUrls) {}
