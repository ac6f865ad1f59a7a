package dev.nanobanana4j.core.application;

import static dev.nanobanana4j.core.application.Fixtures.cause;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.nanobanana4j.core.application.callbacks.CallbackReceiver;
import dev.nanobanana4j.core.application.callbacks.Callbacks;
import dev.nanobanana4j.core.application.routing.Budget;
import dev.nanobanana4j.core.application.routing.Route;
import dev.nanobanana4j.core.application.waiting.AwaitOptions;
import dev.nanobanana4j.core.application.waiting.PollingPolicy;
import dev.nanobanana4j.core.application.waiting.RetryPolicy;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.Money;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.JobTimeoutException;
import dev.nanobanana4j.core.error.NanoBananaException;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.error.OutcomeUnknownException;
import dev.nanobanana4j.core.error.ProviderUnavailableException;
import dev.nanobanana4j.core.error.RateLimitException;
import dev.nanobanana4j.core.port.CallbackPort;
import dev.nanobanana4j.core.port.CallbackRequest;
import dev.nanobanana4j.core.port.ImageProvider;
import dev.nanobanana4j.core.port.Secret;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The client's promises where money is at stake, each stated so that breaking it fails here. */
class PromisesTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final ImageRequest REQUEST = ImageRequest.builder().prompt("a fox").build();
  private static final ImageRequest ROUTED = REQUEST.newBuilder().model("model-1").build();
  private static final JobStatus SUCCEEDED =
      new JobStatus.Succeeded(
          List.of(GeneratedImage.ofUrl(URI.create("https://cdn.example/1.png"), "image/png")));

  private final VirtualTime time = new VirtualTime(START);

  private static ImageProvider provider(String id, Class<?>... extra) {
    ImageProvider provider =
        extra.length == 0
            ? mock(ImageProvider.class)
            : mock(ImageProvider.class, withSettings().extraInterfaces(extra));
    when(provider.info()).thenReturn(Fixtures.info(id));
    when(provider.id()).thenReturn(id);
    when(provider.violations(any())).thenCallRealMethod();
    when(provider.estimate(any())).thenCallRealMethod();
    return provider;
  }

  private NanoBananaClientBuilder client() {
    return NanoBananaClient.builder().clock(time).scheduler(time).random(() -> 0.5);
  }

  private static ProviderUnavailableException refusal(String provider) {
    return new ProviderUnavailableException(
        "refused", ErrorContext.of(provider, Operation.SUBMIT), true, null, null);
  }

  @Test
  void a_refused_submission_is_sent_max_attempts_times_with_doubling_delays() {
    ImageProvider acme = provider("acme");
    when(acme.submit(REQUEST)).thenReturn(CompletableFuture.failedFuture(refusal("acme")));
    NanoBananaClient client =
        client()
            .provider(acme)
            .retryPolicy(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(10)))
            .build();
    CompletableFuture<JobHandle> result = client.submit(REQUEST);
    verify(acme, times(1)).submit(REQUEST);
    time.advance(Duration.ofMillis(49)); // 0.5 x 100 ms
    verify(acme, times(1)).submit(REQUEST);
    time.advance(Duration.ofMillis(1));
    verify(acme, times(2)).submit(REQUEST);
    time.advance(Duration.ofMillis(99)); // 0.5 x 200 ms
    verify(acme, times(2)).submit(REQUEST);
    time.advance(Duration.ofMillis(1));
    verify(acme, times(3)).submit(REQUEST);
    assertInstanceOf(ProviderUnavailableException.class, cause(result));
    time.advance(Duration.ofMinutes(5));
    verify(acme, times(3)).submit(REQUEST);
  }

  @Test
  void backoff_doubles_from_the_base_up_to_the_ceiling() {
    RetryPolicy policy = new RetryPolicy(9, Duration.ofMillis(100), Duration.ofMillis(500));
    assertEquals(Duration.ofMillis(100), policy.backoff(1, 1.0));
    assertEquals(Duration.ofMillis(200), policy.backoff(2, 1.0));
    assertEquals(Duration.ofMillis(400), policy.backoff(3, 1.0));
    assertEquals(Duration.ofMillis(500), policy.backoff(4, 1.0));
    assertEquals(Duration.ofMillis(500), policy.backoff(9, 1.0));
    assertEquals(Duration.ofMillis(100), policy.backoff(3, 0.25));
  }

  @Test
  void a_route_where_every_provider_refuses_ends_with_the_refusal() {
    ImageProvider a = provider("a");
    ImageProvider b = provider("b");
    when(a.submit(ROUTED)).thenReturn(CompletableFuture.failedFuture(refusal("a")));
    when(b.submit(ROUTED)).thenReturn(CompletableFuture.failedFuture(refusal("b")));
    NanoBananaClient client = client().provider(a).provider(b).build();
    CompletableFuture<JobHandle> result = client.submit(REQUEST, Route.order("a", "b"));
    time.advance(Duration.ofMinutes(1));
    NanoBananaException e = assertInstanceOf(ProviderUnavailableException.class, cause(result));
    assertEquals(Optional.of("b"), e.providerId());
    verify(a, times(1)).submit(ROUTED);
    verify(b, times(1)).submit(ROUTED);
  }

  @Test
  void an_outcome_unknown_submission_keeps_its_budget_reservation() {
    ImageProvider acme = provider("acme");
    when(acme.submit(REQUEST))
        .thenReturn(
            CompletableFuture.failedFuture(
                new OutcomeUnknownException(
                    "maybe", ErrorContext.of("acme", Operation.SUBMIT), null)));
    Budget budget = Budget.of(Money.usd("1.00"));
    NanoBananaClient client = client().provider(acme).budget(budget).build();
    assertInstanceOf(OutcomeUnknownException.class, cause(client.submit(REQUEST)));
    assertEquals(Money.usd("0.05"), budget.reserved(), "the vendor may still charge it");
  }

  @Test
  void a_refused_submission_releases_its_budget_reservation() {
    ImageProvider acme = provider("acme");
    when(acme.submit(REQUEST)).thenReturn(CompletableFuture.failedFuture(refusal("acme")));
    Budget budget = Budget.of(Money.usd("1.00"));
    NanoBananaClient client =
        client().provider(acme).budget(budget).retryPolicy(RetryPolicy.none()).build();
    assertInstanceOf(ProviderUnavailableException.class, cause(client.submit(REQUEST)));
    assertEquals(0, budget.reserved().amount().signum());
  }

  @Test
  void a_timed_out_wait_keeps_its_budget_reservation_and_a_success_commits_it() {
    ImageProvider acme = provider("acme");
    JobHandle handle = JobHandle.of("acme", "t-1", START);
    when(acme.submit(REQUEST)).thenReturn(CompletableFuture.completedFuture(handle));
    when(acme.status(handle))
        .thenReturn(CompletableFuture.completedFuture(new JobStatus.Running()));
    Budget budget = Budget.of(Money.usd("1.00"));
    NanoBananaClient client = client().provider(acme).budget(budget).build();
    CompletableFuture<JobStatus> waiting =
        client
            .submit(REQUEST)
            .thenCompose(h -> client.await(h, AwaitOptions.timeout(Duration.ofSeconds(30))));
    time.advance(Duration.ofSeconds(30));
    assertInstanceOf(JobTimeoutException.class, cause(waiting));
    assertEquals(Money.usd("0.05"), budget.reserved(), "the job may still finish and be charged");
    assertEquals(0, budget.spent().amount().signum());
    when(acme.status(handle)).thenReturn(CompletableFuture.completedFuture(SUCCEEDED));
    assertEquals(SUCCEEDED, waitFor(client.await(handle)));
    assertEquals(Money.usd("0.05"), budget.spent());
    assertEquals(0, budget.reserved().amount().signum());
  }

  private JobStatus waitFor(CompletableFuture<JobStatus> future) {
    time.advance(Duration.ofMinutes(1));
    return Fixtures.done(future);
  }

  @Test
  void a_failing_poll_whose_retry_would_pass_the_deadline_times_out_at_once() {
    ImageProvider acme = provider("acme");
    JobHandle handle = JobHandle.of("acme", "t-1", START);
    RateLimitException limited =
        new RateLimitException(
            "slow down", ErrorContext.of("acme", Operation.STATUS), Duration.ofMinutes(10), null);
    when(acme.status(handle)).thenReturn(CompletableFuture.failedFuture(limited));
    NanoBananaClient client = client().provider(acme).build();
    CompletableFuture<JobStatus> result =
        client.await(
            handle, AwaitOptions.timeout(Duration.ofMinutes(1)).withCancelAtDeadline(false));
    time.advance(Duration.ofSeconds(10)); // the first poll
    JobTimeoutException e = assertInstanceOf(JobTimeoutException.class, cause(result));
    assertSame(limited, e.getCause());
    verify(acme, times(1)).status(handle);
  }

  @Test
  void a_callback_that_is_not_terminal_does_not_end_the_wait() {
    ImageProvider hooked = provider("hooked", CallbackPort.class);
    CallbackPort port = (CallbackPort) hooked;
    when(hooked.info()).thenReturn(Fixtures.info("hooked", "0.05", true));
    when(port.callbackSecurity()).thenReturn(CallbackPort.Security.URL_TOKEN);
    when(port.readEvent(any())).thenCallRealMethod();
    when(port.callsBack()).thenReturn(true);
    JobHandle accepted = JobHandle.of("hooked", "t-1", START);
    when(hooked.submit(any())).thenReturn(CompletableFuture.completedFuture(accepted));
    when(hooked.status(any())).thenReturn(new CompletableFuture<>());
    NanoBananaClient client =
        client()
            .provider(hooked)
            .callbacks(
                Callbacks.builder()
                    .url(URI.create("https://app.example/cb"))
                    .secret(Secret.of("0123456789abcdef-secret"))
                    .build())
            .build();
    JobHandle handle = client.submit("hooked", REQUEST).join();
    org.mockito.ArgumentCaptor<ImageRequest> sent =
        org.mockito.ArgumentCaptor.forClass(ImageRequest.class);
    verify(hooked).submit(sent.capture());
    URI url = sent.getValue().callbackUrl().orElseThrow();
    CompletableFuture<JobStatus> waiting = client.await(handle);
    for (JobStatus early :
        List.of(new JobStatus.Queued(java.util.OptionalInt.empty()), new JobStatus.Running())) {
      when(port.readCallback(any()))
          .thenReturn(new CallbackPort.CallbackEvent("t-1", early, Optional.empty()));
      CallbackReceiver.Result result =
          client.callbackReceiver().receive(new CallbackRequest(url, Map.of(), "{}".getBytes()));
      assertEquals(CallbackReceiver.Outcome.ACCEPTED, result.outcome(), early.toString());
      assertFalse(waiting.isDone(), early + " ends nothing");
    }
  }

  @Test
  void every_finished_wait_teaches_the_polling_policy() {
    ImageProvider acme = provider("acme");
    JobHandle handle = JobHandle.of("acme", "t-1", START);
    when(acme.status(handle)).thenReturn(CompletableFuture.completedFuture(SUCCEEDED));
    PollingPolicy policy = spy(PollingPolicy.adaptive());
    NanoBananaClient client = client().provider(acme).pollingPolicy(policy).build();
    assertEquals(SUCCEEDED, waitFor(client.await(handle)));
    verify(policy).completed(any(), any(), any(), any(), anyInt(), anyBoolean());
    verify(acme, times(1)).status(handle);
    verify(acme, never()).submit(any());
  }
}
