package dev.nanobanana4j.core.application;

import static dev.nanobanana4j.core.application.Fixtures.cause;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.nanobanana4j.core.application.routing.Budget;
import dev.nanobanana4j.core.application.waiting.AwaitOptions;
import dev.nanobanana4j.core.domain.FailureReason;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.GenerationResult;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.Money;
import dev.nanobanana4j.core.error.BudgetExceededException;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.JobFailedException;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.error.OutcomeUnknownException;
import dev.nanobanana4j.core.error.RequestValidationException;
import dev.nanobanana4j.core.port.ImageProvider;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A count beyond what one call makes: the client splits it into calls (the fixture's provider makes
 * two images per call), waits for all, and keeps the images of those that succeed.
 */
@SuppressWarnings("unchecked") // Mockito's thenReturn(first, rest...) with generic futures
class FanOutTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final VirtualTime time = new VirtualTime(START);
  private final ImageProvider provider = Fixtures.provider("fake");

  /** The count of each submission, in order. */
  private final List<Integer> sent = new ArrayList<>();

  /** What each job's poll answers, by task id; a job not in it runs forever. */
  private final Map<String, CompletableFuture<JobStatus>> answers = new HashMap<>();

  @BeforeEach
  void setUp() {
    when(provider.submit(any()))
        .thenAnswer(
            call -> {
              ImageRequest part = call.getArgument(0);
              sent.add(part.count());
              return CompletableFuture.completedFuture(
                  JobHandle.of("fake", "task-" + sent.size(), START));
            });
    when(provider.status(any()))
        .thenAnswer(
            call -> {
              JobHandle handle = call.getArgument(0);
              return answers.getOrDefault(
                  handle.taskId(), CompletableFuture.completedFuture(new JobStatus.Running()));
            });
  }

  private NanoBananaClient client(Budget budget) {
    NanoBananaClientBuilder builder =
        NanoBananaClient.builder()
            .provider(provider)
            .clock(time)
            .scheduler(time)
            .random(() -> 0.5)
            .defaultTimeout(Duration.ofMinutes(2));
    return (budget == null ? builder : builder.budget(budget)).build();
  }

  private static ImageRequest count(int count) {
    return ImageRequest.builder().prompt("a fox").count(count).build();
  }

  private void succeeds(String taskId, int images) {
    List<GeneratedImage> list = new ArrayList<>();
    for (int i = 0; i < images; i++) {
      list.add(
          GeneratedImage.ofUrl(
              URI.create("https://cdn.example/" + taskId + "/" + i + ".png"), "image/png"));
    }
    answers.put(taskId, CompletableFuture.completedFuture(new JobStatus.Succeeded(list)));
  }

  private void fails(String taskId) {
    answers.put(
        taskId,
        CompletableFuture.completedFuture(
            new JobStatus.Failed(FailureReason.CONTENT_POLICY, Optional.empty(), "refused")));
  }

  @Test
  void a_count_beyond_one_call_is_split_and_every_image_returned() {
    succeeds("task-1", 2);
    succeeds("task-2", 2);
    succeeds("task-3", 1);
    CompletableFuture<GenerationResult> future =
        client(null).generate("fake", count(5), AwaitOptions.defaults());
    assertEquals(List.of(2, 2, 1), sent, "three calls at once, the last with the rest");
    time.advance(Duration.ofSeconds(10));
    GenerationResult result = Fixtures.done(future);
    assertEquals(5, result.images().size());
    assertEquals(
        URI.create("https://cdn.example/task-1/0.png"), result.images().get(0).url().orElseThrow());
    assertEquals(
        URI.create("https://cdn.example/task-3/0.png"), result.images().get(4).url().orElseThrow());
    assertEquals(
        List.of("task-1", "task-2", "task-3"),
        result.handles().stream().map(JobHandle::taskId).toList());
    assertEquals("task-1", result.handle().taskId());
    assertFalse(result.isPartial());
    assertEquals(5, result.estimate().count());
    assertEquals(Money.usd("0.25"), result.estimate().total().orElseThrow());
    assertEquals(Duration.ofSeconds(10), result.elapsed());
  }

  private void charges(String taskId, String usd) {
    answers.put(
        taskId,
        CompletableFuture.completedFuture(
            new JobStatus.Succeeded(
                List.of(GeneratedImage.ofUrl(URI.create("https://cdn.example/a.png"), "image/png")),
                Optional.empty(),
                usd == null
                    ? dev.nanobanana4j.core.domain.VendorReport.NONE
                    : dev.nanobanana4j.core.domain.VendorReport.builder()
                        .charged(dev.nanobanana4j.core.domain.Money.usd(usd))
                        .build())));
  }

  @Test
  void a_split_generation_is_charged_the_sum_only_when_every_job_says_its_charge() {
    charges("task-1", "0.04");
    charges("task-2", "0.05");
    CompletableFuture<GenerationResult> both =
        client(null).generate("fake", count(4), AwaitOptions.defaults());
    time.advance(Duration.ofSeconds(10));
    assertEquals(
        Optional.of(dev.nanobanana4j.core.domain.Money.usd("0.09")), Fixtures.done(both).charged());
    charges("task-3", "0.04");
    charges("task-4", null);
    CompletableFuture<GenerationResult> one =
        client(null).generate("fake", count(4), AwaitOptions.defaults());
    time.advance(Duration.ofSeconds(10));
    assertEquals(Optional.empty(), Fixtures.done(one).charged(), "one job said nothing");
  }

  @Test
  void a_count_one_call_makes_is_one_job() {
    succeeds("task-1", 2);
    CompletableFuture<GenerationResult> future =
        client(null).generate("fake", count(2), AwaitOptions.defaults());
    time.advance(Duration.ofSeconds(10));
    assertEquals(List.of(2), sent);
    assertEquals(List.of(Fixtures.done(future).handle()), Fixtures.done(future).handles());
  }

  @Test
  void a_partial_success_keeps_the_paid_images_and_names_each_failure() {
    succeeds("task-1", 2);
    fails("task-2");
    succeeds("task-3", 1);
    CompletableFuture<GenerationResult> future =
        client(null).generate("fake", count(5), AwaitOptions.defaults());
    time.advance(Duration.ofSeconds(10));
    GenerationResult result = Fixtures.done(future);
    assertTrue(result.isPartial());
    assertEquals(3, result.images().size());
    assertEquals(3, result.handles().size(), "the failed job was submitted: its handle is kept");
    GenerationResult.Failure failure = result.failures().get(0);
    assertEquals(2, failure.count());
    assertEquals("task-2", failure.handle().orElseThrow().taskId());
    assertInstanceOf(JobFailedException.class, failure.error());
  }

  @Test
  void a_submission_that_fails_is_a_failure_without_a_handle() {
    OutcomeUnknownException unknown =
        new OutcomeUnknownException("maybe", ErrorContext.of("fake", Operation.SUBMIT), null);
    org.mockito.Mockito.doReturn(
            CompletableFuture.completedFuture(JobHandle.of("fake", "task-1", START)),
            CompletableFuture.failedFuture(unknown))
        .when(provider)
        .submit(any());
    succeeds("task-1", 2);
    CompletableFuture<GenerationResult> future =
        client(null).generate("fake", count(3), AwaitOptions.defaults());
    time.advance(Duration.ofSeconds(10));
    GenerationResult result = Fixtures.done(future);
    assertEquals(2, result.images().size());
    assertEquals(Optional.empty(), result.failures().get(0).handle());
    assertSame(unknown, result.failures().get(0).error());
  }

  @Test
  void when_no_call_makes_an_image_the_generation_fails_with_every_cause() {
    fails("task-1");
    fails("task-2");
    CompletableFuture<GenerationResult> future =
        client(null).generate("fake", count(4), AwaitOptions.defaults());
    time.advance(Duration.ofSeconds(10));
    JobFailedException e = assertInstanceOf(JobFailedException.class, cause(future));
    assertEquals(Optional.of("task-1"), e.taskId());
    assertEquals(1, e.getSuppressed().length);
  }

  @Test
  void more_calls_than_the_limit_are_refused_before_sending() {
    RequestValidationException e =
        assertInstanceOf(
            RequestValidationException.class,
            cause(client(null).generate("fake", count(65), AwaitOptions.defaults())));
    assertEquals(
        List.of(
            "count is 65; fake makes 2 images per call, and the client splits a request into at"
                + " most 32 calls"),
        e.violations());
    verify(provider, never()).submit(any());
  }

  @Test
  void a_whole_over_the_budget_is_refused_before_any_call_and_each_call_reserves_its_share() {
    Budget budget = Budget.of(Money.usd("0.20"));
    CompletableFuture<GenerationResult> over =
        client(budget).generate("fake", count(5), AwaitOptions.defaults());
    assertInstanceOf(BudgetExceededException.class, cause(over));
    verify(provider, never()).submit(any());
    assertEquals(0, budget.reserved().amount().signum(), "the check reserved nothing");

    CompletableFuture<GenerationResult> fits =
        client(budget).generate("fake", count(3), AwaitOptions.defaults());
    assertEquals(List.of(2, 1), sent);
    assertEquals(0, budget.reserved().amount().compareTo(new java.math.BigDecimal("0.15")));
    succeeds("task-1", 2);
    succeeds("task-2", 1);
    time.advance(Duration.ofSeconds(10));
    assertEquals(3, Fixtures.done(fits).images().size());
    assertEquals(0, budget.spent().amount().compareTo(new java.math.BigDecimal("0.15")));
  }

  @Test
  void the_estimate_of_a_split_count_is_the_whole_and_a_part_beyond_the_limits_is_refused() {
    NanoBananaClient client = client(null);
    assertEquals(Money.usd("0.25"), client.estimate("fake", count(5)).total().orElseThrow());
    assertThrows(
        RequestValidationException.class,
        () ->
            client.estimate(
                "fake", ImageRequest.builder().prompt("x".repeat(101)).count(5).build()));
    assertInstanceOf(RequestValidationException.class, cause(client.submit("fake", count(5))));
  }

  @Test
  void cancelling_the_generation_stops_the_wait_of_every_call() {
    CompletableFuture<GenerationResult> future =
        client(null).generate("fake", count(4), AwaitOptions.defaults());
    assertTrue(future.cancel(false));
    time.advance(Duration.ofMinutes(5));
    verify(provider, never()).status(any());
  }
}
