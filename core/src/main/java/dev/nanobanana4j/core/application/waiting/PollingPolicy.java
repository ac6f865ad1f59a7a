package dev.nanobanana4j.core.application.waiting;

import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.ProviderInfo;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When to poll a job. Three policies:
 *
 * <ul>
 *   <li>{@link #adaptive()} (the client's default): where a status carries the vendor's estimate of
 *       the time left ({@link JobStatus.Running#estimatedRemaining()}), polls a little before it
 *       runs out; otherwise learns how long the provider's jobs of each model take and polls at the
 *       times that, over the jobs seen, notice completion soonest for a set number of polls per job
 *       (see {@link #adaptive(double)}). Until it has seen enough jobs, it follows the vendor's
 *       guidance;
 *   <li>{@link #vendorGuidance()}: the vendor's documented first delay and interval ({@link
 *       ProviderInfo#firstPollDelay()}, {@link ProviderInfo#pollInterval()});
 *   <li>{@link #fixed}: a fixed first delay and interval, whatever the vendor.
 * </ul>
 *
 * <p>An adaptive policy keeps what it learned for as long as the client lives: a bounded window of
 * recent completion times per provider and model, never anything per job. It is safe for concurrent
 * use. The figures it gives against a fixed interval are in the benchmarks module's README ({@code
 * PollScheduleLoad}).
 */
public final class PollingPolicy {
  /** The adaptive policy's default number of polls per job, where no estimate is given. */
  public static final double DEFAULT_POLLS_PER_JOB = 5;

  private static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  private static final Duration MAX_INTERVAL = Duration.ofSeconds(60);
  private static final int WINDOW = 256;
  private static final int MIN_SAMPLES = 20;

  /** The points a job seen to end between two polls stands for; see {@link #spread}. */
  private static final int SPREAD = 4;

  /** The learned schedule is computed again after this many more completions. */
  private static final int RESCHEDULE_EVERY = 128;

  /**
   * Estimates are followed for this share of the time they give: one that is too long would delay
   * the notice by all its excess, one that is too short costs a poll that brings a fresh estimate.
   */
  private static final double ESTIMATE_SHARE = 0.7;

  /** Vendors round estimates down to whole seconds: poll this much after the estimate. */
  private static final Duration ESTIMATE_MARGIN = Duration.ofSeconds(1);

  private final Duration firstPoll;
  private final Duration interval;
  private final double pollsPerJob;
  private final Map<ModelKey, CompletionTimes> learned;

  private PollingPolicy(Duration firstPoll, Duration interval, double pollsPerJob) {
    this.firstPoll = firstPoll;
    this.interval = interval;
    this.pollsPerJob = pollsPerJob;
    this.learned = pollsPerJob > 0 ? new ConcurrentHashMap<>() : Map.of();
  }

  /** Follow each vendor's documented polling guidance. */
  public static PollingPolicy vendorGuidance() {
    return new PollingPolicy(null, null, 0);
  }

  /** Poll first after {@code firstPoll}, then every {@code interval}, whatever the vendor. */
  public static PollingPolicy fixed(Duration firstPoll, Duration interval) {
    Objects.requireNonNull(firstPoll, "firstPoll == null");
    Objects.requireNonNull(interval, "interval == null");
    if (firstPoll.isNegative() || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException(
          "firstPoll must not be negative and interval must be positive");
    }
    return new PollingPolicy(firstPoll, interval, 0);
  }

  /** Adaptive polling with {@link #DEFAULT_POLLS_PER_JOB}. */
  public static PollingPolicy adaptive() {
    return adaptive(DEFAULT_POLLS_PER_JOB);
  }

  /**
   * Adaptive polling. Where no estimate of the time left is given and at least 20 completions have
   * been seen, polls are placed at the times that would have noticed the last 256 completions
   * soonest on average, making at most {@code pollsPerJob} polls per job over them (a dynamic
   * program over a grid of the seen durations, recomputed every 32 completions). Between 1 and 60
   * seconds apart; past the longest job seen, the vendor's interval.
   *
   * @param pollsPerJob at least 2; more means an earlier notice
   */
  public static PollingPolicy adaptive(double pollsPerJob) {
    if (!(pollsPerJob >= 2 && pollsPerJob <= 1000)) {
      throw new IllegalArgumentException("pollsPerJob must be in [2, 1000]: " + pollsPerJob);
    }
    return new PollingPolicy(null, null, pollsPerJob);
  }

  /**
   * Whether the policy learns from the jobs it sees end ({@link #adaptive}); else it ignores them.
   */
  public boolean learns() {
    return pollsPerJob > 0;
  }

  /** How long after submission to poll first, by the vendor's guidance or the fixed setting. */
  public Duration firstPoll(ProviderInfo provider) {
    return firstPoll != null ? firstPoll : provider.firstPollDelay();
  }

  /** How long between polls by the vendor's guidance or the fixed setting. */
  public Duration interval(ProviderInfo provider) {
    return interval != null ? interval : provider.pollInterval();
  }

  /** How long after submission to poll {@code handle} first. */
  public Duration firstPoll(ProviderInfo provider, JobHandle handle) {
    Duration guidance = firstPoll(provider);
    CompletionTimes times = pollsPerJob == 0 ? null : learned.get(key(provider, handle));
    long[] schedule = times == null ? null : times.schedule(pollsPerJob);
    if (schedule == null) {
      return guidance;
    }
    Duration start = clamp(Duration.ofMillis(schedule[0]));
    // A vendor that estimates the time left is asked early, then followed.
    return times.estimates && guidance.compareTo(start) < 0 ? guidance : start;
  }

  /** How long to wait before the next poll, {@code elapsed} after submission, given its status. */
  public Duration nextPoll(
      ProviderInfo provider, JobHandle handle, Duration elapsed, JobStatus status) {
    if (pollsPerJob == 0) {
      return interval(provider);
    }
    if (status instanceof JobStatus.Running running && running.estimatedRemaining().isPresent()) {
      learned.computeIfAbsent(key(provider, handle), k -> new CompletionTimes()).estimates = true;
      long estimate = running.estimatedRemaining().get().toMillis();
      return clamp(Duration.ofMillis(Math.round(estimate * ESTIMATE_SHARE)).plus(ESTIMATE_MARGIN));
    }
    CompletionTimes times = learned.get(key(provider, handle));
    long[] schedule = times == null ? null : times.schedule(pollsPerJob);
    long now = elapsed.toMillis();
    if (schedule == null || now >= schedule[schedule.length - 1]) {
      return interval(provider); // not learned yet, or later than every job seen
    }
    // The poll just made stands for the schedule's poll nearest to it, and the next is the one
    // after that. The schedule is learned again as jobs end, so a job may have been polled on an
    // earlier one: taking the next time after now could follow its last poll by a fraction of a
    // gap, a poll spent for little.
    int k = Arrays.binarySearch(schedule, now);
    int next;
    if (k >= 0) {
      next = k + 1;
    } else {
      int after = -k - 1; // schedule[after] > now, and schedule[after - 1] < now if after > 0
      long before = after == 0 ? 0 : schedule[after - 1]; // the submission, before the first
      boolean nearerAfter = schedule[after] - now < now - before;
      next = nearerAfter ? after + 1 : after;
    }
    if (next >= schedule.length) {
      return interval(provider);
    }
    return clamp(Duration.ofMillis(schedule[next] - now));
  }

  /**
   * Records that a job ended between {@code lastRunning} and {@code noticed} after submission (the
   * last poll that found it unfinished and the one that found it done).
   */
  public void completed(
      ProviderInfo provider, JobHandle handle, Duration lastRunning, Duration noticed) {
    completed(provider, handle, lastRunning, noticed, 0, false);
  }

  /**
   * As above, with the polls the job took; {@code onSchedule} says whether it was polled on the
   * learned schedule from the start, so that its polls tell how well the schedule keeps to its
   * polls per job.
   */
  public void completed(
      ProviderInfo provider,
      JobHandle handle,
      Duration lastRunning,
      Duration noticed,
      int polls,
      boolean onSchedule) {
    if (pollsPerJob > 0) {
      CompletionTimes times =
          learned.computeIfAbsent(key(provider, handle), k -> new CompletionTimes());
      times.add(lastRunning.toMillis(), noticed.toMillis());
      if (onSchedule) {
        times.polled(polls);
      }
    }
  }

  /** Whether a job submitted now is polled on a learned schedule (not on estimates or guidance). */
  public boolean onSchedule(ProviderInfo provider, JobHandle handle) {
    CompletionTimes times = pollsPerJob == 0 ? null : learned.get(key(provider, handle));
    return times != null && !times.estimates && times.schedule(pollsPerJob) != null;
  }

  /** How many completions the policy has learned from for the handle's provider and model. */
  public int learnedCount(ProviderInfo provider, JobHandle handle) {
    CompletionTimes times = learned.get(key(provider, handle));
    return times == null ? 0 : times.count();
  }

  private static Duration clamp(Duration d) {
    if (d.compareTo(MIN_INTERVAL) < 0) {
      return MIN_INTERVAL;
    }
    return d.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : d;
  }

  private static ModelKey key(ProviderInfo provider, JobHandle handle) {
    return new ModelKey(provider.id(), handle.attributes().getOrDefault(JobHandle.MODEL, ""));
  }

  /** A provider's model, whose jobs are learned together. */
  private record ModelKey(String providerId, String model) {}

  /** A window of the latest completion times, in milliseconds, and the schedule they give. */
  private static final class CompletionTimes {
    private final long[] from = new long[WINDOW];
    private final long[] to = new long[WINDOW];
    private int count;
    private int next;
    private int sinceSchedule;
    private long[] schedule;
    private double correction = 1;
    private double pollsSeen;
    private int jobsSeen;

    /** Whether this provider's statuses carry an estimate of the time left. */
    volatile boolean estimates;

    /** A job ended between {@code fromMillis} and {@code toMillis} after submission. */
    synchronized void add(long fromMillis, long toMillis) {
      from[next] = Math.min(fromMillis, toMillis);
      to[next] = toMillis;
      next = (next + 1) % WINDOW;
      count = Math.min(count + 1, WINDOW);
      sinceSchedule++;
    }

    /** A job polled on the schedule from the start took {@code polls} polls. */
    synchronized void polled(int polls) {
      pollsSeen += polls;
      jobsSeen++;
    }

    synchronized int count() {
      return count;
    }

    /** The poll times, or null until enough completions have been seen. */
    synchronized long[] schedule(double pollsPerJob) {
      if (count < MIN_SAMPLES) {
        return null;
      }
      if (schedule == null || sinceSchedule >= RESCHEDULE_EVERY) {
        // The schedule is optimised for the jobs seen; the next ones differ. Where they took more
        // (or fewer) polls than asked, aim lower (or higher) next time.
        if (jobsSeen >= RESCHEDULE_EVERY) {
          double realized = pollsSeen / jobsSeen;
          correction = Math.max(0.5, Math.min(2, correction * Math.sqrt(pollsPerJob / realized)));
          pollsSeen = 0;
          jobsSeen = 0;
        }
        long[] sorted = spread(from, to, count);
        schedule =
            PollSchedule.optimal(
                sorted,
                Math.max(1, pollsPerJob * correction),
                MIN_INTERVAL.toMillis(),
                MAX_INTERVAL.toMillis());
        sinceSchedule = 0;
      }
      return schedule;
    }
  }

  /**
   * Where the jobs ended, as the schedule is computed from them. A job seen to end between two
   * polls could have ended anywhere between them: it stands for {@link #SPREAD} points inside that
   * span, placed as a lognormal fitted to all the jobs would place them (denser towards the span's
   * end nearer the median), rather than for one point in its middle. Placing each job at the middle
   * of its span would teach the schedule the very times it already polls at, and the wider the gaps
   * (the fewer the polls), the worse the schedule it would learn. A job whose vendor reported its
   * duration is one exact time, repeated. Ascending.
   */
  static long[] spread(long[] from, long[] to, int count) {
    double[] moments = PollSchedule.logMoments(count, j -> (from[j] + to[j]) / 2.0);
    double mean = moments[0];
    double sd = Math.max(0.05, moments[1]);
    long[] points = new long[count * SPREAD];
    for (int j = 0; j < count; j++) {
      long lo = from[j];
      long hi = to[j];
      double a = lo <= 0 ? 0 : PollSchedule.normalCdf((Math.log(lo) - mean) / sd);
      double b = PollSchedule.normalCdf((Math.log(Math.max(1, hi)) - mean) / sd);
      for (int k = 0; k < SPREAD; k++) {
        double share = (2.0 * k + 1) / (2.0 * SPREAD);
        long point;
        if (hi - lo < 2 || b - a < 1e-9) {
          point = lo + Math.round((hi - lo) * share); // too narrow, or too far out, to shape
        } else {
          double z = inverseNormalCdf(a + (b - a) * share);
          point = Math.max(lo, Math.min(hi, Math.round(Math.exp(mean + sd * z))));
        }
        points[j * SPREAD + k] = point;
      }
    }
    Arrays.sort(points);
    return points;
  }

  /** The standard normal quantile of {@code p}, by bisection on {@link PollSchedule#normalCdf}. */
  private static double inverseNormalCdf(double p) {
    double low = -9;
    double high = 9;
    for (int i = 0; i < 50; i++) {
      double mid = (low + high) / 2;
      if (PollSchedule.normalCdf(mid) < p) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return (low + high) / 2;
  }

  @Override
  public String toString() {
    if (pollsPerJob > 0) {
      return "PollingPolicy{adaptive, " + pollsPerJob + " polls per job}";
    }
    return firstPoll == null
        ? "PollingPolicy{vendor guidance}"
        : "PollingPolicy{first=" + firstPoll + ", every=" + interval + "}";
  }
}
