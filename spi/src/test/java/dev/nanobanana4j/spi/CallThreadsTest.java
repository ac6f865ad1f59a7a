package dev.nanobanana4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CallThreadsTest {
  @Test
  void never_more_threads_than_the_ceiling_and_every_task_runs() throws Exception {
    ExecutorService executor = CallThreads.start(2);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch ran = new CountDownLatch(5);
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    for (int i = 0; i < 5; i++) {
      executor.execute(
          () -> {
            threads.add(Thread.currentThread());
            awaitQuietly(release);
            ran.countDown();
          });
    }
    assertEquals(2, ((ThreadPoolExecutor) executor).getPoolSize(), "the ceiling");
    release.countDown();
    assertTrue(ran.await(10, TimeUnit.SECONDS), "tasks beyond the ceiling waited, then ran");
    assertEquals(2, threads.size());
    assertTrue(threads.stream().allMatch(Thread::isDaemon));
    executor.shutdown();
  }

  @Test
  void an_idle_thread_takes_the_next_task_instead_of_a_new_one() throws Exception {
    ExecutorService executor = CallThreads.start(100);
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    for (int i = 0; i < 20; i++) {
      Future<?> task = executor.submit(() -> threads.add(Thread.currentThread()));
      task.get(10, TimeUnit.SECONDS);
      waitUntilIdle((ThreadPoolExecutor) executor);
    }
    assertEquals(1, threads.size(), "one call at a time needs one thread");
    executor.shutdown();
  }

  /** Waits until the thread that ran the last task waits for the next one. */
  private static void waitUntilIdle(ThreadPoolExecutor executor) {
    LinkedTransferQueue<Runnable> queue = (LinkedTransferQueue<Runnable>) executor.getQueue();
    while (!queue.hasWaitingConsumer()) {
      Thread.onSpinWait();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
