package dev.nanobanana4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ProviderThreadsTest {
  private final ExecutorService shared = CallThreads.start(16);

  @Test
  void a_provider_never_runs_more_tasks_at_once_than_its_limit() throws Exception {
    ProviderThreads threads = new ProviderThreads(shared, 2);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch twoStarted = new CountDownLatch(2);
    CountDownLatch done = new CountDownLatch(6);
    Set<Thread> used = ConcurrentHashMap.newKeySet();
    for (int i = 0; i < 6; i++) {
      threads.execute(
          () -> {
            used.add(Thread.currentThread());
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            twoStarted.countDown();
            awaitQuietly(release);
            running.decrementAndGet();
            done.countDown();
          });
    }
    assertEquals(6, threads.load());
    assertTrue(twoStarted.await(10, TimeUnit.SECONDS), "two run at once");
    release.countDown();
    assertTrue(done.await(10, TimeUnit.SECONDS));
    assertEquals(2, most.get());
    assertEquals(2, used.size(), "the waiting tasks ran on the two threads, not new ones");
  }

  @Test
  void a_task_started_by_a_finishing_task_runs_on_its_thread_after_it() throws Exception {
    ProviderThreads threads = new ProviderThreads(shared, 1);
    AtomicReference<Thread> first = new AtomicReference<>();
    AtomicReference<Thread> second = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    threads.execute(
        () -> {
          first.set(Thread.currentThread());
          // as OkHttp's dispatcher does when a call ends: it starts the next one from this thread
          threads.execute(
              () -> {
                second.set(Thread.currentThread());
                done.countDown();
              });
        });
    assertTrue(done.await(10, TimeUnit.SECONDS));
    assertSame(first.get(), second.get());
  }

  @Test
  void a_task_that_throws_loses_none_of_those_waiting() throws Exception {
    ProviderThreads threads = new ProviderThreads(shared, 1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(2);
    threads.execute(
        () -> {
          awaitQuietly(release);
          throw new IllegalStateException("a task's bug");
        });
    threads.execute(done::countDown);
    threads.execute(done::countDown);
    release.countDown();
    assertTrue(done.await(10, TimeUnit.SECONDS));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (threads.load() > 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait(); // the last task has counted down; its thread is leaving
    }
    assertEquals(0, threads.load());
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
