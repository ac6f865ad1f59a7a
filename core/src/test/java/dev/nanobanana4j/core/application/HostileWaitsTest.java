package dev.nanobanana4j.core.application;

import static dev.nanobanana4j.core.application.Fixtures.cause;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.nanobanana4j.core.application.internal.JobWatcher;
import dev.nanobanana4j.core.application.waiting.AwaitOptions;
import dev.nanobanana4j.core.domain.CancelResult;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.GenerationResult;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.error.JobTimeoutException;
import dev.nanobanana4j.core.port.CancellationPort;
import dev.nanobanana4j.core.port.ImageProvider;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Every wait ends by its deadline, whatever the vendor or the client's own parts do. */
class HostileWaitsTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final JobStatus SUCCEEDED =
      new JobStatus.Succeeded(
          List.of(GeneratedImage.ofUrl(URI.create("https://cdn.example/1.png"), "image/png")));

  private final VirtualTime time = new VirtualTime(START);
  private final JobHandle handle = JobHandle.of("fake", "task-1", START);

  private ImageProvider provider(Class<?>... extra) {
    ImageProvider provider =
        extra.length == 0
            ? mock(ImageProvider.class)
            : mock(ImageProvider.class, withSettings().extraInterfaces(extra));
    when(provider.info()).thenReturn(Fixtures.info("fake"));
    when(provider.id()).thenReturn("fake");
    return provider;
  }

  private NanoBananaClient client(ImageProvider provider) {
    return NanoBananaClient.builder()
        .provider(provider)
        .clock(time)
        .scheduler(time)
        .random(() -> 0.5)
        .observer(mock(dev.nanobanana4j.core.port.ClientObserver.class, CALLS_REAL_METHODS))
        .defaultTimeout(Duration.ofMinutes(2))
        .build();
  }

  @Test
  void a_poll_that_never_answers_ends_at_the_deadline_and_is_cancelled() {
    ImageProvider provider = provider();
    CompletableFuture<JobStatus> hung = new CompletableFuture<>();
    when(provider.status(handle)).thenReturn(hung);
    CompletableFuture<JobStatus> result =
        client(provider)
            .await(
                handle, AwaitOptions.timeout(Duration.ofSeconds(25)).withCancelAtDeadline(false));
    time.advance(Duration.ofSeconds(24));
    assertFalse(result.isDone());
    time.advance(Duration.ofSeconds(1));
    JobTimeoutException e = assertInstanceOf(JobTimeoutException.class, cause(result));
    assertEquals(handle, e.handle());
    assertTrue(hung.isCancelled(), "the poll in flight is cancelled");
    verify(provider, times(1)).status(handle);
  }

  @Test
  void a_cancel_at_the_deadline_that_never_answers_holds_the_wait_only_a_few_seconds() {
    ImageProvider provider = provider(CancellationPort.class);
    when(provider.status(handle)).thenReturn(new CompletableFuture<>());
    when(((CancellationPort) provider).cancel(any())).thenReturn(new CompletableFuture<>());
    CompletableFuture<JobStatus> result =
        client(provider).await(handle, AwaitOptions.timeout(Duration.ofSeconds(25)));
    time.advance(Duration.ofSeconds(25));
    verify((CancellationPort) provider).cancel(handle);
    assertFalse(result.isDone());
    time.advance(JobWatcher.CANCEL_GRACE.minusMillis(1));
    assertFalse(result.isDone());
    time.advance(Duration.ofMillis(1));
    JobTimeoutException e = assertInstanceOf(JobTimeoutException.class, cause(result));
    assertFalse(e.cancellationRequested());
  }

  @Test
  void an_answered_cancel_at_the_deadline_says_so() {
    ImageProvider provider = provider(CancellationPort.class);
    when(provider.status(handle)).thenReturn(new CompletableFuture<>());
    when(((CancellationPort) provider).cancel(any()))
        .thenReturn(CompletableFuture.completedFuture(CancelResult.REQUESTED));
    CompletableFuture<JobStatus> result =
        client(provider).await(handle, AwaitOptions.timeout(Duration.ofSeconds(25)));
    time.advance(Duration.ofSeconds(25));
    assertTrue(assertInstanceOf(JobTimeoutException.class, cause(result)).cancellationRequested());
    time.advance(Duration.ofMinutes(1));
    verify((CancellationPort) provider, times(1)).cancel(handle);
  }

  @Test
  void a_listener_that_throws_changes_nothing() {
    ImageProvider provider = provider();
    when(provider.status(handle))
        .thenReturn(CompletableFuture.completedFuture(new JobStatus.Running()))
        .thenReturn(CompletableFuture.completedFuture(SUCCEEDED));
    CompletableFuture<JobStatus> result =
        client(provider)
            .await(
                handle,
                AwaitOptions.defaults()
                    .withListener(
                        (h, status, elapsed) -> {
                          throw new IllegalStateException("a listener's bug");
                        }));
    time.advance(Duration.ofMinutes(1));
    assertEquals(SUCCEEDED, result.join());
  }

  @Test
  void an_observer_that_throws_everywhere_changes_nothing() {
    ImageProvider provider = provider();
    when(provider.violations(any())).thenCallRealMethod();
    when(provider.estimate(any())).thenCallRealMethod();
    when(provider.submit(any())).thenReturn(CompletableFuture.completedFuture(handle));
    when(provider.status(handle))
        .thenReturn(
            CompletableFuture.completedFuture(new JobStatus.Queued(java.util.OptionalInt.of(1))))
        .thenReturn(CompletableFuture.completedFuture(SUCCEEDED));
    // Every event throws; the job observation is null, and would throw if it were ended.
    dev.nanobanana4j.core.port.ClientObserver broken =
        mock(
            dev.nanobanana4j.core.port.ClientObserver.class,
            invocation -> {
              throw new IllegalStateException("a meter's bug");
            });
    NanoBananaClient client =
        NanoBananaClient.builder()
            .provider(provider)
            .clock(time)
            .scheduler(time)
            .random(() -> 0.5)
            .observer(broken)
            .build();
    CompletableFuture<GenerationResult> result =
        client.generate(
            dev.nanobanana4j.core.domain.ImageRequest.builder().prompt("a fox").build());
    time.advance(Duration.ofMinutes(1));
    assertEquals(((JobStatus.Succeeded) SUCCEEDED).images(), result.join().images());
  }

  @Test
  void a_job_submitted_centuries_ago_still_ends_though_its_duration_overflows_a_meter() {
    JobHandle ancient = JobHandle.of("fake", "task-1", Instant.parse("1500-01-01T00:00:00Z"));
    ImageProvider provider = provider();
    when(provider.status(ancient)).thenReturn(CompletableFuture.completedFuture(SUCCEEDED));
    CompletableFuture<JobStatus> result = client(provider).await(ancient);
    time.advance(Duration.ofSeconds(1));
    assertEquals(SUCCEEDED, result.join());
  }

  @Test
  void a_deadline_beyond_the_calendar_is_no_deadline_and_no_error() {
    ImageProvider provider = provider();
    when(provider.status(handle)).thenReturn(CompletableFuture.completedFuture(SUCCEEDED));
    CompletableFuture<JobStatus> result =
        client(provider).await(handle, AwaitOptions.timeout(Duration.ofSeconds(Long.MAX_VALUE)));
    time.advance(Duration.ofMinutes(1));
    assertEquals(SUCCEEDED, result.join());
  }

  @Test
  void a_vendor_estimate_beyond_the_calendar_still_polls_up_to_the_deadline() {
    ImageProvider provider = provider();
    when(provider.status(handle))
        .thenReturn(
            CompletableFuture.completedFuture(
                JobStatus.Running.endingIn(Duration.ofSeconds(Long.MAX_VALUE / 2))));
    CompletableFuture<JobStatus> result =
        client(provider).await(handle, AwaitOptions.timeout(Duration.ofMinutes(1)));
    time.advance(Duration.ofMinutes(1));
    assertInstanceOf(JobTimeoutException.class, cause(result));
  }
}
