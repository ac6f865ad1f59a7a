package dev.nanobanana4j.core.application.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.application.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The store's writes: in order, each tried again with backoff until it lands, and bounded. */
class StoreIoTest {
  private final VirtualTime time = new VirtualTime(Instant.parse("2026-01-01T00:00:00Z"));
  private final StoreIo io = new StoreIo(Runnable::run, time);
  private final List<String> landed = new ArrayList<>();

  /** A write that fails {@code failures} times, then lands. */
  private Runnable failing(String name, int failures) {
    AtomicInteger tries = new AtomicInteger();
    return () -> {
      if (tries.incrementAndGet() <= failures) {
        throw new IllegalStateException("database away");
      }
      landed.add(name);
    };
  }

  @Test
  void a_failed_write_is_tried_again_with_growing_backoff_and_later_writes_wait_for_it() {
    CompletableFuture<Void> first = io.write("accepted", failing("accepted", 3));
    CompletableFuture<Void> second = io.write("settled", failing("settled", 0));
    assertEquals(2, io.pending());
    time.advance(Duration.ofMillis(99));
    assertFalse(first.isDone(), "100ms before the first retry");
    time.advance(Duration.ofMillis(1 + 200 + 399));
    assertFalse(first.isDone(), "then 200ms, then 400ms");
    assertEquals(List.of(), landed, "nothing overtakes the write that failed");
    time.advance(Duration.ofMillis(1));
    assertTrue(first.isDone());
    assertTrue(second.isDone());
    assertEquals(List.of("accepted", "settled"), landed);
    assertEquals(0, io.pending());
  }

  @Test
  void a_write_the_database_refuses_is_not_tried_again_and_holds_nothing_up() {
    CompletableFuture<Void> refused =
        io.write(
            "heartbeat",
            () -> {
              throw new dev.nanobanana4j.core.error.JobStoreException(
                  null, "check constraint violated", null, true);
            });
    CompletableFuture<Void> next = io.write("settled", failing("settled", 0));
    assertTrue(refused.isCompletedExceptionally());
    assertTrue(next.isDone());
    assertEquals(List.of("settled"), landed);
    CompletableFuture<Void> passing =
        io.write(
            "accepted",
            () -> {
              if (landed.size() < 2) {
                landed.add("tried");
                throw new dev.nanobanana4j.core.error.JobStoreException(null, "timed out", null);
              }
              landed.add("accepted");
            });
    time.advance(Duration.ofMillis(100));
    assertTrue(passing.isDone(), "an error that may pass is tried again");
    assertEquals(List.of("settled", "tried", "accepted"), landed);
  }

  @Test
  void the_backoff_stops_growing_at_five_seconds() {
    CompletableFuture<Void> write = io.write("accepted", failing("accepted", 12));
    // 0.1 + 0.2 + 0.4 + 0.8 + 1.6 + 3.2 s, then 5 s six times: the 13th try at 36.3 s.
    time.advance(Duration.ofMillis(36_299));
    assertFalse(write.isDone());
    time.advance(Duration.ofMillis(1));
    assertTrue(write.isDone());
  }

  @Test
  void a_write_tried_once_fails_without_holding_the_writes_after_it() {
    CompletableFuture<Void> once = io.writeOnce("insert", failing("insert", 1));
    CompletableFuture<Void> next = io.write("next", failing("next", 0));
    assertInstanceOf(ExecutionException.class, failure(once));
    assertTrue(next.isDone());
    assertEquals(List.of("next"), landed);
  }

  @Test
  void a_write_not_yet_started_can_be_withdrawn_and_then_never_runs() {
    CompletableFuture<Void> head = io.write("head", failing("head", 1));
    CompletableFuture<Void> queued = io.writeOnce("insert", failing("insert", 0));
    assertTrue(io.withdraw(queued));
    assertFalse(io.withdraw(queued), "once");
    assertTrue(queued.isCancelled());
    time.advance(Duration.ofSeconds(1));
    assertEquals(List.of("head"), landed);
    assertFalse(io.withdraw(head), "landed already");
  }

  @Test
  void reads_run_on_the_executor_and_their_failures_reach_the_caller() {
    assertEquals("row", io.read(() -> "row").join());
    CompletableFuture<String> failed =
        io.read(
            () -> {
              throw new IllegalStateException("no connection");
            });
    assertTrue(failed.isCompletedExceptionally());
    StoreIo rejecting =
        new StoreIo(
            task -> {
              throw new java.util.concurrent.RejectedExecutionException("full");
            },
            time);
    assertTrue(rejecting.read(() -> "row").isCompletedExceptionally());
  }

  @Test
  void the_queue_is_bounded_and_what_is_refused_is_counted() {
    io.write("stuck", failing("stuck", Integer.MAX_VALUE));
    for (int i = 1; i < StoreIo.MAX_PENDING; i++) {
      io.write("w" + i, () -> {});
    }
    CompletableFuture<Void> over = io.write("over", () -> {});
    assertTrue(over.isCompletedExceptionally());
    assertEquals(1, io.dropped());
    assertEquals(StoreIo.MAX_PENDING, io.pending());
  }

  @Test
  void closing_gives_what_is_queued_one_last_try_now_and_then_takes_nothing() {
    io.write("a", failing("a", 1));
    io.write("b", failing("b", 0));
    io.close(Duration.ofSeconds(1));
    assertEquals(List.of("a", "b"), landed, "tried at close, not after the backoff");
    assertEquals(0, io.pending());
    assertTrue(io.write("late", () -> landed.add("late")).isCompletedExceptionally());
    assertEquals(1, io.dropped());
  }

  @Test
  void closing_drops_what_still_fails_and_says_so() {
    CompletableFuture<Void> never = io.write("a", failing("a", Integer.MAX_VALUE));
    io.close(Duration.ofSeconds(1));
    assertTrue(never.isCompletedExceptionally());
    assertEquals(0, io.pending());
    assertEquals(List.of(), landed);
  }

  private static Throwable failure(CompletableFuture<?> future) {
    try {
      future.get();
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return e;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
