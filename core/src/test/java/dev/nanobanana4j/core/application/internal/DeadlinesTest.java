package dev.nanobanana4j.core.application.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.application.VirtualTime;
import dev.nanobanana4j.core.application.waiting.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeadlinesTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final VirtualTime time = new VirtualTime(START);
  private final Deadlines deadlines = new Deadlines(time, time);
  private final List<String> reached = new ArrayList<>();

  private final class Named extends Deadlines.Entry {
    final String name;

    Named(String name, Duration after) {
      super(START.plus(after));
      this.name = name;
    }

    @Override
    void deadlineReached() {
      reached.add(name + "@" + Duration.between(START, time.instant()).toSeconds());
    }
  }

  @Test
  void each_deadline_is_reached_at_its_time_in_deadline_order() {
    deadlines.add(new Named("c", Duration.ofSeconds(30)));
    deadlines.add(new Named("a", Duration.ofSeconds(10)));
    deadlines.add(new Named("b", Duration.ofSeconds(20)));
    time.advance(Duration.ofSeconds(9));
    assertEquals(List.of(), reached);
    time.advance(Duration.ofSeconds(1));
    assertEquals(List.of("a@10"), reached);
    time.advance(Duration.ofSeconds(30));
    assertEquals(List.of("a@10", "b@20", "c@30"), reached);
    assertEquals(0, deadlines.size());
  }

  @Test
  void an_earlier_deadline_added_later_is_reached_on_time() {
    deadlines.add(new Named("late", Duration.ofSeconds(60)));
    time.advance(Duration.ofSeconds(5));
    deadlines.add(new Named("soon", Duration.ofSeconds(10)));
    time.advance(Duration.ofSeconds(5));
    assertEquals(List.of("soon@10"), reached);
    time.advance(Duration.ofSeconds(50));
    assertEquals(List.of("soon@10", "late@60"), reached);
  }

  @Test
  void a_removed_deadline_is_never_reached_and_nothing_of_it_is_kept() {
    Named ended = new Named("ended", Duration.ofSeconds(10));
    deadlines.add(ended);
    deadlines.add(new Named("kept", Duration.ofSeconds(20)));
    deadlines.remove(ended);
    deadlines.remove(ended); // twice is harmless
    assertEquals(1, deadlines.size());
    time.advance(Duration.ofSeconds(30));
    assertEquals(List.of("kept@20"), reached);
  }

  @Test
  void removing_in_any_order_keeps_the_rest_in_deadline_order() {
    Random random = new Random(3);
    List<Named> all = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      Named entry = new Named("n" + i, Duration.ofSeconds(1 + random.nextInt(500)));
      all.add(entry);
      deadlines.add(entry);
    }
    List<Named> removed = new ArrayList<>(all);
    Collections.shuffle(removed, random);
    removed = removed.subList(0, 1500);
    removed.forEach(deadlines::remove);
    List<Named> left = new ArrayList<>(all);
    left.removeAll(removed);
    left.sort(Comparator.comparing((Named n) -> n.deadline));
    time.advance(Duration.ofSeconds(600));
    List<String> expected = new ArrayList<>();
    left.forEach(n -> expected.add(n.name + "@" + Duration.between(START, n.deadline).toSeconds()));
    // Entries sharing a deadline may come in any order among themselves.
    assertEquals(sortedBySecond(expected), sortedBySecond(reached));
    assertEquals(
        expected.stream().map(DeadlinesTest::second).toList(),
        reached.stream().map(DeadlinesTest::second).toList(),
        "in deadline order");
    assertEquals(0, deadlines.size());
  }

  @Test
  void one_failing_wait_does_not_keep_the_others_past_their_deadline() {
    deadlines.add(
        new Deadlines.Entry(START.plusSeconds(10)) {
          @Override
          void deadlineReached() {
            throw new IllegalStateException("boom");
          }
        });
    deadlines.add(new Named("other", Duration.ofSeconds(10)));
    time.advance(Duration.ofSeconds(10));
    assertEquals(List.of("other@10"), reached);
  }

  @Test
  void a_sweep_the_scheduler_runs_early_by_the_clock_plans_another() {
    Instant[] now = {START};
    List<Runnable> tasks = new ArrayList<>();
    Clock clock =
        new Clock() {
          @Override
          public Instant instant() {
            return now[0];
          }

          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }
        };
    Scheduler scheduler = (task, delay) -> tasks.add(task);
    Deadlines early = new Deadlines(scheduler, clock);
    early.add(new Named("x", Duration.ofSeconds(10)));
    assertEquals(1, tasks.size());
    now[0] = START.plusMillis(9_999); // the scheduler's clock ran ahead of this one
    tasks.remove(0).run();
    assertTrue(reached.isEmpty());
    assertEquals(1, tasks.size(), "the sweep planned another for the deadline it did not reach");
    now[0] = START.plusSeconds(10);
    tasks.remove(0).run();
    assertEquals(1, reached.size());
    assertEquals(0, early.size());
  }

  @Test
  void cleared_deadlines_are_forgotten_and_the_heap_shrinks_as_waits_end() {
    List<Named> many = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Named entry = new Named("n" + i, Duration.ofSeconds(10 + i));
      many.add(entry);
      deadlines.add(entry);
    }
    for (int i = 0; i < 290; i++) {
      deadlines.remove(many.get(i));
    }
    assertEquals(10, deadlines.size());
    deadlines.clear();
    assertEquals(0, deadlines.size());
    deadlines.remove(many.get(295)); // already forgotten: nothing happens
    time.advance(Duration.ofMinutes(10));
    assertTrue(reached.isEmpty(), reached::toString);
  }

  @Test
  void a_deadline_beyond_a_century_is_planned_a_century_ahead() {
    List<Duration> delays = new ArrayList<>();
    Deadlines far = new Deadlines((task, delay) -> delays.add(delay), time);
    far.add(new Named("far", Duration.ofDays(365L * 500)));
    assertEquals(List.of(Duration.ofDays(365 * 100)), delays);
    far.add(new Named("later", Duration.ofDays(365L * 600)));
    assertEquals(1, delays.size(), "a later deadline plans no earlier sweep");
  }

  private static List<String> sortedBySecond(List<String> names) {
    List<String> sorted = new ArrayList<>(names);
    Collections.sort(sorted);
    return sorted;
  }

  private static String second(String reachedAt) {
    return reachedAt.substring(reachedAt.indexOf('@'));
  }
}
