package dev.nanobanana4j.core.application.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PollQueueTest {
  private final List<String> started = new ArrayList<>();
  private final Set<String> ended = new HashSet<>();
  private final PollQueue<String> queue =
      new PollQueue<>(2, poll -> !ended.contains(poll), started::add);

  @Test
  void polls_start_at_once_while_slots_are_free_and_wait_in_order_after() {
    queue.offer("a");
    queue.offer("b");
    queue.offer("c");
    queue.offer("d");
    assertEquals(List.of("a", "b"), started);
    assertEquals(2, queue.busy());
    assertEquals(2, queue.waiting());
    assertEquals("c", queue.release());
    assertEquals("d", queue.release());
    assertEquals(2, queue.busy(), "each released slot went to the next poll");
    assertNull(queue.release());
    assertNull(queue.release());
    assertEquals(0, queue.busy());
    queue.offer("e");
    assertEquals(List.of("a", "b", "e"), started, "a free slot starts a poll at once");
  }

  @Test
  void a_poll_whose_wait_ended_while_it_waited_is_skipped() {
    queue.offer("a");
    queue.offer("b");
    queue.offer("c");
    queue.offer("d");
    ended.add("c");
    assertEquals("d", queue.release());
    assertNull(queue.release());
    assertEquals(1, queue.busy());
    assertEquals(0, queue.waiting());
  }

  @Test
  void a_queue_needs_a_slot() {
    assertThrows(
        IllegalArgumentException.class, () -> new PollQueue<String>(0, p -> true, p -> {}));
  }
}
