package dev.nanobanana4j.provider.modellix.internal.api;

/** An error answer: {@code {"code": 400, "message": "Invalid parameters: ..."}}. */
public record ErrorBody(Object code, String message) {}
