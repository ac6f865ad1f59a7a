package dev.nanobanana4j.benchmarks;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.application.waiting.AwaitOptions;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.port.ProviderConfig;
import dev.nanobanana4j.testkit.Simulator;
import dev.nanobanana4j.testkit.TaskScript;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Puts many jobs in flight at once (tasks that run for an hour) and measures what waiting for them
 * costs the client: the threads alive while they are watched, by name, and the heap held per job
 * (heap while watching minus heap once the client has let go, after garbage collection).
 *
 * <pre>
 * java -cp ... dev.nanobanana4j.benchmarks.ScaleLoad apixo 10000
 * </pre>
 */
public final class ScaleLoad {
  private ScaleLoad() {}

  /** {@code ScaleLoad [provider] [jobs] [maxConcurrentRequests]}. */
  public static void main(String[] args) throws Exception {
    String provider = args.length > 0 ? args[0] : "apixo";
    int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    try (Simulator simulator =
        Simulator.builder()
            .defaultScript(TaskScript.succeed(Duration.ZERO, Duration.ofHours(1)))
            .start()) {
      ProviderConfig config =
          ProviderConfig.builder()
              .apiKey(simulator.apiKey(provider))
              .baseUrl(simulator.baseUrl(provider))
              .maxConcurrentRequests(concurrency)
              .build();
      NanoBananaClient client = NanoBananaClient.builder().provider(provider, config).build();
      List<JobHandle> handles = new ArrayList<>(jobs);
      List<CompletableFuture<JobHandle>> submissions = new ArrayList<>(jobs);
      for (int i = 0; i < jobs; i++) {
        submissions.add(client.submit(provider, ImageRequest.builder().prompt("job-" + i).build()));
      }
      for (CompletableFuture<JobHandle> submission : submissions) {
        handles.add(submission.join());
      }
      submissions.clear();
      long before = usedHeapAfterGc();
      List<CompletableFuture<JobStatus>> waits = new ArrayList<>(jobs);
      for (JobHandle handle : handles) {
        waits.add(client.await(handle, AwaitOptions.timeout(Duration.ofHours(2))));
      }
      long watching = usedHeapAfterGc();
      Map<String, Integer> threads = threadsByName();
      int inFlight = (int) waits.stream().filter(w -> !w.isDone()).count();
      client.close();
      waits.clear();
      long released = usedHeapAfterGc();
      System.out.printf(
          "jobs in flight: %d of %d%nthreads while watching: %s%nheap held per in-flight job: %d bytes"
              + " (watching %d MB, handles only %d MB, released %d MB)%n",
          inFlight,
          jobs,
          threads,
          (watching - before) / jobs,
          watching >> 20,
          before >> 20,
          released >> 20);
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(200); // lets the collector finish; a harness, not a test
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** Live threads grouped by name, with digits folded so that pools count as one entry. */
  private static Map<String, Integer> threadsByName() {
    Map<String, Integer> byName = new TreeMap<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      byName.merge(thread.getName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
    }
    return byName;
  }
}
