package dev.nanobanana4j.provider.mulerun.internal.api;

/**
 * A non-2xx body. Its shape is not documented; MuleRun's community CLI reads {@code detail}, then
 * {@code error}, then {@code message}, then {@code task_info.error}, so all are read (inferred).
 */
public record ErrorBody(
    Object detail, Object error, String message, TaskResponse.TaskInfo taskInfo) {}
