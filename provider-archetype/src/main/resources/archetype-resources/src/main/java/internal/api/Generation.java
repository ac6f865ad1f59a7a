package ${package}.internal.api;

import com.squareup.moshi.Json;
import java.util.List;

/**
 * A generation, as both calls answer with it. {@code id} and {@code queue_position} are typed
 * {@code Object}: the docs show a string and a number, and a vendor that sends the other form is
 * still read.
 */
public record Generation(
    Object id,
    String status,
    @Json(name = "queue_position") Object queuePosition,
    List<Image> images,
    Failure error) {
  /** One result image. */
  public record Image(String url) {}

  /** Why a generation failed. */
  public record Failure(String code, String message) {}
}
