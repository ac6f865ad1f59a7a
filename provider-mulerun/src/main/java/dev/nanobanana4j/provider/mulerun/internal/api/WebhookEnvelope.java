package dev.nanobanana4j.provider.mulerun.internal.api;

/**
 * A webhook event's envelope alone: its {@code id} and {@code type}, read before its {@code data},
 * whose shape depends on the type ({@code balance.low} carries no task).
 */
public record WebhookEnvelope(String id, String type) {}
