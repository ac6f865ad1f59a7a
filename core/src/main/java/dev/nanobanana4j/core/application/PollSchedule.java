package dev.nanobanana4j.core.application;

import java.util.Arrays;

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
  private static final int MAX_GRID = 400;
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

  /** The seen durations on a grid of equal steps. */
  private static final class Grid {
    final int size;
    final long step;
    final long longest;
    final int shortestJump;
    final int longestJump;
    final int n;
    final long[] ended; // jobs ended by grid point i
    final double[] endedSum; // the sum of their durations

    Grid(long[] sorted, long minGap, long maxGap) {
      n = sorted.length;
      longest = Math.max(1, sorted[n - 1]);
      step = Math.max(MIN_STEP_MILLIS, (longest + MAX_GRID - 1) / MAX_GRID);
      size = (int) ((longest + step - 1) / step);
      shortestJump = (int) Math.max(1, (minGap + step - 1) / step);
      longestJump = (int) Math.max(shortestJump, maxGap / step);
      ended = new long[size + 1];
      endedSum = new double[size + 1];
      int k = 0;
      double sum = 0;
      for (int i = 0; i <= size; i++) {
        while (k < n && sorted[k] <= i * step) {
          sum += sorted[k++];
        }
        ended[i] = k;
        endedSum[i] = sum;
      }
    }

    /** The schedule that minimises mean delay plus {@code lambda} per poll. */
    long[] solve(double lambda) {
      double[] cost = new double[size + 1];
      int[] next = new int[size + 1];
      for (int i = size - 1; i >= 0; i--) {
        double running = (double) (n - ended[i]) / n;
        double best = Double.MAX_VALUE;
        int bestJ = size;
        int last = Math.min(size, i + longestJump);
        int first = Math.min(last, i + shortestJump);
        for (int j = first; j <= last; j++) {
          double delay =
              (j * step * (double) (ended[j] - ended[i]) - (endedSum[j] - endedSum[i])) / n;
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
        total += (double) (n - ended[i]) / n;
        previous = t;
      }
      return total;
    }
  }
}
