package dev.nanobanana4j.core.application.waiting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.application.Fixtures;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.ProviderInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PollingPolicyTest {
  private final ProviderInfo provider = Fixtures.info("acme"); // guidance: 10 s, then every 10 s
  private final JobHandle handle =
      JobHandle.of("acme", "t-1", Instant.EPOCH, Map.of(JobHandle.MODEL, "model-1"));
  private final JobHandle otherModel =
      JobHandle.of("acme", "t-2", Instant.EPOCH, Map.of(JobHandle.MODEL, "model-2"));

  @Test
  void until_it_has_learned_the_adaptive_policy_follows_the_vendor() {
    PollingPolicy policy = PollingPolicy.adaptive();
    learn(policy, handle, 19, 100); // one short of enough
    assertEquals(secs(10), policy.firstPoll(provider, handle));
    assertEquals(secs(10), policy.nextPoll(provider, handle, secs(10), new JobStatus.Running()));
  }

  @Test
  void a_vendor_estimate_of_the_time_left_is_followed_within_bounds() {
    PollingPolicy policy = PollingPolicy.adaptive();
    // 70% of the estimate plus a second, for estimates rounded down to whole seconds.
    assertEquals(Duration.ofMillis(15_000), next(policy, JobStatus.Running.endingIn(secs(20))));
    assertEquals(secs(1), next(policy, JobStatus.Running.endingIn(Duration.ZERO)));
    assertEquals(secs(60), next(policy, JobStatus.Running.endingIn(secs(3600))));
  }

  @Test
  void fixed_and_vendor_policies_ignore_estimates_and_learn_nothing() {
    PollingPolicy fixed = PollingPolicy.fixed(secs(2), secs(3));
    PollingPolicy vendor = PollingPolicy.vendorGuidance();
    learn(fixed, handle, 100, 30);
    learn(vendor, handle, 100, 30);
    assertEquals(secs(2), fixed.firstPoll(provider, handle));
    assertEquals(secs(3), next(fixed, JobStatus.Running.endingIn(secs(17))));
    assertEquals(secs(10), next(vendor, JobStatus.Running.endingIn(secs(17))));
    assertEquals(0, fixed.learnedCount(provider, handle));
    assertFalse(fixed.learns());
    assertFalse(vendor.learns());
    assertTrue(PollingPolicy.adaptive().learns());
  }

  @Test
  void having_learned_completion_times_it_polls_on_the_schedule_they_give() {
    PollingPolicy policy = PollingPolicy.adaptive(4);
    // 100 jobs seen, ending at 21 s, 22 s, ... 120 s (each noticed within 0.25 s either side).
    long[] from = new long[100];
    long[] to = new long[100];
    for (int i = 1; i <= 100; i++) {
      long end = 20_000 + i * 1000;
      from[i - 1] = end - 250;
      to[i - 1] = end + 250;
      policy.completed(provider, handle, millis(end - 250), millis(end + 250));
    }
    assertEquals(100, policy.learnedCount(provider, handle));
    long[] seen = PollingPolicy.spread(from, to, 100);
    assertEquals(400, seen.length, "each job stands for points inside the span it ended in");
    for (int i = 0; i < 100; i++) {
      for (int k = 0; k < 4; k++) {
        long point = seen[4 * i + k];
        assertTrue(point >= from[i] && point <= to[i], point + " outside job " + i + "'s span");
      }
    }
    long[] schedule = PollSchedule.optimal(seen, 4, 1000, 60_000);
    // Nothing ends in the first 20 s: the first poll skips them, unlike the vendor's 10 s.
    assertTrue(schedule[0] > 20_000, Arrays.toString(schedule));
    assertEquals(millis(schedule[0]), policy.firstPoll(provider, handle));
    for (int k = 0; k + 1 < schedule.length; k++) {
      assertEquals(
          millis(Math.max(1000, schedule[k + 1] - schedule[k])), // never under a second
          policy.nextPoll(provider, handle, millis(schedule[k]), new JobStatus.Running()));
    }
    // A poll made on an earlier schedule just before one of this schedule's times stands for it:
    // the next poll is the one after, not a fraction of a gap later.
    assertEquals(
        millis(schedule[2] - (schedule[1] - 300)),
        policy.nextPoll(provider, handle, millis(schedule[1] - 300), new JobStatus.Running()));
    // A queue position is no estimate of time: the schedule applies.
    assertEquals(
        millis(schedule[1] - schedule[0]),
        policy.nextPoll(
            provider, handle, millis(schedule[0]), new JobStatus.Queued(OptionalInt.of(3))));
    // A poll before the schedule's start waits for it; past every job seen, the vendor's interval.
    assertEquals(
        millis(schedule[0] - 5000),
        policy.nextPoll(provider, handle, secs(5), new JobStatus.Running()));
    long last = schedule[schedule.length - 1];
    assertTrue(last >= 120_000, "the schedule covers the longest job seen");
    assertEquals(
        secs(10), policy.nextPoll(provider, handle, millis(last), new JobStatus.Running()));
    // What is learned is per model.
    assertEquals(secs(10), policy.firstPoll(provider, otherModel));
  }

  @Test
  void for_a_vendor_that_estimates_the_first_poll_comes_early_to_read_the_estimate() {
    PollingPolicy policy = PollingPolicy.adaptive();
    learn(policy, handle, 100, 40);
    Duration learned = policy.firstPoll(provider, handle);
    assertTrue(
        learned.compareTo(secs(30)) > 0 && learned.compareTo(secs(41)) < 0, learned::toString);
    policy.nextPoll(provider, handle, secs(40), JobStatus.Running.endingIn(secs(5)));
    assertEquals(secs(10), policy.firstPoll(provider, handle)); // the vendor's first delay
  }

  @Test
  void the_window_keeps_the_latest_completions_only() {
    PollingPolicy policy = PollingPolicy.adaptive();
    learn(policy, handle, 300, 100);
    learn(policy, handle, 256, 5);
    assertEquals(256, policy.learnedCount(provider, handle));
    Duration first = policy.firstPoll(provider, handle);
    assertTrue(first.compareTo(secs(4)) > 0 && first.compareTo(secs(6)) < 0, first::toString);
  }

  @Test
  void a_job_whose_end_is_known_exactly_stands_for_that_time_alone() {
    long[] points = PollingPolicy.spread(new long[] {5000, 9000}, new long[] {5000, 9001}, 2);
    assertEquals(8, points.length);
    for (int k = 0; k < 4; k++) {
      assertEquals(5000, points[k], "an exact end, repeated");
      assertTrue(points[4 + k] == 9000 || points[4 + k] == 9001, "a span too narrow to shape");
    }
    // A wide span is spread inside itself, in order.
    long[] wide = PollingPolicy.spread(new long[] {10_000}, new long[] {20_000}, 1);
    for (int k = 0; k < 4; k++) {
      assertTrue(wide[k] > 10_000 && wide[k] < 20_000, java.util.Arrays.toString(wide));
      assertTrue(k == 0 || wide[k] > wide[k - 1], java.util.Arrays.toString(wide));
    }
  }

  @Test
  void polls_per_job_outside_two_to_a_thousand_are_refused() {
    assertThrows(IllegalArgumentException.class, () -> PollingPolicy.adaptive(1.9));
    assertThrows(IllegalArgumentException.class, () -> PollingPolicy.adaptive(1001));
    assertThrows(IllegalArgumentException.class, () -> PollingPolicy.adaptive(Double.NaN));
  }

  /** Records {@code jobs} completions at {@code seconds} after submission. */
  private void learn(PollingPolicy policy, JobHandle job, int jobs, long seconds) {
    for (int i = 0; i < jobs; i++) {
      policy.completed(
          provider, job, secs(seconds).minusMillis(500), secs(seconds).plusMillis(500));
    }
  }

  private Duration next(PollingPolicy policy, JobStatus status) {
    return policy.nextPoll(provider, handle, secs(5), status);
  }

  private static Duration secs(long s) {
    return Duration.ofSeconds(s);
  }

  private static Duration millis(long ms) {
    return Duration.ofMillis(ms);
  }
}
