package dev.nanobanana4j.core.application.waiting;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * The poll times that notice jobs soonest for a given number of polls, computed from completion
 * times seen before.
 *
 * <p>On a grid over the seen durations, a dynamic program picks the poll times that minimise the
 * mean delay between a job's end and the poll that finds it done, plus {@code λ} for each poll
 * made; {@code λ} is searched so that the mean number of polls per job comes closest to the target
 * without passing it. Polls are made only while a job is unfinished, so a poll after time {@code t}
 * costs the share of jobs still running at {@code t}.
 */
final class PollSchedule {
  private static final int MAX_GRID = 1500;
  private static final long MIN_STEP_MILLIS = 250;
  private static final int SEARCH_ROUNDS = 40;

  private PollSchedule() {}

  /**
   * The poll times, in milliseconds after submission, ascending; the last is at or after the
   * longest duration seen.
   *
   * @param sorted completion times seen, in milliseconds, ascending, at least one
   * @param pollsPerJob the mean number of polls per job to aim for
   * @param minGap the shortest time between polls, in milliseconds
   * @param maxGap the longest time between polls (and before the first), in milliseconds
   */
  static long[] optimal(long[] sorted, double pollsPerJob, long minGap, long maxGap) {
    Grid grid = new Grid(sorted, minGap, maxGap);
    long[] best = grid.solve(Double.MAX_VALUE / 4); // the fewest polls the gaps allow
    double low = 0;
    double high = grid.longest * 16.0;
    for (int round = 0; round < SEARCH_ROUNDS; round++) {
      double lambda = (low + high) / 2;
      long[] times = grid.solve(lambda);
      if (grid.polls(times) <= pollsPerJob) {
        best = times;
        high = lambda;
      } else {
        low = lambda;
      }
    }
    return best;
  }

  /** The standard normal distribution function (Abramowitz and Stegun 7.1.26, error < 1.5e-7). */
  static double normalCdf(double z) {
    double x = Math.abs(z) / Math.sqrt(2);
    double t = 1 / (1 + 0.3275911 * x);
    double erf =
        1
            - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
                    + 0.254829592)
                * t
                * Math.exp(-x * x);
    return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
  }

  /**
   * The mean and the sample standard deviation of the natural logs of {@code count} durations in
   * milliseconds, each taken as at least 1.
   */
  static double[] logMoments(int count, IntToDoubleFunction millis) {
    double mean = 0;
    for (int i = 0; i < count; i++) {
      mean += Math.log(Math.max(1, millis.applyAsDouble(i)));
    }
    mean /= count;
    double variance = 0;
    for (int i = 0; i < count; i++) {
      double x = Math.log(Math.max(1, millis.applyAsDouble(i))) - mean;
      variance += x * x;
    }
    return new double[] {mean, Math.sqrt(variance / Math.max(1, count - 1))};
  }

  /** Mean polls per job of a schedule over the seen completion times. */
  static double polls(long[] sorted, long[] times) {
    double total = 0;
    for (long d : sorted) {
      int k = 0;
      while (k < times.length - 1 && times[k] < d) {
        k++;
      }
      total += k + 1;
    }
    return total / sorted.length;
  }

  /**
   * The seen durations, smoothed, on a grid of equal steps. Each duration stands for a lognormal
   * kernel around it (Silverman's bandwidth in log space): optimising against the raw samples would
   * fit the schedule to those very samples, placing polls just after clusters that the next jobs
   * will not repeat.
   */
  private static final class Grid {
    final int size;
    final long step;
    final long longest;
    final int shortestJump;
    final int longestJump;
    final double n;
    final double[] ended; // expected jobs ended by grid point i
    final double[] endedSum; // the expected sum of their durations

    Grid(long[] sorted, long minGap, long maxGap) {
      int count = sorted.length;
      n = count;
      double bandwidth = bandwidth(sorted);
      // Cover the kernels' tails too: three bandwidths past the longest job seen.
      longest = (long) Math.ceil(Math.max(1, sorted[count - 1]) * Math.exp(3 * bandwidth));
      step = Math.max(MIN_STEP_MILLIS, (longest + MAX_GRID - 1) / MAX_GRID);
      size = (int) ((longest + step - 1) / step);
      shortestJump = (int) Math.max(1, (minGap + step - 1) / step);
      longestJump = (int) Math.max(shortestJump, maxGap / step);
      ended = new double[size + 1];
      endedSum = new double[size + 1];
      double spread = Math.exp(bandwidth * bandwidth / 2);
      for (int i = 1; i <= size; i++) {
        double logT = Math.log((double) i * step);
        double e = 0;
        double sum = 0;
        for (long d : sorted) {
          double z = (logT - Math.log(Math.max(1, d))) / bandwidth;
          e += normalCdf(z);
          // E[X; X <= t] for X = d * exp(bandwidth * Z)
          sum += d * spread * normalCdf(z - bandwidth);
        }
        ended[i] = e;
        endedSum[i] = sum;
      }
    }

    /** Silverman's rule on the log durations, at least 0.05. */
    private static double bandwidth(long[] sorted) {
      double sd = logMoments(sorted.length, i -> sorted[i])[1];
      return Math.max(0.05, 1.06 * sd * Math.pow(sorted.length, -0.2));
    }

    /** The schedule that minimises mean delay plus {@code lambda} per poll. */
    long[] solve(double lambda) {
      double[] cost = new double[size + 1];
      int[] next = new int[size + 1];
      for (int i = size - 1; i >= 0; i--) {
        double running = (n - ended[i]) / n;
        double best = Double.MAX_VALUE;
        int bestJ = size;
        int last = Math.min(size, i + longestJump);
        int first = Math.min(last, i + shortestJump);
        for (int j = first; j <= last; j++) {
          double delay =
              ((double) j * step * (ended[j] - ended[i]) - (endedSum[j] - endedSum[i])) / n;
          double c = lambda * running + delay + cost[j];
          if (c < best) {
            best = c;
            bestJ = j;
          }
        }
        cost[i] = best;
        next[i] = bestJ;
      }
      long[] times = new long[size];
      int count = 0;
      for (int i = next[0]; ; i = next[i]) {
        times[count++] = i * step;
        if (i >= size) {
          break;
        }
      }
      return Arrays.copyOf(times, count);
    }

    /** Mean polls per job: a poll is made while the job has not been found done. */
    double polls(long[] times) {
      double total = 0;
      long previous = 0;
      for (long t : times) {
        int i = (int) (previous / step);
        total += (n - ended[i]) / n;
        previous = t;
      }
      return total;
    }
  }
}
