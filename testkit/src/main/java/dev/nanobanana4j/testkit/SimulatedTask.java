package dev.nanobanana4j.testkit;

import dev.nanobanana4j.core.domain.JobState;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A task a simulated vendor accepted.
 *
 * @param id the vendor's task id
 * @param createdAt when the vendor accepted it, by the simulator's clock
 * @param script how it goes
 * @param imageUrls where its images will be served, once it succeeds
 * @param request the parsed submission body
 */
public record SimulatedTask(
    String id, Instant createdAt, TaskScript script, List<String> imageUrls, Object request) {
  /** Checks the fields. */
  public SimulatedTask {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(createdAt, "createdAt == null");
    Objects.requireNonNull(script, "script == null");
    imageUrls = List.copyOf(imageUrls);
  }

  /** Where the task stands at {@code now}. */
  public JobState stateAt(Instant now) {
    if (now.isBefore(createdAt.plus(script.queued()))) {
      return JobState.QUEUED;
    }
    if (now.isBefore(completedAt())) {
      return JobState.RUNNING;
    }
    return script.failCode().isPresent() ? JobState.FAILED : JobState.SUCCEEDED;
  }

  /** When the task ends. */
  public Instant completedAt() {
    return createdAt.plus(script.total());
  }
}
