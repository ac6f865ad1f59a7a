package dev.nanobanana4j.benchmarks;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.application.jobs.FleetOptions;
import dev.nanobanana4j.core.application.waiting.AwaitOptions;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.port.ProviderConfig;
import dev.nanobanana4j.store.jdbc.JdbcJobStore;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One instance of {@link FleetLoad}'s fleet, as a JVM of its own: submits its share of the jobs
 * through a client sharing the store, waits for them, takes over the jobs of instances that died,
 * and runs until its standard input closes. Prints {@code SUBMITTED} once the vendor has all of its
 * jobs, then {@code INSTANCE ...} with its figures.
 *
 * <pre>
 * FleetInstance URL SCHEMA INDEX JOBS BASE_URL API_KEY SETTLED_LOG [SUBMIT_SECONDS]
 * </pre>
 */
public final class FleetInstance {
  private FleetInstance() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String schema = args[1].equals("-") ? null : args[1];
    int index = Integer.parseInt(args[2]);
    int jobs = Integer.parseInt(args[3]);
    long submitNanos = args.length > 7 ? Long.parseLong(args[7]) * 1_000_000_000L : 0;
    ProviderConfig config =
        ProviderConfig.builder()
            .baseUrl(URI.create(args[4]))
            .apiKey(args[5])
            .maxConcurrentRequests(64)
            .build();
    try (OutputStream settledLog = new FileOutputStream(args[6], true);
        TimedStore store =
            new TimedStore(
                JdbcJobStore.builder().url(url).schema(schema).maxPoolSize(8).build(), settledLog);
        NanoBananaClient client =
            NanoBananaClient.builder()
                .provider("apixo", config)
                .jobStore(store)
                .fleet(
                    FleetOptions.defaults()
                        .withInstanceId("fleet-" + index)
                        .withLease(Duration.ofSeconds(3), Duration.ofSeconds(1))
                        .withTakeOverOrphans(true))
                .build()) {
      List<CompletableFuture<JobHandle>> submissions = new ArrayList<>();
      long begin = System.nanoTime();
      for (int j = 0; j < jobs; j++) {
        // Spread over the time given, as requests come to a service.
        long due = begin + submitNanos * j / jobs;
        while (System.nanoTime() < due) {
          java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
        }
        submissions.add(
            client.submit(
                "apixo",
                ImageRequest.builder()
                    .prompt("fleet-job-" + index + "-" + j + " a lighthouse")
                    .build()));
      }
      List<CompletableFuture<JobStatus>> waits = new ArrayList<>();
      java.util.Set<String> mine = new java.util.HashSet<>();
      int refused = 0;
      for (CompletableFuture<JobHandle> submission : submissions) {
        try {
          JobHandle handle = submission.get(5, TimeUnit.MINUTES);
          mine.add(handle.providerId() + "/" + handle.taskId());
          waits.add(client.await(handle, AwaitOptions.timeout(Duration.ofMinutes(10))));
        } catch (Exception e) {
          refused++;
        }
      }
      System.out.println("SUBMITTED " + (jobs - refused));
      System.out.flush();
      int succeeded = 0;
      int failed = 0;
      for (CompletableFuture<JobStatus> wait : waits) {
        try {
          succeeded += wait.get(10, TimeUnit.MINUTES) instanceof JobStatus.Succeeded ? 1 : 0;
        } catch (Exception e) {
          failed++;
        }
      }
      System.out.println("WAITED " + succeeded);
      System.out.flush();
      // Stays in the fleet, taking over orphans, until the harness is done.
      while (System.in.read() != -1) {
        // runs until the harness closes the pipe
      }
      java.util.Set<String> touched = new java.util.HashSet<>(mine);
      touched.addAll(java.nio.file.Files.readAllLines(java.nio.file.Path.of(args[6])));
      System.out.println(
          "INSTANCE "
              + index
              + " submitted="
              + (jobs - refused)
              + " succeeded="
              + succeeded
              + " failed="
              + failed
              + " settledHere="
              + store.settled.get()
              + " touched="
              + touched.size()
              + " storeCalls="
              + store.calls.get()
              + " storeNanos="
              + store.nanos.get());
      System.out.println("STORE " + index + " " + store.breakdown());
      System.out.flush();
    } catch (IOException e) {
      System.out.println("ERROR " + e);
    }
  }
}
