package dev.nanobanana4j.core.application.waiting;

import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import java.time.Duration;

/** Told of each status seen while waiting for a job, such as to show progress. */
@FunctionalInterface
public interface JobListener {
  /** Does nothing. */
  JobListener NONE = (handle, status, elapsed) -> {};

  /**
   * Called after each successful poll, on a client thread; must return quickly.
   *
   * @param elapsed the time since the job was submitted
   */
  void onStatus(JobHandle handle, JobStatus status, Duration elapsed);
}
