package dev.nanobanana4j.provider.apixo.internal.api;

/**
 * A task as the status endpoint reports it. {@code resultJson} is documented as a JSON string; it
 * is typed {@code Object} so that an object in its place is read too.
 */
public record TaskData(
    String taskId,
    String state,
    Object resultJson,
    String failCode,
    String failMsg,
    Long createTime,
    Long completeTime,
    Long costTime) {}
