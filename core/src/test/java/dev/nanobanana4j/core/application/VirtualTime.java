package dev.nanobanana4j.core.application;

import dev.nanobanana4j.core.application.waiting.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;

/** A clock and a scheduler on virtual time: tasks run only when the test advances time. */
public final class VirtualTime extends Clock implements Scheduler {
  private record Task(Instant at, long order, Runnable runnable) {}

  private final PriorityQueue<Task> queue =
      new PriorityQueue<>(
          (a, b) -> a.at.equals(b.at) ? Long.compare(a.order, b.order) : a.at.compareTo(b.at));
  private Instant now;
  private long order;

  public VirtualTime(Instant start) {
    this.now = start;
  }

  @Override
  public synchronized void schedule(Runnable task, Duration delay) {
    queue.add(new Task(now.plus(delay), order++, task));
  }

  /** Runs every task due within {@code duration}, in time order, moving the clock as it goes. */
  public void advance(Duration duration) {
    Instant until = now.plus(duration);
    while (true) {
      Task next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.at.isAfter(until)) {
          now = until;
          return;
        }
        queue.poll();
        now = next.at;
      }
      next.runnable.run();
    }
  }

  synchronized int pending() {
    return queue.size();
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }
}
