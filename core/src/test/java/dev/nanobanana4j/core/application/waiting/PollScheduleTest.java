package dev.nanobanana4j.core.application.waiting;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PollScheduleTest {
  @Test
  void jobs_that_all_take_the_same_time_are_found_soon_after_it_with_few_polls() {
    long[] seen = new long[50];
    Arrays.fill(seen, 30_000);
    long[] times = PollSchedule.optimal(seen, 3, 1000, 60_000);
    assertTrue(PollSchedule.polls(seen, times) <= 3.05, Arrays.toString(times));
    assertTrue(delay(seen, times) < 3_000, Arrays.toString(times));
  }

  @Test
  void the_schedule_covers_the_longest_job_and_no_gap_is_longer_than_allowed() {
    long[] seen = new long[50];
    Arrays.fill(seen, 150_000);
    long[] times = PollSchedule.optimal(seen, 5, 1000, 60_000);
    assertTrue(times[times.length - 1] >= 150_000, Arrays.toString(times));
    long previous = 0;
    for (long t : times) {
      assertTrue(t - previous <= 60_000 && t - previous >= 1000, Arrays.toString(times));
      previous = t;
    }
  }

  @Test
  void the_schedule_keeps_to_the_polls_per_job_and_more_polls_notice_sooner() {
    long[] seen = lognormal(256, 40_000, 0.6, new Random(1));
    long[] few = PollSchedule.optimal(seen, 3, 1000, 60_000);
    long[] many = PollSchedule.optimal(seen, 8, 1000, 60_000);
    assertTrue(PollSchedule.polls(seen, few) <= 3.05, () -> "" + PollSchedule.polls(seen, few));
    assertTrue(PollSchedule.polls(seen, many) <= 8.05, () -> "" + PollSchedule.polls(seen, many));
    assertTrue(delay(seen, many) < delay(seen, few));
    // Against polling every 10 s, for the same polls: sooner.
    long[] fixed = new long[30];
    for (int i = 0; i < fixed.length; i++) {
      fixed[i] = (i + 1) * 10_000L;
    }
    long[] same = PollSchedule.optimal(seen, PollSchedule.polls(seen, fixed), 1000, 60_000);
    assertTrue(delay(seen, same) < 0.9 * delay(seen, fixed));
  }

  private static double delay(long[] seen, long[] times) {
    double total = 0;
    for (long d : seen) {
      long found = Arrays.stream(times).filter(t -> t >= d).findFirst().orElse(d);
      total += found - d;
    }
    return total / seen.length;
  }

  private static long[] lognormal(int n, long median, double sigma, Random random) {
    long[] d = new long[n];
    for (int i = 0; i < n; i++) {
      d[i] = Math.round(median * Math.exp(sigma * random.nextGaussian()));
    }
    Arrays.sort(d);
    return d;
  }
}
