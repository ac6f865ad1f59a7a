package dev.nanobanana4j.core.application.internal;

import dev.nanobanana4j.core.application.waiting.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * The deadlines of the waits under way: a binary heap of the watches, and one task on the scheduler
 * at the earliest deadline. A wait costs a slot in an array here rather than a task of its own on
 * the scheduler, and leaves the heap as soon as it ends, so that nothing of it is kept until its
 * deadline.
 *
 * <p>The deadline is kept apart from the polls so that a poll that never answers cannot hold a wait
 * past it.
 */
final class Deadlines {
  /** What has a deadline here: a wait. */
  abstract static class Entry {
    final Instant deadline;
    int deadlineIndex = -1; // its place in the heap, guarded by the Deadlines that keeps it

    Entry(Instant deadline) {
      this.deadline = java.util.Objects.requireNonNull(deadline, "deadline == null");
    }

    /** The deadline passed while the entry was kept. */
    abstract void deadlineReached();
  }

  private static final System.Logger LOG = System.getLogger(Deadlines.class.getName());

  /** The longest delay handed to the scheduler: a deadline further away is as good as never. */
  private static final Duration LONGEST_DELAY = Duration.ofDays(365 * 100);

  private final Scheduler scheduler;
  private final Clock clock;
  private Entry[] heap = new Entry[16];
  private int size;
  private Instant armedAt; // the earliest sweep on the scheduler, or null

  Deadlines(Scheduler scheduler, Clock clock) {
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /** Keeps {@code entry}'s deadline; its {@code deadlineReached} runs when the deadline passes. */
  void add(Entry entry) {
    Instant arm;
    synchronized (this) {
      if (size == heap.length) {
        heap = Arrays.copyOf(heap, size * 2);
      }
      entry.deadlineIndex = size;
      heap[size++] = entry;
      siftUp(size - 1);
      arm = armIfEarlier(entry.deadline);
    }
    schedule(arm);
  }

  /** Forgets {@code entry}'s deadline; nothing if it is not kept. */
  synchronized void remove(Entry entry) {
    int i = entry.deadlineIndex;
    if (i < 0 || i >= size || heap[i] != entry) {
      return;
    }
    entry.deadlineIndex = -1;
    Entry last = heap[--size];
    heap[size] = null;
    if (i < size) {
      heap[i] = last;
      last.deadlineIndex = i;
      siftDown(i);
      siftUp(last.deadlineIndex);
    }
    if (heap.length > 64 && size < heap.length / 4) {
      heap = Arrays.copyOf(heap, heap.length / 2);
    }
  }

  /** Deadlines kept. */
  synchronized int size() {
    return size;
  }

  /** Forgets every deadline. */
  synchronized void clear() {
    for (int i = 0; i < size; i++) {
      heap[i].deadlineIndex = -1;
      heap[i] = null;
    }
    size = 0;
  }

  /**
   * Runs when the earliest deadline, {@code armed}, may have passed (a scheduler may run it a
   * little early by the clock): ends the waits whose deadline has, and plans the next sweep.
   */
  private void sweep(Instant armed) {
    Instant now = clock.instant();
    Entry[] due = new Entry[4];
    int count = 0;
    Instant arm;
    synchronized (this) {
      if (armed.equals(armedAt)) {
        armedAt = null; // this is the sweep planned; an earlier deadline may have replaced it
      }
      while (size > 0 && !heap[0].deadline.isAfter(now)) {
        Entry first = heap[0];
        remove(first);
        if (count == due.length) {
          due = Arrays.copyOf(due, count * 2);
        }
        due[count++] = first;
      }
      arm = size == 0 ? null : armIfEarlier(heap[0].deadline);
    }
    schedule(arm);
    for (int i = 0; i < count; i++) {
      try {
        due[i].deadlineReached();
      } catch (RuntimeException e) {
        // One wait's failure must not keep the others past their deadlines.
        LOG.log(System.Logger.Level.WARNING, "ending a wait at its deadline failed", e);
      }
    }
  }

  /** The time to sweep at, where {@code deadline} comes before every sweep already planned. */
  private Instant armIfEarlier(Instant deadline) {
    if (armedAt != null && !deadline.isBefore(armedAt)) {
      return null;
    }
    armedAt = deadline;
    return deadline;
  }

  private void schedule(Instant at) {
    if (at == null) {
      return;
    }
    Duration delay = Duration.between(clock.instant(), at);
    if (delay.isNegative()) {
      delay = Duration.ZERO;
    } else if (delay.compareTo(LONGEST_DELAY) > 0) {
      delay = LONGEST_DELAY; // the sweep then finds nothing due, and plans the next
    }
    scheduler.schedule(() -> sweep(at), delay);
  }

  private void siftUp(int i) {
    Entry watch = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      Entry above = heap[parent];
      if (!watch.deadline.isBefore(above.deadline)) {
        break;
      }
      heap[i] = above;
      above.deadlineIndex = i;
      i = parent;
    }
    heap[i] = watch;
    watch.deadlineIndex = i;
  }

  private void siftDown(int i) {
    Entry watch = heap[i];
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && heap[right].deadline.isBefore(heap[child].deadline)) {
        child = right;
      }
      if (!heap[child].deadline.isBefore(watch.deadline)) {
        break;
      }
      heap[i] = heap[child];
      heap[i].deadlineIndex = i;
      i = child;
    }
    heap[i] = watch;
    watch.deadlineIndex = i;
  }
}
