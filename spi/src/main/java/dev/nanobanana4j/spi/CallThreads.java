package dev.nanobanana4j.spi;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads HTTP calls run on: as many as there are calls at once, up to a ceiling, reused while
 * busy ones finish and idle ones wait, daemons so that a program that closed its client exits, and
 * retired after a minute idle. A plain {@link ThreadPoolExecutor} cannot do all of it: with a
 * bounded pool and a queue it starts a thread for every task until it has its core size, however
 * many sit idle; with a hand-off queue it refuses a task beyond its maximum, and OkHttp fails the
 * call. Here a task goes to an idle thread if one waits, else to a new thread below the ceiling,
 * else into the queue for the next thread that is free.
 */
final class CallThreads {
  private CallThreads() {}

  /** An executor of at most {@code ceiling} threads, never refusing a task while open. */
  static ExecutorService start(int ceiling) {
    HandOff queue = new HandOff();
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            0,
            ceiling,
            60,
            TimeUnit.SECONDS,
            queue,
            runnable -> {
              Thread thread = new Thread(runnable, "nanobanana-http-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            },
            (task, pool) -> {
              if (!pool.isShutdown()) {
                queue.enqueue(task); // at the ceiling: the next thread that is free takes it
              }
            });
    return executor;
  }

  /**
   * Offers a task only to a thread waiting for one, so that the executor starts a thread when none
   * waits; {@link #enqueue} queues it once the ceiling is reached.
   */
  private static final class HandOff extends LinkedTransferQueue<Runnable> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean offer(Runnable task) {
      return tryTransfer(task);
    }

    void enqueue(Runnable task) {
      super.offer(task);
    }
  }
}
