package dev.nanobanana4j.core.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.nanobanana4j.core.application.routing.Budget;
import dev.nanobanana4j.core.application.routing.Quote;
import dev.nanobanana4j.core.application.routing.Route;
import dev.nanobanana4j.core.application.waiting.AwaitOptions;
import dev.nanobanana4j.core.application.waiting.PollingPolicy;
import dev.nanobanana4j.core.domain.CostEstimate;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.GenerationResult;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.Money;
import dev.nanobanana4j.core.error.BudgetExceededException;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.InsufficientBalanceException;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.error.OutcomeUnknownException;
import dev.nanobanana4j.core.error.ProviderUnavailableException;
import dev.nanobanana4j.core.error.RateLimitException;
import dev.nanobanana4j.core.error.RequestValidationException;
import dev.nanobanana4j.core.port.ClientObserver;
import dev.nanobanana4j.core.port.ImageProvider;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** Routing, budgets and meters over mocked provider ports, on virtual time. */
@SuppressWarnings("unchecked") // Mockito's thenReturn(first, rest...) with generic futures
class RoutingTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final ImageRequest REQUEST = ImageRequest.builder().prompt("a fox").build();

  /** {@link #REQUEST} as a route sends it: on the one model its candidates are compared on. */
  private static final ImageRequest ROUTED = REQUEST.newBuilder().model("model-1").build();

  private static final JobStatus SUCCEEDED =
      new JobStatus.Succeeded(
          List.of(GeneratedImage.ofUrl(URI.create("https://cdn.example/1.png"), "image/png")));

  private final VirtualTime time = new VirtualTime(START);
  private final ClientObserver observer = mock(ClientObserver.class, CALLS_REAL_METHODS);
  private final ImageProvider cheap = provider("cheap", "0.05");
  private final ImageProvider dear = provider("dear", "0.08");
  private final ImageProvider unpriced = provider("unpriced", null);

  private static ImageProvider provider(String id, String usd) {
    ImageProvider provider = mock(ImageProvider.class);
    when(provider.info()).thenReturn(Fixtures.info(id, usd));
    when(provider.id()).thenReturn(id);
    when(provider.violations(any())).thenCallRealMethod();
    when(provider.estimate(any())).thenCallRealMethod();
    return provider;
  }

  private NanoBananaClientBuilder builder() {
    return NanoBananaClient.builder()
        .provider(unpriced)
        .provider(dear)
        .provider(cheap)
        .clock(time)
        .scheduler(time)
        .random(() -> 0.5)
        .observer(observer);
  }

  /** The estimates the observer was told were spent. */
  private List<String> spending() {
    return mockingDetails(observer).getInvocations().stream()
        .filter(i -> i.getMethod().getName().equals("spent"))
        .map(i -> i.<CostEstimate>getArgument(0))
        .map(e -> e.providerId() + " " + e.total().orElseThrow())
        .toList();
  }

  private static JobHandle handle(String provider) {
    return JobHandle.of(provider, provider + "-task", START);
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }

  private static <T> CompletableFuture<T> failed(Throwable error) {
    return CompletableFuture.failedFuture(error);
  }

  private static ErrorContext submit(String provider) {
    return ErrorContext.of(provider, Operation.SUBMIT);
  }

  @Test
  void a_closed_client_sends_nothing_and_every_call_fails_at_once() {
    NanoBananaClient client = builder().defaultProvider("cheap").build();
    client.close();
    JobHandle handle = handle("cheap");
    List<CompletableFuture<?>> calls =
        List.of(
            client.submit(REQUEST),
            client.submit("cheap", REQUEST),
            client.submit(REQUEST, Route.cheapest()),
            client.status(handle),
            client.cancel(handle),
            client.account("cheap"),
            client.await(handle),
            client.generate("cheap", REQUEST),
            client.generate(REQUEST, Route.cheapest(), AwaitOptions.defaults()));
    for (CompletableFuture<?> call : calls) {
      assertTrue(call.isCompletedExceptionally(), call.toString());
      CompletionException e = assertThrows(CompletionException.class, call::join);
      assertInstanceOf(IllegalStateException.class, e.getCause());
    }
    assertThrows(IllegalStateException.class, () -> client.blocking().submit(REQUEST));
    verify(cheap, never()).submit(any());
    verify(cheap, never()).status(any());
  }

  @Test
  void quotes_list_the_cheapest_first_and_unknown_prices_last() {
    List<Quote> quotes = builder().build().quotes(REQUEST);
    assertEquals(
        List.of("cheap", "dear", "unpriced"), quotes.stream().map(Quote::providerId).toList());
    assertEquals(Money.usd("0.05"), quotes.get(0).estimate().orElseThrow().total().orElseThrow());
    assertEquals(false, quotes.get(2).isPriceKnown());
  }

  @Test
  void the_cheapest_route_submits_to_the_cheapest_provider() {
    when(cheap.submit(ROUTED)).thenReturn(done(handle("cheap")));
    NanoBananaClient client = builder().build();
    assertEquals(handle("cheap"), client.submit(REQUEST, Route.cheapest()).join());
    verify(dear, never()).submit(any());
  }

  @Test
  void an_explicit_refusal_falls_over_to_the_next_provider_once() {
    when(cheap.submit(ROUTED))
        .thenReturn(
            failed(
                new ProviderUnavailableException(
                    "503", submit("cheap"), true, Duration.ZERO, null)));
    when(dear.submit(ROUTED)).thenReturn(done(handle("dear")));
    NanoBananaClient client = builder().build();
    assertEquals(handle("dear"), client.submit(REQUEST, Route.order("cheap", "dear")).join());
    verify(cheap, times(1)).submit(ROUTED);
    verify(observer, times(1)).fellBack("cheap", "ProviderUnavailableException");
  }

  @Test
  void rate_limits_and_an_empty_balance_fall_over_too() {
    when(cheap.submit(ROUTED))
        .thenReturn(failed(new RateLimitException("429", submit("cheap"), Duration.ZERO, null)));
    when(dear.submit(ROUTED))
        .thenReturn(failed(new InsufficientBalanceException("402", submit("dear"), null)));
    when(unpriced.submit(ROUTED)).thenReturn(done(handle("unpriced")));
    NanoBananaClient client = builder().build();
    assertEquals(handle("unpriced"), client.submit(REQUEST, Route.cheapest()).join());
  }

  @Test
  void a_submission_whose_outcome_is_unknown_is_never_sent_elsewhere() {
    when(cheap.submit(ROUTED))
        .thenReturn(failed(new OutcomeUnknownException("timeout", submit("cheap"), null)));
    NanoBananaClient client = builder().build();
    CompletionException e =
        assertThrows(
            CompletionException.class,
            () -> client.submit(REQUEST, Route.order("cheap", "dear")).join());
    assertInstanceOf(OutcomeUnknownException.class, e.getCause());
    verify(dear, never()).submit(any());
  }

  @Test
  void a_provider_that_keeps_refusing_is_tried_last_until_its_cooldown_passes() {
    when(cheap.submit(ROUTED))
        .thenReturn(failed(new RateLimitException("429", submit("cheap"), Duration.ZERO, null)));
    when(dear.submit(ROUTED)).thenReturn(done(handle("dear")));
    NanoBananaClient client = builder().cooldown(2, Duration.ofMinutes(5)).build();
    client.submit(REQUEST, Route.cheapest()).join();
    assertEquals(java.util.Optional.empty(), client.setAsideUntil("cheap"));
    client.submit(REQUEST, Route.cheapest()).join();
    verify(cheap, times(2)).submit(ROUTED);
    assertEquals(
        java.util.Optional.of(time.instant().plus(Duration.ofMinutes(5))),
        client.setAsideUntil("cheap"));
    assertEquals(java.util.Optional.empty(), client.setAsideUntil("dear"));
    assertThrows(
        dev.nanobanana4j.core.error.ProviderNotFoundException.class,
        () -> client.setAsideUntil("absent"));
    client.submit(REQUEST, Route.cheapest()).join(); // set aside: dear goes first
    verify(cheap, times(2)).submit(ROUTED);
    time.advance(Duration.ofMinutes(5));
    assertEquals(java.util.Optional.empty(), client.setAsideUntil("cheap"));
    client.submit(REQUEST, Route.cheapest()).join(); // tried again
    verify(cheap, times(3)).submit(ROUTED);
  }

  @Test
  void the_fastest_route_prefers_the_provider_seen_to_finish_sooner_over_the_cheaper() {
    JobHandle c = JobHandle.of("cheap", "c", START);
    JobHandle d = JobHandle.of("dear", "d", START);
    when(cheap.submit(ROUTED)).thenReturn(done(c));
    when(dear.submit(ROUTED)).thenReturn(done(d));
    when(cheap.status(c))
        .thenReturn(done(new JobStatus.Running()), done(new JobStatus.Running()), done(SUCCEEDED));
    when(dear.status(d)).thenReturn(done(SUCCEEDED));
    NanoBananaClient client =
        builder()
            .pollingPolicy(PollingPolicy.fixed(Duration.ofSeconds(10), Duration.ofSeconds(5)))
            .build();
    client.await(client.submit("cheap", ROUTED).join());
    client.await(client.submit("dear", ROUTED).join());
    time.advance(Duration.ofSeconds(20)); // dear done at 10 s, cheap at 20 s
    assertEquals("cheap", client.submit(REQUEST, Route.cheapest()).join().providerId());
    assertEquals("dear", client.submit(REQUEST, Route.fastest()).join().providerId());
  }

  @Test
  void a_route_splits_a_count_beyond_what_its_first_choice_makes_in_one_call() {
    JobHandle two = JobHandle.of("cheap", "two", START);
    JobHandle one = JobHandle.of("cheap", "one", START);
    when(cheap.submit(ROUTED.newBuilder().count(2).build())).thenReturn(done(two));
    when(cheap.submit(ROUTED.newBuilder().count(1).build())).thenReturn(done(one));
    when(cheap.status(two)).thenReturn(done(SUCCEEDED));
    when(cheap.status(one)).thenReturn(done(SUCCEEDED));
    Budget budget = Budget.of(Money.usd("1.00"));
    NanoBananaClient client =
        builder()
            .budget(budget)
            .pollingPolicy(PollingPolicy.fixed(Duration.ofSeconds(1), Duration.ofSeconds(1)))
            .build();
    CompletableFuture<GenerationResult> result =
        client.generate(
            REQUEST.newBuilder().count(3).build(), Route.cheapest(), AwaitOptions.defaults());
    time.advance(Duration.ofSeconds(1));
    GenerationResult done = Fixtures.done(result);
    assertEquals(List.of(two, one), done.handles(), "two calls, each routed: 2 images, then 1");
    assertEquals(Money.usd("0.15"), budget.spent(), "each call booked on its own");
    verify(dear, never()).submit(any());
  }

  @Test
  void a_route_compares_its_candidates_on_the_model_it_names() {
    CompletionException e =
        assertThrows(
            CompletionException.class,
            () -> builder().build().submit(REQUEST, Route.cheapest().model("model-9")).join());
    RequestValidationException invalid =
        assertInstanceOf(RequestValidationException.class, e.getCause());
    assertTrue(
        invalid.violations().contains("model 'model-9' is not sold by cheap; use one of model-1"),
        invalid.violations().toString());
    assertEquals("Route{cheapest, model=model-9}", Route.cheapest().model("model-9").toString());
    verify(cheap, never()).submit(any());
  }

  @Test
  void no_provider_that_accepts_the_request_is_a_validation_error_with_every_reason() {
    ImageRequest long_ = ImageRequest.builder().prompt("x".repeat(101)).build();
    CompletionException e =
        assertThrows(
            CompletionException.class,
            () -> builder().build().submit(long_, Route.cheapest()).join());
    RequestValidationException invalid =
        assertInstanceOf(RequestValidationException.class, e.getCause());
    assertEquals(3, invalid.violations().size(), invalid.violations().toString());
  }

  @Test
  void a_budget_reserves_commits_on_success_releases_on_failure_and_refuses_beyond() {
    Budget budget = Budget.of(Money.usd("0.12"));
    when(cheap.submit(REQUEST))
        .thenReturn(
            done(JobHandle.of("cheap", "ok", START)), done(JobHandle.of("cheap", "bad", START)));
    when(cheap.status(JobHandle.of("cheap", "ok", START))).thenReturn(done(SUCCEEDED));
    when(cheap.status(JobHandle.of("cheap", "bad", START)))
        .thenReturn(
            done(
                new JobStatus.Failed(
                    dev.nanobanana4j.core.domain.FailureReason.PROVIDER_ERROR,
                    java.util.Optional.empty(),
                    "boom")));
    NanoBananaClient client =
        builder()
            .budget(budget)
            .pollingPolicy(PollingPolicy.fixed(Duration.ofSeconds(1), Duration.ofSeconds(1)))
            .build();
    CompletableFuture<GenerationResult> ok =
        client.generate("cheap", REQUEST, AwaitOptions.defaults());
    assertEquals(Money.usd("0.05"), budget.reserved());
    time.advance(Duration.ofSeconds(1));
    Fixtures.done(ok);
    assertEquals(Money.usd("0.05"), budget.spent());
    assertEquals(Money.usd("0.00"), budget.reserved());
    CompletableFuture<GenerationResult> bad =
        client.generate("cheap", REQUEST, AwaitOptions.defaults());
    time.advance(Duration.ofSeconds(1));
    assertThrows(CompletionException.class, bad::join);
    assertEquals(Money.usd("0.00"), budget.reserved(), "released on failure");
    // 0.07 left: a 0.08 request is refused before sending; an unknown price too.
    for (String provider : List.of("dear", "unpriced")) {
      CompletionException e =
          assertThrows(CompletionException.class, () -> client.submit(provider, REQUEST).join());
      assertInstanceOf(BudgetExceededException.class, e.getCause());
    }
    verify(dear, never()).submit(any());
    verify(unpriced, never()).submit(any());
    assertEquals(List.of("cheap 0.05 USD"), spending());
  }

  @Test
  void a_caller_who_sees_the_result_already_sees_the_meters_spend_and_budget() {
    Budget budget = Budget.of(Money.usd("1.00"));
    CompletableFuture<JobStatus> status = new CompletableFuture<>();
    when(cheap.status(handle("cheap"))).thenReturn(status);
    NanoBananaClient client =
        builder()
            .budget(budget)
            .pollingPolicy(PollingPolicy.fixed(Duration.ZERO, Duration.ofSeconds(1)))
            .build();
    when(cheap.submit(REQUEST)).thenReturn(done(handle("cheap")));
    JobHandle submitted = client.submit("cheap", REQUEST).join();
    List<String> seen = new java.util.ArrayList<>();
    // A dependent registered by the caller runs as the wait ends, on the thread that ends it.
    client
        .await(submitted)
        .thenRun(
            () ->
                seen.add(
                    mockingDetails(observer).getInvocations().stream()
                            .filter(i -> i.getMethod().getName().equals("completed"))
                            .count()
                        + " "
                        + spending()
                        + " "
                        + budget.spent()));
    time.advance(Duration.ZERO);
    status.complete(SUCCEEDED);
    assertEquals(List.of("1 [cheap 0.05 USD] 0.05 USD"), seen);
  }

  @Test
  void meters_count_submissions_and_completions_by_provider_and_outcome() {
    when(cheap.submit(REQUEST)).thenReturn(done(handle("cheap")));
    when(cheap.status(handle("cheap")))
        .thenReturn(
            done(new JobStatus.Queued(java.util.OptionalInt.of(2))),
            done(new JobStatus.Running()),
            done(SUCCEEDED));
    NanoBananaClient client =
        builder()
            .pollingPolicy(PollingPolicy.fixed(Duration.ofSeconds(5), Duration.ofSeconds(5)))
            .build();
    CompletableFuture<GenerationResult> result =
        client.generate("cheap", REQUEST, AwaitOptions.defaults());
    time.advance(Duration.ofSeconds(15));
    Fixtures.done(result);
    InOrder inOrder = inOrder(observer);
    inOrder.verify(observer).submitted("cheap", "accepted");
    inOrder.verify(observer).jobStarted("cheap");
    inOrder.verify(observer).queueWait("cheap", Duration.ofSeconds(10));
    inOrder.verify(observer).completed("cheap", "succeeded", Duration.ofSeconds(15), 3);
    inOrder.verify(observer).spent(any());
    assertEquals(List.of("cheap 0.05 USD"), spending());
  }
}
