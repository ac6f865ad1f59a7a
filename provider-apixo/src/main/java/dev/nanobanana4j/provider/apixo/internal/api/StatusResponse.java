package dev.nanobanana4j.provider.apixo.internal.api;

/** The answer to {@code GET /statusTask/{model}?taskId=}. */
public record StatusResponse(Integer code, String message, TaskData data) {}
