package dev.nanobanana4j.core.application.internal;

import dev.nanobanana4j.core.application.waiting.Scheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Where the client calls its job store, never on its scheduler: reads on the store executor, and
 * writes one at a time in the order they were made, each retried with backoff until it lands (or
 * the client closes), from a bounded queue in memory. A database that stops answering delays the
 * ledger; it never holds a caller, a wait or the scheduler.
 *
 * <p>Order matters: a job's acceptance lands before its settlement, so a settlement retried after
 * an outage still finds its job in flight.
 */
public final class StoreIo {
  private static final System.Logger LOG = System.getLogger(StoreIo.class.getName());

  /** The most writes waiting to land; past it a write is dropped (logged). */
  static final int MAX_PENDING = 10_000;

  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  /** A write: run until it lands, or once when it must not be retried. */
  private static final class Write {
    final String what;
    final Runnable action;
    final boolean retried;
    final CompletableFuture<Void> done = new CompletableFuture<>();

    Write(String what, Runnable action, boolean retried) {
      this.what = what;
      this.action = action;
      this.retried = retried;
    }
  }

  private final Executor executor;
  private final Scheduler scheduler;
  private final Deque<Write> queue = new ArrayDeque<>();
  private final AtomicInteger dropped = new AtomicInteger();
  private boolean draining;
  private Write running;
  private boolean waitingRetry;
  private int failures;
  private volatile boolean closed;

  /** Told of each write tried: whether it landed, and how long it took. */
  @FunctionalInterface
  public interface Timing {
    void tried(boolean landed, java.time.Duration took);

    Timing NONE = (landed, took) -> {};
  }

  private final Timing timing;

  public StoreIo(Executor executor, Scheduler scheduler) {
    this(executor, scheduler, Timing.NONE);
  }

  public StoreIo(Executor executor, Scheduler scheduler, Timing timing) {
    this.executor = executor;
    this.scheduler = scheduler;
    this.timing = timing;
  }

  private void timed(boolean landed, long startedNanos) {
    try {
      timing.tried(landed, Duration.ofNanos(System.nanoTime() - startedNanos));
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "the store's write meter failed", e);
    }
  }

  /** Runs {@code read} on the store executor; a rejected or failed read fails the future. */
  public <T> CompletableFuture<T> read(Supplier<T> read) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      executor.execute(
          () -> {
            try {
              result.complete(read.get());
            } catch (RuntimeException | Error e) {
              result.completeExceptionally(e);
            }
          });
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
    return result;
  }

  /**
   * Queues a write that matters, retried until it lands: the returned future completes when it has.
   * It fails only when the queue is full or the client closed first.
   */
  public CompletableFuture<Void> write(String what, Runnable action) {
    return enqueue(new Write(what, action, true));
  }

  /** Queues a write tried once, in order after every write queued before it. */
  public CompletableFuture<Void> writeOnce(String what, Runnable action) {
    return enqueue(new Write(what, action, false));
  }

  /**
   * Takes back the write whose future is {@code done}, if it has not started: true when it will
   * never run.
   */
  public synchronized boolean withdraw(CompletableFuture<Void> done) {
    for (java.util.Iterator<Write> it = queue.iterator(); it.hasNext(); ) {
      Write write = it.next();
      if (write.done == done) {
        if (write == running) {
          return false;
        }
        it.remove();
        write.done.cancel(false);
        return true;
      }
    }
    return false;
  }

  /** Writes queued and not yet landed. */
  public synchronized int pending() {
    return queue.size();
  }

  /** Writes dropped because the queue was full or the client closed. */
  public int dropped() {
    return dropped.get();
  }

  private CompletableFuture<Void> enqueue(Write write) {
    boolean start;
    synchronized (this) {
      if (closed || queue.size() >= MAX_PENDING) {
        dropped.incrementAndGet();
        LOG.log(
            System.Logger.Level.ERROR,
            "the job store did not take a write ({0}): {1}",
            write.what,
            closed ? "the client is closed" : MAX_PENDING + " writes wait already");
        write.done.completeExceptionally(
            new IllegalStateException(
                closed ? "the client is closed" : "too many writes wait for the job store"));
        return write.done;
      }
      queue.addLast(write);
      start = !draining;
      draining = true;
    }
    if (start) {
      startDraining();
    }
    return write.done;
  }

  private void startDraining() {
    try {
      executor.execute(this::drain);
    } catch (RuntimeException e) {
      // The executor is shut down: the client closes, and what is queued is dropped with it.
      abandon(e);
    }
  }

  /** Runs the queued writes in order; on a failure, tries the same write again after a backoff. */
  private void drain() {
    while (true) {
      Write write;
      synchronized (this) {
        write = queue.peekFirst();
        if (write == null) {
          draining = false;
          return;
        }
        running = write;
      }
      long started = System.nanoTime();
      try {
        write.action.run();
        timed(true, started);
      } catch (RuntimeException e) {
        timed(false, started);
        synchronized (this) {
          running = null;
        }
        boolean lasting =
            e instanceof dev.nanobanana4j.core.error.JobStoreException refused
                && refused.isLasting();
        if (lasting) {
          LOG.log(
              System.Logger.Level.ERROR,
              "the job store refused a write (" + write.what + "); it is not tried again",
              e);
        }
        if (write.retried && !closed && !lasting) {
          Duration backoff = backoff();
          if (failures == 1) {
            LOG.log(
                System.Logger.Level.WARNING,
                "the job store failed a write ("
                    + write.what
                    + "); it and the writes after it are tried again until they land",
                e);
          }
          synchronized (this) {
            waitingRetry = true;
          }
          try {
            scheduler.schedule(this::retry, backoff);
          } catch (RuntimeException stopped) {
            abandon(stopped);
          }
          return; // still draining: the retry goes on
        }
        synchronized (this) {
          queue.pollFirst();
        }
        write.done.completeExceptionally(e);
        continue;
      }
      synchronized (this) {
        running = null;
        queue.pollFirst();
        if (failures > 0) {
          LOG.log(
              System.Logger.Level.INFO, "the job store takes writes again; {0} wait", queue.size());
        }
        failures = 0;
      }
      write.done.complete(null);
    }
  }

  private void retry() {
    synchronized (this) {
      if (!waitingRetry) {
        return; // tried already, at close
      }
      waitingRetry = false;
    }
    startDraining();
  }

  private synchronized Duration backoff() {
    failures++;
    long millis = FIRST_BACKOFF.toMillis() << Math.min(failures - 1, 10);
    return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
  }

  private void abandon(Throwable why) {
    java.util.List<Write> left;
    synchronized (this) {
      left = java.util.List.copyOf(queue);
      queue.clear();
      draining = false;
    }
    if (!left.isEmpty()) {
      dropped.addAndGet(left.size());
      LOG.log(
          System.Logger.Level.ERROR,
          left.size() + " writes to the job store were not made: the client stopped",
          why);
    }
    left.forEach(write -> write.done.completeExceptionally(why));
  }

  /**
   * Stops taking writes; what is queued is given one last try, for at most {@code bound}, then
   * dropped (logged).
   */
  public void close(Duration bound) {
    CompletableFuture<Void> last;
    boolean kick;
    synchronized (this) {
      if (closed) {
        return;
      }
      last = queue.isEmpty() ? null : queue.peekLast().done;
      closed = true;
      kick = waitingRetry;
      waitingRetry = false;
    }
    if (kick) {
      startDraining(); // the last try, now rather than after the backoff
    }
    if (last != null) {
      try {
        last.get(bound.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        // Logged below with what is left.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    abandon(new IllegalStateException("the client closed"));
  }
}
