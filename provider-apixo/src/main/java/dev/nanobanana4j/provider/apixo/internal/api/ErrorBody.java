package dev.nanobanana4j.provider.apixo.internal.api;

/**
 * An error answer: {@code {"code": 400, "message": "Invalid request", "data": {"error": "..."}}}.
 * {@code data} is typed {@code Object} because some errors carry a string or nothing there.
 */
public record ErrorBody(Object code, String message, Object data) {}
