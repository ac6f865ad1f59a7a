package dev.nanobanana4j.core.application;

import static dev.nanobanana4j.core.application.Fixtures.cause;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.nanobanana4j.core.application.waiting.AwaitOptions;
import dev.nanobanana4j.core.application.waiting.RetryPolicy;
import dev.nanobanana4j.core.domain.CancelResult;
import dev.nanobanana4j.core.domain.FailureReason;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.GenerationResult;
import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.ProviderInfo;
import dev.nanobanana4j.core.domain.Resolution;
import dev.nanobanana4j.core.error.AuthenticationException;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.JobFailedException;
import dev.nanobanana4j.core.error.JobTimeoutException;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.error.OperationNotSupportedException;
import dev.nanobanana4j.core.error.OutcomeUnknownException;
import dev.nanobanana4j.core.error.ProviderConfigurationException;
import dev.nanobanana4j.core.error.ProviderNotFoundException;
import dev.nanobanana4j.core.error.ProviderUnavailableException;
import dev.nanobanana4j.core.error.RateLimitException;
import dev.nanobanana4j.core.error.RequestValidationException;
import dev.nanobanana4j.core.port.CancellationPort;
import dev.nanobanana4j.core.port.ImageProvider;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's use cases over a mocked provider port, on virtual time. */
@SuppressWarnings("unchecked") // Mockito's thenReturn(first, rest...) with generic futures
class NanoBananaClientTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final ImageRequest REQUEST = ImageRequest.builder().prompt("a fox").build();
  private static final JobStatus RUNNING = new JobStatus.Running();
  private static final JobStatus SUCCEEDED =
      new JobStatus.Succeeded(
          List.of(GeneratedImage.ofUrl(URI.create("https://cdn.example/1.png"), "image/png")));

  private final VirtualTime time = new VirtualTime(START);
  private final ImageProvider provider = mock(ImageProvider.class);
  private final JobHandle handle = JobHandle.of("fake", "task-1", START);
  private NanoBananaClient client;

  @BeforeEach
  void setUp() {
    when(provider.info()).thenReturn(Fixtures.info("fake"));
    when(provider.id()).thenReturn("fake");
    when(provider.violations(any())).thenCallRealMethod();
    client = clientWith(RetryPolicy.defaults());
  }

  private NanoBananaClient clientWith(RetryPolicy retry) {
    return NanoBananaClient.builder()
        .provider(provider)
        .clock(time)
        .scheduler(time)
        .retryPolicy(retry)
        .random(() -> 0.5)
        .defaultTimeout(Duration.ofMinutes(2))
        .build();
  }

  @Test
  void polls_first_after_the_vendors_guidance_then_at_its_interval() {
    when(provider.status(handle)).thenReturn(done(RUNNING), done(RUNNING), done(SUCCEEDED));
    CompletableFuture<JobStatus> result = client.await(handle);
    time.advance(Duration.ofSeconds(9));
    verify(provider, never()).status(handle);
    time.advance(Duration.ofSeconds(1));
    verify(provider, times(1)).status(handle);
    time.advance(Duration.ofSeconds(10));
    verify(provider, times(2)).status(handle);
    assertFalse(result.isDone());
    time.advance(Duration.ofSeconds(10));
    assertEquals(SUCCEEDED, Fixtures.done(result));
    assertEquals(1, time.pending(), "no poll is left scheduled; only the deadline's task");
    time.advance(Duration.ofMinutes(2));
    assertEquals(0, time.pending(), "the deadline's task did nothing for an ended wait");
    verify(provider, times(3)).status(handle);
  }

  @Test
  void a_resumed_old_job_is_polled_at_once() {
    time.advance(Duration.ofMinutes(5));
    when(provider.status(handle)).thenReturn(done(SUCCEEDED));
    CompletableFuture<JobStatus> result = client.await(handle);
    time.advance(Duration.ZERO);
    assertEquals(SUCCEEDED, Fixtures.done(result));
  }

  @Test
  void a_rate_limited_poll_waits_out_the_vendors_retry_after() {
    RateLimitException limited =
        new RateLimitException(
            "slow down", ErrorContext.of("fake", Operation.STATUS), Duration.ofSeconds(7), null);
    when(provider.status(handle))
        .thenReturn(CompletableFuture.failedFuture(limited), done(SUCCEEDED));
    CompletableFuture<JobStatus> result = client.await(handle);
    time.advance(Duration.ofSeconds(16));
    verify(provider, times(1)).status(handle);
    time.advance(Duration.ofSeconds(1));
    verify(provider, times(2)).status(handle);
    assertEquals(SUCCEEDED, Fixtures.done(result));
  }

  @Test
  void failed_polls_back_off_with_full_jitter_and_give_up_after_the_attempts() {
    client = clientWith(new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(60)));
    ProviderUnavailableException down =
        new ProviderUnavailableException(
            "down", ErrorContext.of("fake", Operation.STATUS), false, null, null);
    when(provider.status(handle)).thenReturn(CompletableFuture.failedFuture(down));
    CompletableFuture<JobStatus> result = client.await(handle);
    time.advance(Duration.ofSeconds(10)); // first poll fails
    time.advance(Duration.ofMillis(999)); // first retry after 0.5 x 2 s
    verify(provider, times(1)).status(handle);
    time.advance(Duration.ofMillis(1));
    verify(provider, times(2)).status(handle);
    time.advance(Duration.ofSeconds(2)); // second retry after 0.5 x 4 s
    verify(provider, times(3)).status(handle);
    assertSame(down, cause(result));
  }

  @Test
  void a_non_retryable_poll_error_ends_the_wait_at_once() {
    AuthenticationException denied =
        new AuthenticationException("no", ErrorContext.of("fake", Operation.STATUS), null);
    when(provider.status(handle)).thenReturn(CompletableFuture.failedFuture(denied));
    CompletableFuture<JobStatus> result = client.await(handle);
    time.advance(Duration.ofMinutes(1));
    verify(provider, times(1)).status(handle);
    assertSame(denied, cause(result));
  }

  @Test
  void the_deadline_ends_the_wait_with_the_handle_to_wait_again() {
    when(provider.status(handle)).thenReturn(done(RUNNING));
    CompletableFuture<JobStatus> result =
        client.await(handle, AwaitOptions.timeout(Duration.ofSeconds(25)));
    time.advance(Duration.ofSeconds(24));
    assertFalse(result.isDone());
    time.advance(Duration.ofSeconds(1));
    JobTimeoutException e = assertInstanceOf(JobTimeoutException.class, cause(result));
    assertEquals(handle, e.handle());
    assertEquals(Optional.of(RUNNING), e.lastStatus());
    assertTrue(e.getMessage().contains(handle.toToken()));
    verify(provider, times(3)).status(handle); // at 10 s, 20 s and the deadline
    time.advance(Duration.ofMinutes(5));
    verify(provider, times(3)).status(handle);
  }

  @Test
  void cancelling_the_wait_stops_the_polling() {
    when(provider.status(handle)).thenReturn(done(RUNNING));
    CompletableFuture<JobStatus> result = client.await(handle);
    time.advance(Duration.ofSeconds(10));
    result.cancel(false);
    time.advance(Duration.ofMinutes(1));
    verify(provider, times(1)).status(handle);
  }

  @Test
  void a_wait_its_caller_ends_is_settled_once_and_polled_no_more() {
    when(provider.status(handle)).thenReturn(done(RUNNING));
    List<String> outcomes = new java.util.ArrayList<>();
    NanoBananaClient observed =
        NanoBananaClient.builder()
            .provider(provider)
            .clock(time)
            .scheduler(time)
            .observer(
                new dev.nanobanana4j.core.port.ClientObserver() {
                  @Override
                  public void completed(
                      String providerId, String outcome, Duration took, int polls) {
                    outcomes.add(outcome + "/" + polls);
                  }
                })
            .build();
    CompletableFuture<JobStatus> given = observed.await(handle);
    given.complete(SUCCEEDED);
    given.complete(SUCCEEDED);
    CompletableFuture<JobStatus> timedOut = observed.await(handle);
    time.advance(Duration.ofSeconds(10));
    timedOut.completeExceptionally(new java.util.concurrent.TimeoutException("the caller's"));
    time.advance(Duration.ofMinutes(5));
    assertEquals(List.of("succeeded/0", "error/1"), outcomes);
    verify(provider, times(1)).status(handle);
  }

  @Test
  void images_expire_a_documented_lifetime_after_the_earliest_the_job_can_have_ended() {
    ImageProvider keeping = mock(ImageProvider.class);
    ProviderInfo info = Fixtures.info("keeps");
    ProviderInfo lasting =
        ProviderInfo.builder()
            .id("keeps")
            .displayName("KEEPS")
            .defaultBaseUrl("https://api.keeps.example/v1")
            .addModel(info.defaultModel())
            .pollingGuidance(Duration.ofSeconds(10), Duration.ofSeconds(10))
            .resultLifetime(Duration.ofDays(15))
            .build();
    when(keeping.info()).thenReturn(lasting);
    when(keeping.id()).thenReturn("keeps");
    JobHandle job = JobHandle.of("keeps", "task-1", START);
    Instant given = Instant.parse("2026-02-01T00:00:00Z");
    GeneratedImage inline = GeneratedImage.ofBytes(new byte[] {1}, "image/png");
    when(keeping.status(job))
        .thenReturn(
            done(RUNNING),
            done(RUNNING),
            done(
                new JobStatus.Succeeded(
                    List.of(
                        GeneratedImage.ofUrl(URI.create("https://cdn.example/a.png"), "image/png"),
                        GeneratedImage.ofUrl(URI.create("https://cdn.example/b.png"), null)
                            .withExpiresAt(given),
                        inline))));
    NanoBananaClient lastingClient =
        NanoBananaClient.builder().provider(keeping).clock(time).scheduler(time).build();
    CompletableFuture<JobStatus> done = lastingClient.await(job);
    time.advance(Duration.ofSeconds(30));
    List<GeneratedImage> images = ((JobStatus.Succeeded) Fixtures.done(done)).images();
    // Last seen running 20 s after submission: it ended after that.
    assertEquals(
        Optional.of(START.plusSeconds(20).plus(Duration.ofDays(15))), images.get(0).expiresAt());
    assertEquals(Optional.of(given), images.get(1).expiresAt(), "the vendor's own word stays");
    assertEquals(Optional.empty(), images.get(2).expiresAt(), "inline bytes do not expire");
    // A vendor's reported duration is exact; a single poll counts from the submission otherwise.
    when(keeping.status(job))
        .thenReturn(
            done(
                new JobStatus.Succeeded(
                    List.of(GeneratedImage.ofUrl(URI.create("https://cdn.example/a.png"), null)),
                    Optional.of(Duration.ofSeconds(7)))),
            done(SUCCEEDED));
    assertEquals(
        Optional.of(START.plusSeconds(7).plus(Duration.ofDays(15))),
        ((JobStatus.Succeeded) lastingClient.status(job).join()).images().get(0).expiresAt());
    assertEquals(
        Optional.of(START.plus(Duration.ofDays(15))),
        ((JobStatus.Succeeded) lastingClient.status(job).join()).images().get(0).expiresAt());
    // Where the vendor documents no lifetime, nothing is said.
    when(provider.status(handle)).thenReturn(done(SUCCEEDED));
    assertEquals(
        Optional.empty(),
        ((JobStatus.Succeeded) client.status(handle).join()).images().get(0).expiresAt());
  }

  @Test
  void a_lenient_request_is_sent_without_what_the_provider_cannot_honour() {
    ImageRequest seeded = REQUEST.newBuilder().seed(42L).build();
    assertInstanceOf(
        dev.nanobanana4j.core.error.RequestValidationException.class,
        cause(client.submit("fake", seeded)),
        "strict: refused before sending");
    verify(provider, never()).submit(any());
    ImageRequest lenient = seeded.lenient();
    ImageRequest sent = REQUEST.newBuilder().lenient(true).build();
    when(provider.submit(sent)).thenReturn(done(handle));
    assertEquals(handle, client.submit("fake", lenient).join());
    verify(provider).submit(sent);
    assertEquals(
        List.of("seed"), client.warnings("fake", lenient).stream().map(w -> w.option()).toList());
    assertEquals(List.of(), client.warnings("fake", seeded), "a strict request loses nothing");
  }

  @Test
  void the_listener_hears_each_status_with_the_elapsed_time() {
    when(provider.status(handle)).thenReturn(done(RUNNING), done(SUCCEEDED));
    List<String> heard = new java.util.ArrayList<>();
    client.await(
        handle,
        AwaitOptions.defaults()
            .withListener(
                (h, s, elapsed) -> heard.add(s.state().label() + "@" + elapsed.toSeconds())));
    time.advance(Duration.ofSeconds(20));
    assertEquals(List.of("running@10", "succeeded@20"), heard);
  }

  @Test
  void a_request_the_provider_cannot_take_is_refused_before_sending() {
    ImageRequest tooMany =
        REQUEST
            .newBuilder()
            .addReferenceImage(ImageInput.url("https://e.example/1.png"))
            .addReferenceImage(ImageInput.url("https://e.example/2.png"))
            .addReferenceImage(ImageInput.url("https://e.example/3.png"))
            .resolution(Resolution.FOUR_K)
            .build();
    RequestValidationException e =
        assertInstanceOf(RequestValidationException.class, cause(client.submit("fake", tooMany)));
    assertEquals(
        List.of(
            "3 reference images; fake accepts at most 2",
            "resolution 4K is not supported by fake; use one of 1K, 2K"),
        e.violations());
    assertEquals(Operation.VALIDATE, e.operation());
    verify(provider, never()).submit(any());
  }

  @Test
  void a_model_the_provider_does_not_sell_is_refused_not_replaced_by_its_default() {
    ImageRequest other = REQUEST.newBuilder().model("model-2").build();
    RequestValidationException e =
        assertInstanceOf(RequestValidationException.class, cause(client.submit("fake", other)));
    assertEquals(
        List.of("model 'model-2' is not sold by fake; use one of model-1"), e.violations());
    assertThrows(RequestValidationException.class, () -> client.estimate("fake", other));
    verify(provider, never()).submit(any());
  }

  @Test
  void a_submission_the_vendor_refused_is_sent_again() {
    ProviderUnavailableException refused =
        new ProviderUnavailableException(
            "refused", ErrorContext.of("fake", Operation.SUBMIT), true, null, null);
    when(provider.submit(REQUEST))
        .thenReturn(CompletableFuture.failedFuture(refused), done(handle));
    CompletableFuture<JobHandle> result = client.submit(REQUEST);
    assertFalse(result.isDone());
    time.advance(Duration.ofMillis(250)); // 0.5 x 500 ms
    assertEquals(handle, Fixtures.done(result));
    verify(provider, times(2)).submit(REQUEST);
  }

  @Test
  void a_submission_with_unknown_outcome_is_never_sent_again() {
    OutcomeUnknownException unknown =
        new OutcomeUnknownException("maybe", ErrorContext.of("fake", Operation.SUBMIT), null);
    when(provider.submit(REQUEST)).thenReturn(CompletableFuture.failedFuture(unknown));
    CompletableFuture<JobHandle> result = client.submit(REQUEST);
    time.advance(Duration.ofMinutes(10));
    assertSame(unknown, cause(result));
    verify(provider, times(1)).submit(REQUEST);
  }

  @Test
  void generate_reports_a_failed_job_as_job_failed() {
    JobStatus.Failed failed =
        new JobStatus.Failed(FailureReason.CONTENT_POLICY, Optional.of("SensitiveContent"), "no");
    when(provider.submit(REQUEST)).thenReturn(done(handle));
    when(provider.status(handle)).thenReturn(done(failed));
    CompletableFuture<GenerationResult> result = client.generate(REQUEST);
    time.advance(Duration.ofSeconds(10));
    JobFailedException e = assertInstanceOf(JobFailedException.class, cause(result));
    assertEquals(failed, e.status());
    assertEquals(Optional.of("SensitiveContent"), e.vendorCode());
    assertEquals(Optional.of("task-1"), e.taskId());
  }

  @Test
  void generate_returns_the_images_and_the_estimate() {
    when(provider.submit(REQUEST)).thenReturn(done(handle));
    when(provider.status(handle)).thenReturn(done(SUCCEEDED));
    when(provider.estimate(REQUEST)).thenCallRealMethod();
    CompletableFuture<GenerationResult> result = client.generate(REQUEST);
    time.advance(Duration.ofSeconds(10));
    GenerationResult r = Fixtures.done(result);
    assertEquals(((JobStatus.Succeeded) SUCCEEDED).images(), r.images());
    assertEquals("0.05 USD", r.estimate().total().orElseThrow().toString());
    assertEquals(Duration.ofSeconds(10), r.elapsed());
  }

  @Test
  void cancel_goes_through_the_cancellation_port_where_the_provider_has_one() {
    ImageProvider cancellable =
        mock(
            ImageProvider.class,
            org.mockito.Mockito.withSettings().extraInterfaces(CancellationPort.class));
    when(cancellable.info()).thenReturn(Fixtures.info("fake"));
    when(cancellable.id()).thenReturn("fake");
    when(((CancellationPort) cancellable).cancel(handle)).thenReturn(done(CancelResult.REQUESTED));
    NanoBananaClient withCancel =
        NanoBananaClient.builder().provider(cancellable).scheduler(time).clock(time).build();
    assertEquals(CancelResult.REQUESTED, withCancel.cancel(handle).join());
  }

  @Test
  void cancel_is_refused_before_sending_where_the_provider_cannot_cancel() {
    OperationNotSupportedException e =
        assertInstanceOf(OperationNotSupportedException.class, cause(client.cancel(handle)));
    assertEquals(Operation.CANCEL, e.operation());
    assertTrue(
        e.getMessage().endsWith("fake cannot cancel jobs: its vendor offers no way to stop one"));
  }

  private ImageProvider cancellableProvider() {
    ImageProvider cancellable =
        mock(
            ImageProvider.class,
            org.mockito.Mockito.withSettings().extraInterfaces(CancellationPort.class));
    when(cancellable.info()).thenReturn(Fixtures.info("fake"));
    when(cancellable.id()).thenReturn("fake");
    when(cancellable.status(handle)).thenReturn(done(RUNNING));
    when(((CancellationPort) cancellable).cancel(handle)).thenReturn(done(CancelResult.REQUESTED));
    return cancellable;
  }

  @Test
  void at_the_deadline_the_vendor_is_asked_to_cancel_and_the_handle_stays_usable() {
    ImageProvider cancellable = cancellableProvider();
    NanoBananaClient withCancel =
        NanoBananaClient.builder().provider(cancellable).scheduler(time).clock(time).build();
    CompletableFuture<JobStatus> result =
        withCancel.await(handle, AwaitOptions.timeout(Duration.ofSeconds(30)));
    time.advance(Duration.ofSeconds(30));
    JobTimeoutException e = assertInstanceOf(JobTimeoutException.class, cause(result));
    assertTrue(e.cancellationRequested());
    assertEquals(handle, e.handle());
    assertTrue(e.getMessage().contains("the vendor was asked to cancel it"), e.getMessage());
    verify((CancellationPort) cancellable, times(1)).cancel(handle);
  }

  @Test
  void the_caller_may_keep_the_job_running_past_the_deadline() {
    ImageProvider cancellable = cancellableProvider();
    NanoBananaClient withCancel =
        NanoBananaClient.builder().provider(cancellable).scheduler(time).clock(time).build();
    CompletableFuture<JobStatus> result =
        withCancel.await(
            handle, AwaitOptions.timeout(Duration.ofSeconds(30)).withCancelAtDeadline(false));
    time.advance(Duration.ofSeconds(30));
    assertFalse(assertInstanceOf(JobTimeoutException.class, cause(result)).cancellationRequested());
    verify((CancellationPort) cancellable, never()).cancel(any());
  }

  @Test
  void closing_the_client_cancels_its_waits_and_their_polls_in_flight() {
    CompletableFuture<JobStatus> poll = new CompletableFuture<>();
    when(provider.status(handle)).thenReturn(poll);
    CompletableFuture<JobStatus> result = client.await(handle);
    time.advance(Duration.ofSeconds(10));
    verify(provider, times(1)).status(handle);
    client.close();
    assertTrue(result.isCancelled());
    assertTrue(poll.isCancelled(), "the HTTP call in flight is cancelled too");
    time.advance(Duration.ofMinutes(1));
    verify(provider, times(1)).status(handle);
  }

  @Test
  void the_queue_position_is_kept() {
    assertEquals(OptionalInt.of(3), new JobStatus.Queued(OptionalInt.of(3)).position());
  }

  @Test
  void with_several_providers_a_call_must_name_one() {
    ImageProvider other = mock(ImageProvider.class);
    when(other.info()).thenReturn(Fixtures.info("other"));
    when(other.id()).thenReturn("other");
    NanoBananaClient two =
        NanoBananaClient.builder().provider(provider).provider(other).scheduler(time).build();
    ProviderConfigurationException e =
        assertThrows(ProviderConfigurationException.class, () -> two.submit(REQUEST));
    assertTrue(
        e.getMessage().contains("several providers are configured (fake, other)"), e.getMessage());
  }

  @Test
  void resuming_a_token_of_an_unconfigured_provider_names_those_configured() {
    String token = JobHandle.of("elsewhere", "t", START).toToken();
    ProviderNotFoundException e =
        assertThrows(ProviderNotFoundException.class, () -> client.resume(token));
    assertEquals(List.of("fake"), e.available());
    assertTrue(
        e.getMessage()
            .contains("no provider with id 'elsewhere' is configured in this client; found: fake"));
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
