package dev.nanobanana4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.domain.FailureReason;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.JobNotFoundException;
import dev.nanobanana4j.core.error.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The ends of synchronous jobs: kept for a while, bounded, and found only where they were kept. */
class AnsweredJobsTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final ErrorContext CONTEXT = ErrorContext.of("sync", Operation.STATUS);

  private final MovableClock clock = new MovableClock(START);

  private static JobStatus image(int bytes) {
    return new JobStatus.Succeeded(List.of(GeneratedImage.ofBytes(new byte[bytes], "image/png")));
  }

  private static JobHandle handle(String taskId) {
    return JobHandle.of("sync", taskId, START);
  }

  private static Throwable failure(java.util.concurrent.CompletableFuture<?> future) {
    CompletionException e = assertThrows(CompletionException.class, future::join);
    return e.getCause();
  }

  @Test
  void an_answer_is_given_back_as_often_as_asked_until_its_time_is_up() {
    AnsweredJobs jobs = new AnsweredJobs(clock, Duration.ofMinutes(30), 10, 1000);
    JobStatus done = image(10);
    jobs.put("a", done);
    assertSame(done, jobs.status(handle("a"), CONTEXT).join());
    assertSame(done, jobs.status(handle("a"), CONTEXT).join());
    clock.now = START.plus(Duration.ofMinutes(30));
    JobNotFoundException gone =
        assertInstanceOf(JobNotFoundException.class, failure(jobs.status(handle("a"), CONTEXT)));
    assertEquals(Optional.of("a"), gone.taskId());
    assertTrue(gone.getMessage().contains("held only by the process"), gone.getMessage());
    assertEquals(0, jobs.size());
  }

  @Test
  void beyond_its_jobs_or_bytes_the_oldest_are_let_go() {
    AnsweredJobs jobs = new AnsweredJobs(clock, Duration.ofHours(1), 2, 100);
    jobs.put("a", image(10));
    jobs.put("b", image(10));
    jobs.put("c", image(10));
    assertFalse(jobs.contains("a"), "three jobs where two are kept");
    assertTrue(jobs.contains("b") && jobs.contains("c"));
    jobs.put("d", image(95));
    assertEquals(1, jobs.size(), "95 bytes more leave room for that one alone");
    assertTrue(jobs.contains("d"));
    jobs.put("e", image(500));
    assertTrue(jobs.contains("e"), "the newest stays, even alone over the limit");
    assertEquals(1, jobs.size());
  }

  @Test
  void a_failure_is_kept_and_what_is_not_an_end_or_already_kept_is_refused() {
    AnsweredJobs jobs = new AnsweredJobs(clock);
    JobStatus failed = new JobStatus.Failed(FailureReason.CONTENT_POLICY, Optional.of("X"), "no");
    jobs.put("f", failed);
    assertSame(failed, jobs.status(handle("f"), CONTEXT).join());
    assertThrows(IllegalArgumentException.class, () -> jobs.put("f", failed));
    assertThrows(IllegalArgumentException.class, () -> jobs.put("g", new JobStatus.Running()));
    assertThrows(
        IllegalArgumentException.class, () -> new AnsweredJobs(clock, Duration.ZERO, 1, 1));
    assertThrows(
        IllegalArgumentException.class, () -> new AnsweredJobs(clock, Duration.ofMinutes(1), 0, 1));
  }

  @Test
  void by_default_what_is_kept_leaves_most_of_the_heap_free() {
    assertTrue(AnsweredJobs.DEFAULT_MAX_BYTES <= Runtime.getRuntime().maxMemory() / 8);
    assertTrue(AnsweredJobs.DEFAULT_MAX_BYTES <= 256L * 1024 * 1024);
  }
}
