package dev.nanobanana4j.core.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.nanobanana4j.core.application.waiting.AwaitOptions;
import dev.nanobanana4j.core.domain.FailureReason;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.port.ImageProvider;
import dev.nanobanana4j.core.port.ResultStore;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A result store keeps a succeeded job's images before the wait completes, and never holds it. */
class ResultStoreTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final GeneratedImage IMAGE =
      GeneratedImage.ofUrl(URI.create("https://cdn.example/1.png"), "image/png");
  private static final JobStatus SUCCEEDED =
      new JobStatus.Succeeded(List.of(IMAGE), Optional.of(Duration.ofSeconds(3)));
  private static final URI KEPT = URI.create("file:///results/fake/task-1-1.png");

  private final VirtualTime time = new VirtualTime(START);
  private final ImageProvider provider = Fixtures.provider("fake");
  private final ResultStore store = mock(ResultStore.class);
  private final JobHandle handle = JobHandle.of("fake", "task-1", START);

  @BeforeEach
  void setUp() {
    when(provider.status(handle)).thenReturn(CompletableFuture.completedFuture(SUCCEEDED));
  }

  private NanoBananaClient client(ResultStore clientStore) {
    NanoBananaClientBuilder builder =
        NanoBananaClient.builder()
            .provider(provider)
            .clock(time)
            .scheduler(time)
            .defaultTimeout(Duration.ofMinutes(2));
    return (clientStore == null ? builder : builder.resultStore(clientStore)).build();
  }

  @Test
  void the_clients_store_keeps_the_images_before_the_wait_completes() {
    CompletableFuture<List<GeneratedImage>> keeping = new CompletableFuture<>();
    when(store.store(handle, List.of(IMAGE))).thenReturn(keeping);
    CompletableFuture<JobStatus> wait = client(store).await(handle);
    time.advance(Duration.ofSeconds(10));
    assertFalse(wait.isDone(), "the store has not finished");
    keeping.complete(List.of(IMAGE.withStoredAt(KEPT)));
    JobStatus.Succeeded done = (JobStatus.Succeeded) Fixtures.done(wait);
    assertEquals(Optional.of(KEPT), done.images().get(0).storedAt());
    assertEquals(Optional.of(Duration.ofSeconds(3)), done.vendorReportedDuration());
  }

  @Test
  void a_store_that_fails_or_never_finishes_leaves_the_images_as_the_vendor_gave_them() {
    when(store.store(any(), any()))
        .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("disk full")));
    CompletableFuture<JobStatus> failed = client(store).await(handle);
    time.advance(Duration.ofSeconds(10));
    assertSame(SUCCEEDED, Fixtures.done(failed));

    ResultStore hanging = (h, images) -> new CompletableFuture<>();
    CompletableFuture<JobStatus> hung =
        client(null)
            .await(handle, AwaitOptions.timeout(Duration.ofMinutes(1)).withResultStore(hanging));
    time.advance(Duration.ofSeconds(10));
    assertFalse(hung.isDone());
    time.advance(Duration.ofMinutes(1));
    assertSame(SUCCEEDED, Fixtures.done(hung), "the store is bounded by the wait's timeout");
  }

  @Test
  void a_wait_may_keep_nothing_and_a_failed_job_is_not_kept() {
    client(store).await(handle, AwaitOptions.defaults().withResultStore(ResultStore.NONE));
    time.advance(Duration.ofSeconds(10));
    JobHandle other = JobHandle.of("fake", "task-2", START);
    when(provider.status(other))
        .thenReturn(
            CompletableFuture.completedFuture(
                new JobStatus.Failed(FailureReason.CONTENT_POLICY, Optional.empty(), "no")));
    CompletableFuture<JobStatus> failed = client(store).await(other);
    time.advance(Duration.ofSeconds(10));
    assertTrue(Fixtures.done(failed) instanceof JobStatus.Failed);
    verify(store, never()).store(any(), any());
  }

  @Test
  void cancelling_a_wait_with_a_store_stops_the_polling() {
    when(provider.status(handle))
        .thenReturn(CompletableFuture.completedFuture(new JobStatus.Running()));
    CompletableFuture<JobStatus> wait = client(store).await(handle);
    assertTrue(wait.cancel(false));
    time.advance(Duration.ofMinutes(5));
    verify(provider, never()).status(handle);
  }
}
