package dev.nanobanana4j.provider.seaart.internal.api;

/**
 * The cancel answer. Only its status word is documented ({@code CANCELLATION_REQUESTED}, {@code
 * ALREADY_COMPLETED}, {@code NOT_FOUND}); a {@code status} field is assumed (inferred).
 */
public record CancelAnswer(String status) {}
