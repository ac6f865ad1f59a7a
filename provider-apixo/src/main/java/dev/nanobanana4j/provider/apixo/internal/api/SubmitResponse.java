package dev.nanobanana4j.provider.apixo.internal.api;

/** The answer to a submission: {@code {"code":200,"message":"success","data":{"taskId":...}}}. */
public record SubmitResponse(Integer code, String message, SubmitData data) {
  /** The {@code data} object of a submission answer. */
  public record SubmitData(String taskId) {}
}
