package dev.nanobanana4j.core.application.waiting;

import static dev.nanobanana4j.core.application.Fixtures.cause;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.nanobanana4j.core.application.Fixtures;
import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.application.VirtualTime;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.error.JobTimeoutException;
import dev.nanobanana4j.core.port.ClientObserver;
import dev.nanobanana4j.core.port.ImageProvider;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Due polls wait for one of the provider's {@code maxConcurrentRequests} slots in the client's own
 * queue: the vendor never sees more calls at once, and no wait outlives its deadline in the queue.
 */
class PollSlotsTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final JobStatus SUCCEEDED =
      new JobStatus.Succeeded(
          List.of(GeneratedImage.ofUrl(URI.create("https://cdn.example/1.png"), "image/png")));

  private final VirtualTime time = new VirtualTime(START);
  private final List<CompletableFuture<JobStatus>> calls = new ArrayList<>();
  private final List<JobHandle> polled = new ArrayList<>();

  /** A provider with two slots whose status calls stay open until the test completes them. */
  private NanoBananaClient client() {
    ImageProvider provider = mock(ImageProvider.class);
    when(provider.info()).thenReturn(Fixtures.info("fake"));
    when(provider.id()).thenReturn("fake");
    when(provider.maxConcurrentRequests()).thenReturn(2);
    when(provider.status(any()))
        .thenAnswer(
            invocation -> {
              polled.add(invocation.getArgument(0));
              CompletableFuture<JobStatus> call = new CompletableFuture<>();
              calls.add(call);
              return call;
            });
    return NanoBananaClient.builder()
        .provider(provider)
        .clock(time)
        .scheduler(time)
        .random(() -> 0.5)
        .observer(mock(ClientObserver.class, CALLS_REAL_METHODS))
        .pollingPolicy(PollingPolicy.fixed(Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .build();
  }

  private List<CompletableFuture<JobStatus>> await(
      NanoBananaClient client, int jobs, Duration timeout) {
    List<CompletableFuture<JobStatus>> waits = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      waits.add(
          client.await(JobHandle.of("fake", "task-" + i, START), AwaitOptions.timeout(timeout)));
    }
    return waits;
  }

  @Test
  void five_due_polls_make_two_calls_and_the_rest_follow_as_slots_free() {
    List<CompletableFuture<JobStatus>> waits = await(client(), 5, Duration.ofMinutes(5));
    time.advance(Duration.ofSeconds(1));
    assertEquals(2, calls.size(), "two slots, two calls in flight");
    calls.get(0).complete(SUCCEEDED);
    time.advance(Duration.ZERO);
    assertEquals(3, calls.size(), "the freed slot went to the next due poll");
    assertEquals("task-2", polled.get(2).taskId(), "in the order they fell due");
    calls.get(1).complete(SUCCEEDED);
    calls.get(2).complete(SUCCEEDED);
    time.advance(Duration.ZERO);
    assertEquals(5, calls.size());
    calls.get(3).complete(SUCCEEDED);
    calls.get(4).complete(SUCCEEDED);
    for (CompletableFuture<JobStatus> wait : waits) {
      assertSame(SUCCEEDED, wait.join());
    }
  }

  @Test
  void a_wait_whose_poll_is_still_queued_at_its_deadline_times_out_on_time() {
    NanoBananaClient client = client();
    await(client, 2, Duration.ofMinutes(5)); // take both slots, and never answer
    CompletableFuture<JobStatus> queued =
        client.await(
            JobHandle.of("fake", "late", START), AwaitOptions.timeout(Duration.ofSeconds(30)));
    time.advance(Duration.ofSeconds(29));
    assertFalse(queued.isDone());
    time.advance(Duration.ofSeconds(1));
    assertInstanceOf(JobTimeoutException.class, cause(queued));
    assertEquals(2, calls.size(), "its poll never reached the vendor");
    calls.get(0).complete(SUCCEEDED);
    time.advance(Duration.ZERO);
    assertEquals(2, calls.size(), "an ended wait's queued poll is skipped");
  }

  @Test
  void a_wait_cancelled_by_its_caller_gives_its_turn_to_the_next() {
    NanoBananaClient client = client();
    List<CompletableFuture<JobStatus>> waits = await(client, 4, Duration.ofMinutes(5));
    time.advance(Duration.ofSeconds(1));
    waits.get(2).cancel(false);
    calls.get(0).complete(SUCCEEDED);
    time.advance(Duration.ZERO);
    assertEquals(3, calls.size());
    assertEquals("task-3", polled.get(2).taskId());
  }
}
