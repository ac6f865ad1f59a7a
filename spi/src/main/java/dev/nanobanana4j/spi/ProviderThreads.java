package dev.nanobanana4j.spi;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * One provider's share of the shared call threads: at most {@code limit} of them at once (its
 * {@code maxConcurrentRequests}). OkHttp's dispatcher starts a provider's next call from the thread
 * of the call that just finished, before that thread is free; on a plain pool that takes a second
 * thread for a moment, and a provider at its limit would hold twice its share. Here the next call
 * waits for that thread and runs on it.
 */
final class ProviderThreads extends AbstractExecutorService {
  private final Executor shared;
  private final int limit;
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  private int running;

  ProviderThreads(Executor shared, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    this.shared = shared;
    this.limit = limit;
  }

  @Override
  public void execute(Runnable task) {
    synchronized (this) {
      if (running >= limit) {
        waiting.addLast(task);
        return;
      }
      running++;
    }
    shared.execute(() -> drain(task));
  }

  /** Runs {@code first}, then the tasks that waited for this thread, until none waits. */
  private void drain(Runnable first) {
    Runnable next = first;
    while (next != null) {
      Runnable current = next;
      boolean finished = false;
      try {
        current.run();
        finished = true;
      } finally {
        synchronized (this) {
          next = waiting.pollFirst();
          if (next == null) {
            running--;
          }
        }
        if (!finished && next != null) {
          Runnable handOver = next; // this thread leaves with the task's error; another goes on
          shared.execute(() -> drain(handOver));
        }
      }
    }
  }

  /** Tasks running or waiting. */
  synchronized int load() {
    return running + waiting.size();
  }

  /** The shared threads outlive every provider: there is nothing to shut down here. */
  @Override
  public void shutdown() {}

  @Override
  public List<Runnable> shutdownNow() {
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return false;
  }

  @Override
  public boolean isTerminated() {
    return false;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return false;
  }
}
