package dev.nanobanana4j.benchmarks;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.application.ProviderRegistry;
import dev.nanobanana4j.core.application.waiting.PollingPolicy;
import dev.nanobanana4j.core.application.waiting.Scheduler;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.ProviderInfo;
import dev.nanobanana4j.core.port.ImageProvider;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * The poll schedule on a simulated clock: jobs whose durations are lognormal (median 40 s) are
 * waited for by the client's real {@code JobWatcher} under each polling policy, and the harness
 * reports the mean delay between a job's end and the client noticing it, and the polls per job.
 *
 * <p>Time is virtual, so a run of thousands of jobs of minutes each takes well under a second and
 * gives the same figures every time for the same seed. The jobs' timing is a model, not a vendor:
 * the vendors' own answers (ModelsLab's {@code eta}, for one) are tested against the simulator in
 * the provider modules.
 *
 * <pre>
 * java -cp "benchmarks/target/classes:$CP" dev.nanobanana4j.benchmarks.PollScheduleLoad [jobs]
 * </pre>
 */
public final class PollScheduleLoad {
  /** The lognormal's median job duration. */
  static final Duration MEDIAN = Duration.ofSeconds(40);

  /**
   * One policy's figures.
   *
   * @param meanDelaySeconds mean time from a job's end to the client noticing it
   * @param p95DelaySeconds the 95th percentile of that delay
   * @param pollsPerJob mean status calls per job
   * @param delays every measured job's delay in seconds, sorted
   */
  public record Figures(
      String policy,
      double sigma,
      int jobs,
      double meanDelaySeconds,
      double p95DelaySeconds,
      double pollsPerJob,
      double[] delays) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%-34s sigma %.1f  jobs %d  mean delay %5.2f s  p95 delay %5.2f s  polls/job %5.2f",
          policy,
          sigma,
          jobs,
          meanDelaySeconds,
          p95DelaySeconds,
          pollsPerJob);
    }
  }

  private PollScheduleLoad() {}

  /**
   * Prints the figures for each policy and spread. Arguments: the jobs measured per run, and
   * optionally a PNG file to draw the delay distributions of fixed polling and the adaptive policy
   * at fixed's polls in, one panel per spread.
   */
  public static void main(String[] args) throws java.io.IOException {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    ProviderInfo info = providerInfo("modelslab");
    List<List<Figures>> plotted = new ArrayList<>();
    for (double sigma : new double[] {0.4, 0.6, 0.8, 1.0}) {
      Figures fixed = run(info, "fixed 10 s", PollingPolicy.fixed(ten(), ten()), sigma, -1, jobs);
      System.out.println(fixed);
      Figures byDefault =
          run(info, "adaptive (default)", PollingPolicy.adaptive(), sigma, -1, jobs);
      System.out.println(byDefault);
      System.out.println(fixedAt(info, byDefault.pollsPerJob(), sigma, jobs));
      Figures adaptive =
          run(
              info,
              "adaptive, no hint, fixed's polls",
              PollingPolicy.adaptive(fixed.pollsPerJob()),
              sigma,
              -1,
              jobs);
      System.out.println(adaptive);
      System.out.println(fixedAt(info, adaptive.pollsPerJob(), sigma, jobs));
      plotted.add(List.of(fixed, adaptive));
      System.out.println(
          run(
              info,
              "adaptive, durations reported",
              PollingPolicy.adaptive(fixed.pollsPerJob()),
              sigma,
              -1,
              true,
              jobs));
      for (double noise : new double[] {0, 0.2, 0.4}) {
        System.out.println(
            run(
                info,
                "adaptive, eta noise " + noise,
                PollingPolicy.adaptive(),
                sigma,
                noise,
                jobs));
      }
    }
    if (args.length > 1) {
      DelayPlot.write(plotted, java.nio.file.Path.of(args[1]));
      System.out.println("plot: " + args[1]);
    }
  }

  /** A provider's description from the class path, for its polling guidance and models. */
  static ProviderInfo providerInfo(String id) {
    return ProviderRegistry.load().providers().stream()
        .filter(p -> p.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  /**
   * Runs {@code jobs} measured jobs, after as many unmeasured ones for the policy to learn from.
   *
   * @param sigma the lognormal's shape: how widely durations spread around the median
   * @param etaNoise the spread of the time-left estimate the vendor reports (a lognormal factor on
   *     the true time left, truncated to whole seconds as ModelsLab's {@code eta} is); negative for
   *     a vendor that reports none
   */
  public static Figures run(
      ProviderInfo info,
      String name,
      PollingPolicy policy,
      double sigma,
      double etaNoise,
      int jobs) {
    return run(info, name, policy, sigma, etaNoise, false, jobs);
  }

  /** As above; with {@code reportsDurations}, a succeeded status says how long the job took. */
  public static Figures run(
      ProviderInfo info,
      String name,
      PollingPolicy policy,
      double sigma,
      double etaNoise,
      boolean reportsDurations,
      int jobs) {
    VirtualTime time = new VirtualTime();
    Random random = new Random(42);
    TimedJobs vendor = new TimedJobs(info, time, random, sigma, etaNoise, reportsDurations);
    List<Double> delays = new ArrayList<>();
    long[] polls = {0};
    try (NanoBananaClient client =
        NanoBananaClient.builder()
            .provider(vendor)
            .clock(time)
            .scheduler(time)
            .pollingPolicy(policy)
            .random(new Random(7)::nextDouble)
            .defaultTimeout(Duration.ofHours(2))
            .build()) {
      ImageRequest request = ImageRequest.builder().prompt("a lighthouse at dusk").build();
      for (int i = 0; i < 2 * jobs; i++) {
        boolean measured = i >= jobs; // the first half only teaches the policy
        time.schedule(
            () -> {
              JobHandle handle = client.submit(request).join();
              client
                  .await(handle)
                  .thenAccept(
                      status -> {
                        if (measured) {
                          Instant end = vendor.endOf(handle);
                          delays.add(Duration.between(end, time.instant()).toMillis() / 1000.0);
                          polls[0] += vendor.pollsOf(handle);
                        }
                      });
            },
            Duration.ofMillis(500L * i));
      }
      time.runAll();
    }
    if (delays.size() != jobs) {
      throw new IllegalStateException(delays.size() + " of " + jobs + " jobs were noticed");
    }
    double mean = delays.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double p95 = delays.stream().sorted().skip((long) (jobs * 0.95)).findFirst().orElseThrow();
    double[] sorted = delays.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return new Figures(name, sigma, jobs, mean, p95, (double) polls[0] / jobs, sorted);
  }

  /**
   * Fixed polling (the first poll after one interval, as {@code fixed 10 s}) at exactly {@code
   * polls} polls per job: the interval is found by bisection, since fixed polling's polls fall as
   * its interval grows, and the figures are interpolated between the two intervals that bracket
   * {@code polls}. The fair baseline for a policy that made {@code polls} polls per job.
   */
  public static Figures fixedAt(ProviderInfo info, double polls, double sigma, int jobs) {
    long low = 500; // milliseconds: more polls than asked
    long high = 120_000; // fewer
    Figures more = null;
    Figures fewer = null;
    while (high - low > 10) {
      long mid = (low + high) / 2;
      Duration interval = Duration.ofMillis(mid);
      Figures f = run(info, "fixed", PollingPolicy.fixed(interval, interval), sigma, -1, jobs);
      if (f.pollsPerJob() > polls) {
        low = mid;
        more = f;
      } else {
        high = mid;
        fewer = f;
      }
    }
    if (more == null || fewer == null) {
      throw new IllegalStateException("no fixed interval brackets " + polls + " polls per job");
    }
    double w = (polls - fewer.pollsPerJob()) / (more.pollsPerJob() - fewer.pollsPerJob());
    return new Figures(
        String.format(Locale.ROOT, "fixed at the same polls (~%.1f s)", (low + high) / 2000.0),
        sigma,
        jobs,
        fewer.meanDelaySeconds() + w * (more.meanDelaySeconds() - fewer.meanDelaySeconds()),
        fewer.p95DelaySeconds() + w * (more.p95DelaySeconds() - fewer.p95DelaySeconds()),
        polls,
        fewer.delays());
  }

  private static Duration ten() {
    return Duration.ofSeconds(10);
  }

  /** Jobs that end after a lognormal time and answer polls from the virtual clock. */
  private static final class TimedJobs implements ImageProvider {
    private final ProviderInfo info;
    private final Clock clock;
    private final Random random;
    private final double sigma;
    private final double etaNoise;
    private final boolean reportsDurations;
    private final Map<String, Instant> submitted = new HashMap<>();
    private final Map<String, Instant> ends = new HashMap<>();
    private final Map<String, Integer> polls = new HashMap<>();

    TimedJobs(
        ProviderInfo info,
        Clock clock,
        Random random,
        double sigma,
        double etaNoise,
        boolean reportsDurations) {
      this.info = info;
      this.clock = clock;
      this.random = random;
      this.sigma = sigma;
      this.etaNoise = etaNoise;
      this.reportsDurations = reportsDurations;
    }

    @Override
    public ProviderInfo info() {
      return info;
    }

    @Override
    public CompletableFuture<JobHandle> submit(ImageRequest request) {
      String id = "job-" + ends.size();
      Instant now = clock.instant();
      long millis = Math.round(MEDIAN.toMillis() * Math.exp(sigma * random.nextGaussian()));
      ends.put(id, now.plusMillis(millis));
      submitted.put(id, now);
      polls.put(id, 0);
      return CompletableFuture.completedFuture(JobHandle.of(info.id(), id, now));
    }

    @Override
    public CompletableFuture<JobStatus> status(JobHandle handle) {
      polls.merge(handle.taskId(), 1, Integer::sum);
      Instant now = clock.instant();
      Instant end = ends.get(handle.taskId());
      if (!now.isBefore(end)) {
        // Like APIXO's costTime, where the vendor reports how long the job took.
        Optional<Duration> took =
            reportsDurations
                ? Optional.of(Duration.between(submitted.get(handle.taskId()), end))
                : Optional.empty();
        return CompletableFuture.completedFuture(
            new JobStatus.Succeeded(
                List.of(GeneratedImage.ofUrl(URI.create("https://cdn.example/i.png"), "image/png")),
                took));
      }
      if (etaNoise < 0) {
        return CompletableFuture.completedFuture(new JobStatus.Running());
      }
      double left = Duration.between(now, end).toMillis() / 1000.0;
      long eta = (long) Math.floor(left * Math.exp(etaNoise * random.nextGaussian()));
      return CompletableFuture.completedFuture(JobStatus.Running.endingIn(Duration.ofSeconds(eta)));
    }

    Instant endOf(JobHandle handle) {
      return ends.get(handle.taskId());
    }

    int pollsOf(JobHandle handle) {
      return polls.get(handle.taskId());
    }

    @Override
    public void close() {}
  }

  /** A clock and scheduler on virtual time; tasks run in time order on the caller's thread. */
  static final class VirtualTime extends Clock implements Scheduler {
    private record Task(Instant at, long order, Runnable runnable) {}

    private final PriorityQueue<Task> queue =
        new PriorityQueue<>(
            (a, b) -> a.at.equals(b.at) ? Long.compare(a.order, b.order) : a.at.compareTo(b.at));
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private long order;

    @Override
    public void schedule(Runnable task, Duration delay) {
      queue.add(new Task(now.plus(delay), order++, task));
    }

    void runAll() {
      Task next;
      while ((next = queue.poll()) != null) {
        now = next.at;
        next.runnable.run();
      }
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
