package dev.nanobanana4j.provider.modellix.internal.api;

/** Every answer: {@code {"code": 0, "message": "success", "data": {...}}}. */
public record TaskEnvelope(Integer code, String message, TaskData data) {}
