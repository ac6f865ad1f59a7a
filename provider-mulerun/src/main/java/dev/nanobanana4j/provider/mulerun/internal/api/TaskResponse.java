package dev.nanobanana4j.provider.mulerun.internal.api;

import com.squareup.moshi.Json;
import java.util.List;

/** The create (202) and poll (200) answers: {@code task_info}, and on success {@code images}. */
public record TaskResponse(
    @Json(name = "task_info") TaskInfo taskInfo, List<String> images, String description) {

  /**
   * The task. Its id is {@code id}, or {@code task_id} on the older Nano Banana page; {@code error}
   * is present only when the task failed.
   */
  public record TaskInfo(
      String id,
      @Json(name = "task_id") String taskId,
      String status,
      @Json(name = "created_at") String createdAt,
      @Json(name = "updated_at") String updatedAt,
      TaskError error) {}

  /** A failed task's error: a MuleRouter code (such as 3001), a title and a detail. */
  public record TaskError(Object code, String title, String detail) {}
}
