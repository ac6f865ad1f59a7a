package dev.nanobanana4j.core.application.internal;

import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The due polls of one provider, waiting for one of its {@code slots} (the provider's {@code
 * maxConcurrentRequests}). A waiting poll is a reference in an array, not an HTTP call: 100,000
 * jobs whose polls fall due at once cost 100,000 references here and {@code slots} calls in flight.
 * Polls start in the order they fell due.
 *
 * <p>A poll that can no longer run (its wait ended while it waited here: a callback, a cancel, the
 * deadline) stays in the queue and is skipped when its turn comes, so that ending a wait never
 * searches the queue.
 */
final class PollQueue<T> {
  private final int slots;
  private final Predicate<T> stillDue;
  private final Consumer<T> start;
  private final ArrayDeque<T> waiting = new ArrayDeque<>();
  private int busy;

  /**
   * @param slots how many polls may be in flight at once
   * @param stillDue whether a waiting poll should still run when its turn comes
   * @param start starts a poll; whoever runs it calls {@link #release()} once when it ends, and
   *     must not start the next poll on the same stack (the caller hands it to the scheduler)
   */
  PollQueue(int slots, Predicate<T> stillDue, Consumer<T> start) {
    if (slots < 1) {
      throw new IllegalArgumentException("slots must be at least 1, was " + slots);
    }
    this.slots = slots;
    this.stillDue = stillDue;
    this.start = start;
  }

  /** Starts {@code poll} now if a slot is free; otherwise it waits for one. */
  void offer(T poll) {
    synchronized (this) {
      if (busy >= slots) {
        waiting.addLast(poll);
        return;
      }
      busy++;
    }
    start.accept(poll);
  }

  /**
   * A poll ended, and its slot passes to the next poll still due, if any. Returns that poll, which
   * the caller starts (off this stack), or null when the slot is free again.
   */
  T release() {
    synchronized (this) {
      for (T next = waiting.pollFirst(); next != null; next = waiting.pollFirst()) {
        if (stillDue.test(next)) {
          return next; // the slot stays taken, by next
        }
      }
      busy--;
      return null;
    }
  }

  /** Polls in flight. */
  synchronized int busy() {
    return busy;
  }

  /** Polls waiting for a slot, counting those that will be skipped. */
  synchronized int waiting() {
    return waiting.size();
  }
}
