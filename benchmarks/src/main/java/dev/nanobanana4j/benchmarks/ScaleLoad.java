package dev.nanobanana4j.benchmarks;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.application.waiting.AwaitOptions;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.port.ProviderConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

/**
 * Puts many jobs in flight at once (tasks that run for an hour, on a simulator in another process)
 * and measures what waiting for them costs the client while it polls them: the heap held per job
 * (heap while watching minus heap with the handles alone, after garbage collection), the threads
 * the library started, and the polls per second it sustains. Returns from {@code main}; the JVM
 * then exits on its own, which shows that no thread of the library's outlives {@code close()}.
 *
 * <pre>
 * java -cp ... dev.nanobanana4j.benchmarks.ScaleLoad apixo 100000 8
 * </pre>
 *
 * <p>The last line is {@code RESULT jobs=<n> inFlight=<n> heapBytesPerJob=<n> libraryThreads=<n>}.
 */
public final class ScaleLoad {
  private ScaleLoad() {}

  /**
   * {@code ScaleLoad [provider] [jobs] [maxConcurrentRequests] [seconds of polling] [latency ms]}:
   * the latency is how long the simulated vendor takes to answer each call.
   */
  public static void main(String[] args) throws Exception {
    String provider = args.length > 0 ? args[0] : "apixo";
    int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int concurrency =
        args.length > 2
            ? Integer.parseInt(args[2])
            : ProviderConfig.DEFAULT_MAX_CONCURRENT_REQUESTS;
    int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    long latency = args.length > 4 ? Long.parseLong(args[4]) : 0;
    Set<Long> before = threadIds(); // the JVM's own, and the harness's
    LongAdder polls = new LongAdder();
    String result;
    try (RemoteSimulator simulator = RemoteSimulator.start(3600, latency, "2g")) {
      ProviderConfig config =
          simulator
              .config(provider)
              .newBuilder()
              .maxConcurrentRequests(concurrency)
              .callObserver(
                  (id, operation, status, duration) -> {
                    if (operation == Operation.STATUS) {
                      polls.increment();
                    }
                  })
              .build();
      NanoBananaClient client = NanoBananaClient.builder().provider(provider, config).build();
      List<JobHandle> handles = submit(client, provider, jobs);
      long handlesOnly = usedHeapAfterGc();
      pauseForInspection("handles only");
      List<CompletableFuture<JobStatus>> waits = new ArrayList<>(jobs);
      for (JobHandle handle : handles) {
        waits.add(client.await(handle, AwaitOptions.timeout(Duration.ofHours(2))));
      }
      long start = System.nanoTime();
      long pollsAtStart = polls.sum();
      Thread.sleep(seconds * 1000L); // a harness measuring a rate over wall time, not a test
      double pollsPerSecond = (polls.sum() - pollsAtStart) / ((System.nanoTime() - start) / 1e9);
      long watching = usedHeapAfterGc();
      pauseForInspection("watching");
      Map<String, Integer> threads = threadsByName(before);
      int libraryThreads = threads.values().stream().mapToInt(Integer::intValue).sum();
      int inFlight = (int) waits.stream().filter(w -> !w.isDone()).count();
      client.close();
      waits.clear();
      System.out.printf(
          "threads started by the library while watching: %s%n"
              + "polls answered: %.0f per second over %d s (maxConcurrentRequests %d, latency"
              + " %d ms)%n"
              + "heap: %d MB while watching, %d MB with the handles alone%n",
          threads,
          pollsPerSecond,
          seconds,
          concurrency,
          latency,
          watching >> 20,
          handlesOnly >> 20);
      result =
          String.format(
              "RESULT jobs=%d inFlight=%d heapBytesPerJob=%d libraryThreads=%d",
              jobs, inFlight, (watching - handlesOnly) / jobs, libraryThreads);
    }
    // The shell can time the exit from here: every thread of the library's is a daemon or gone.
    System.out.println("CLOSED " + System.currentTimeMillis());
    System.out.println(result);
  }

  /** Submits {@code jobs} jobs, a thousand outstanding at a time, and returns their handles. */
  private static List<JobHandle> submit(NanoBananaClient client, String provider, int jobs)
      throws InterruptedException {
    List<JobHandle> handles = java.util.Collections.synchronizedList(new ArrayList<>(jobs));
    Semaphore outstanding = new Semaphore(1000);
    for (int i = 0; i < jobs; i++) {
      outstanding.acquire();
      client
          .submit(provider, ImageRequest.builder().prompt("job-" + i).build())
          .whenComplete(
              (handle, error) -> {
                if (handle != null) {
                  handles.add(handle);
                }
                outstanding.release();
              });
    }
    outstanding.acquire(1000);
    if (handles.size() != jobs) {
      throw new IllegalStateException(handles.size() + " of " + jobs + " submissions succeeded");
    }
    return new ArrayList<>(handles);
  }

  /**
   * With {@code -Dscale.pause=SECONDS}, says where it is and waits, so that a heap histogram
   * ({@code jcmd PID GC.class_histogram}) can be taken there.
   */
  private static void pauseForInspection(String point) throws InterruptedException {
    int seconds = Integer.getInteger("scale.pause", 0);
    if (seconds > 0) {
      System.out.println("PAUSE " + point + " pid " + ProcessHandle.current().pid());
      Thread.sleep(seconds * 1000L);
    }
  }

  /**
   * The heap live after a full collection, as the collector measured it: the sum over the heap's
   * pools of their use right after the last collection. Reading the heap's current use instead
   * would count what polls allocated since, which is garbage.
   */
  private static long usedHeapAfterGc() throws InterruptedException {
    System.gc();
    Thread.sleep(200); // lets a concurrent collector finish; a harness, not a test
    System.gc();
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
        used += pool.getCollectionUsage().getUsed();
      }
    }
    return used;
  }

  private static Set<Long> threadIds() {
    Set<Long> ids = new HashSet<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      ids.add(thread.getId());
    }
    return ids;
  }

  /**
   * Live threads not in {@code before} (nor the harness's process reaper), by name, digits folded
   * so that a pool is one entry.
   */
  private static Map<String, Integer> threadsByName(Set<Long> before) {
    Map<String, Integer> byName = new TreeMap<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (!before.contains(thread.getId()) && !thread.getName().startsWith("process reaper")) {
        byName.merge(thread.getName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
      }
    }
    return byName;
  }
}
