package dev.nanobanana4j.benchmarks;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.application.jobs.FleetOptions;
import dev.nanobanana4j.core.application.routing.Budget;
import dev.nanobanana4j.core.application.waiting.AwaitOptions;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.Money;
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
 * FleetInstance URL SCHEMA INDEX JOBS BASE_URL API_KEY SETTLED_LOG [SUBMIT_SECONDS] [DEADLINE_SECONDS]
 * </pre>
 *
 * <p>Every wait has a deadline ({@code DEADLINE_SECONDS}, default 15); a wait that ends by its
 * deadline is started again until its job ends. The instance reports how far past its deadline any
 * wait ended ({@code maxOverrunMs}), and how many waits returned another job's images ({@code
 * wrong}). Its jobs reserve in a budget the fleet shares in the store.
 */
public final class FleetInstance {
  private FleetInstance() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String schema = args[1].equals("-") ? null : args[1];
    int index = Integer.parseInt(args[2]);
    int jobs = Integer.parseInt(args[3]);
    long submitNanos = args.length > 7 ? Long.parseLong(args[7]) * 1_000_000_000L : 0;
    Duration deadline = Duration.ofSeconds(args.length > 8 ? Long.parseLong(args[8]) : 15);
    ProviderConfig config =
        ProviderConfig.builder()
            .baseUrl(URI.create(args[4]))
            .apiKey(args[5])
            .maxConcurrentRequests(64)
            .build();
    try (OutputStream settledLog = new FileOutputStream(args[6], true);
        JdbcJobStore jdbc = JdbcJobStore.builder().url(url).schema(schema).maxPoolSize(8).build();
        TimedStore store = new TimedStore(jdbc, settledLog);
        NanoBananaClient client =
            NanoBananaClient.builder()
                .provider("apixo", config)
                .jobStore(store)
                .budget(Budget.shared("fleet", Money.usd("1000000"), jdbc))
                .fleet(
                    FleetOptions.defaults()
                        .withInstanceId("fleet-" + index)
                        .withLease(Duration.ofSeconds(3), Duration.ofSeconds(1))
                        .withUnansweredAfter(Duration.ofSeconds(20))
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
      Waits measured = new Waits(client, deadline);
      int refused = 0;
      for (CompletableFuture<JobHandle> submission : submissions) {
        try {
          JobHandle handle = submission.get(5, TimeUnit.MINUTES);
          mine.add(handle.providerId() + "/" + handle.taskId());
          waits.add(measured.untilEnded(handle, System.nanoTime() + TimeUnit.MINUTES.toNanos(10)));
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
              + store.nanos.get()
              + " timeouts="
              + measured.timeouts.get()
              + " maxOverrunMs="
              + measured.maxOverrunNanos.get() / 1_000_000
              + " wrong="
              + measured.wrong.get()
              + " writesPending="
              + client.storeWritesPending());
      System.out.println("STORE " + index + " " + store.breakdown());
      System.out.flush();
    } catch (IOException e) {
      System.out.println("ERROR " + e);
    }
  }

  /**
   * Waits for jobs with a deadline each, again after each timeout, measuring how late any wait
   * ended past its deadline and whether a result was another job's.
   */
  private static final class Waits {
    final NanoBananaClient client;
    final Duration deadline;
    final java.util.concurrent.atomic.AtomicLong maxOverrunNanos =
        new java.util.concurrent.atomic.AtomicLong();
    final java.util.concurrent.atomic.AtomicInteger timeouts =
        new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger wrong =
        new java.util.concurrent.atomic.AtomicInteger();

    Waits(NanoBananaClient client, Duration deadline) {
      this.client = client;
      this.deadline = deadline;
    }

    CompletableFuture<JobStatus> untilEnded(JobHandle handle, long giveUpAt) {
      long started = System.nanoTime();
      return client
          .await(handle, AwaitOptions.timeout(deadline))
          .handle(
              (status, error) -> {
                long late = System.nanoTime() - started - deadline.toNanos();
                maxOverrunNanos.accumulateAndGet(late, Math::max);
                if (status instanceof JobStatus.Succeeded succeeded
                    && !succeeded.images().stream()
                        .allMatch(
                            image ->
                                image
                                    .url()
                                    .map(u -> u.getPath().contains("/" + handle.taskId() + "/"))
                                    .orElse(false))) {
                  wrong.incrementAndGet();
                }
                Throwable cause =
                    error instanceof java.util.concurrent.CompletionException
                        ? error.getCause()
                        : error;
                if (cause instanceof dev.nanobanana4j.core.error.JobTimeoutException
                    && System.nanoTime() < giveUpAt) {
                  timeouts.incrementAndGet();
                  return untilEnded(handle, giveUpAt);
                }
                return error == null
                    ? CompletableFuture.completedFuture(status)
                    : CompletableFuture.<JobStatus>failedFuture(cause);
              })
          .thenCompose(next -> next);
    }
  }
}
