package dev.nanobanana4j.benchmarks;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.application.waiting.AwaitOptions;
import dev.nanobanana4j.core.application.waiting.PollingPolicy;
import dev.nanobanana4j.core.application.waiting.RetryPolicy;
import dev.nanobanana4j.core.domain.GenerationResult;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.error.NanoBananaException;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.port.ProviderConfig;
import dev.nanobanana4j.testkit.Fault;
import dev.nanobanana4j.testkit.SimulatedTask;
import dev.nanobanana4j.testkit.Simulator;
import dev.nanobanana4j.testkit.TaskScript;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Sends many jobs at once through a provider to the simulator while a share of all vendor answers
 * are faulty, and checks the library's promises: every job ends in success or a typed error, an
 * error after submission carries the task id, and no job was accepted twice by the vendor.
 *
 * <pre>
 * java -cp ... dev.nanobanana4j.benchmarks.FaultLoad apixo 10000 0.2
 * </pre>
 */
public final class FaultLoad {
  /** The faults drawn from: every named fault but a stall (which only tests the timeout). */
  static final List<Fault> FAULTS =
      List.of(
          Fault.RATE_LIMITED,
          Fault.SERVER_ERROR,
          Fault.BAD_GATEWAY,
          Fault.SERVICE_UNAVAILABLE,
          Fault.GATEWAY_TIMEOUT,
          Fault.MALFORMED_BODY,
          Fault.TRUNCATED_BODY,
          Fault.HTML_ERROR_PAGE,
          Fault.DROP_BEFORE_REQUEST,
          Fault.DROP_AFTER_REQUEST);

  /**
   * What a run showed.
   *
   * @param jobs jobs sent
   * @param succeeded jobs that ended with images
   * @param errors typed errors, by type
   * @param untyped jobs that ended in anything but a library exception
   * @param missingTaskIds errors after a successful submission that did not carry the task id
   * @param duplicateSubmissions jobs the vendor accepted more than once
   * @param submissionsSent submission requests the vendor received
   * @param peakThreads the most live threads in the JVM during the run (simulator included)
   * @param threadsLeft threads still alive after the run beyond those alive before it
   * @param wall the run's wall-clock time
   */
  public record Result(
      int jobs,
      int succeeded,
      Map<String, Integer> errors,
      int untyped,
      int missingTaskIds,
      int duplicateSubmissions,
      int submissionsSent,
      int peakThreads,
      int threadsLeft,
      Duration wall) {
    /** Whether every promise held. */
    public boolean promisesHeld() {
      return untyped == 0 && missingTaskIds == 0 && duplicateSubmissions == 0 && threadsLeft <= 0;
    }
  }

  private FaultLoad() {}

  /**
   * Runs {@code jobs} jobs at {@code providerId} with {@code faultRate} of answers faulty. With
   * {@code settleThreads}, waits (up to 75 s) for idle HTTP threads to retire before counting the
   * threads left; without, {@code threadsLeft} is not measured and reads 0.
   */
  public static Result run(
      String providerId, int jobs, double faultRate, long seed, boolean settleThreads)
      throws InterruptedException {
    var threads = ManagementFactory.getThreadMXBean();
    int threadsBefore = threads.getThreadCount();
    threads.resetPeakThreadCount();
    long start = System.nanoTime();
    Map<String, Integer> errors = new TreeMap<>();
    int succeeded = 0;
    int untyped = 0;
    int missingTaskIds = 0;
    int duplicates;
    int submissions;
    try (Simulator simulator =
            Simulator.builder()
                .defaultScript(TaskScript.succeed(Duration.ZERO, Duration.ZERO))
                .randomFaults(faultRate, seed, FAULTS)
                .start();
        NanoBananaClient client =
            NanoBananaClient.builder()
                .provider(
                    providerId,
                    ProviderConfig.builder()
                        .apiKey(simulator.apiKey(providerId))
                        .baseUrl(simulator.baseUrl(providerId))
                        .requestTimeout(Duration.ofSeconds(10))
                        .build())
                .pollingPolicy(PollingPolicy.fixed(Duration.ZERO, Duration.ofMillis(50)))
                .retryPolicy(new RetryPolicy(6, Duration.ofMillis(20), Duration.ofMillis(500)))
                .defaultTimeout(Duration.ofMinutes(5))
                .build()) {
      List<CompletableFuture<GenerationResult>> futures = new ArrayList<>(jobs);
      for (int i = 0; i < jobs; i++) {
        futures.add(
            client.generate(
                providerId,
                ImageRequest.builder().prompt("job-" + i).build(),
                AwaitOptions.defaults()));
      }
      for (CompletableFuture<GenerationResult> future : futures) {
        try {
          future.get(10, TimeUnit.MINUTES);
          succeeded++;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof NanoBananaException n) {
            errors.merge(n.getClass().getSimpleName(), 1, Integer::sum);
            boolean afterSubmission =
                n.operation() != Operation.SUBMIT && n.operation() != Operation.VALIDATE;
            if (afterSubmission && n.taskId().isEmpty()) {
              missingTaskIds++;
            }
          } else {
            untyped++;
          }
        } catch (java.util.concurrent.TimeoutException e) {
          untyped++;
        }
      }
      Map<Object, Integer> tasksPerPrompt = new HashMap<>();
      for (SimulatedTask task : simulator.vendor(providerId).tasks().values()) {
        tasksPerPrompt.merge(prompt(task.request()), 1, Integer::sum);
      }
      duplicates = (int) tasksPerPrompt.values().stream().filter(n -> n > 1).count();
      submissions = simulator.calls(providerId, Operation.SUBMIT).size();
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    int peak = threads.getPeakThreadCount();
    // Idle HTTP threads of the shared pool time out on their own; give them their minute.
    int left = settleThreads ? settledThreadCount(threadsBefore) - threadsBefore : 0;
    return new Result(
        jobs,
        succeeded,
        errors,
        untyped,
        missingTaskIds,
        duplicates,
        submissions,
        peak,
        left,
        wall);
  }

  private static int settledThreadCount(int target) throws InterruptedException {
    var threads = ManagementFactory.getThreadMXBean();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(75);
    while (threads.getThreadCount() > target && System.nanoTime() < until) {
      Thread.sleep(250); // a harness waiting for threads to end, not a test
    }
    return threads.getThreadCount();
  }

  /** The prompt of a submission body, wherever the vendor puts it. */
  static Object prompt(Object tree) {
    if (tree instanceof Map<?, ?> map) {
      if (map.get("prompt") instanceof String s) {
        return s;
      }
      for (Object value : map.values()) {
        Object found = prompt(value);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** {@code FaultLoad [provider] [jobs] [faultRate]}; exits 1 when a promise broke. */
  public static void main(String[] args) throws InterruptedException {
    String provider = args.length > 0 ? args[0] : "apixo";
    int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    double rate = args.length > 2 ? Double.parseDouble(args[2]) : 0.2;
    // A warm-up first, so that process-wide threads started on first use (OkHttp's connection
    // closer and Okio's watchdog) are in the baseline rather than counted as left behind.
    run(provider, 20, 0, 7, false);
    Result result = run(provider, jobs, rate, 42, true);
    System.out.println(result);
    System.exit(result.promisesHeld() ? 0 : 1);
  }
}
