package dev.nanobanana4j.core.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.nanobanana4j.core.application.jobs.FleetOptions;
import dev.nanobanana4j.core.application.waiting.AwaitOptions;
import dev.nanobanana4j.core.domain.FailureReason;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.error.JobStoreException;
import dev.nanobanana4j.core.error.JobTimeoutException;
import dev.nanobanana4j.core.port.ImageProvider;
import dev.nanobanana4j.core.port.JobStore;
import dev.nanobanana4j.core.port.StoredJob;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * The ledger keeps its word when things go wrong: a vendor that reuses a task id, a store that
 * fails writes or stops answering, a process that died before its submission's answer was recorded.
 * On virtual time, against a store in memory.
 */
class LedgerFaultsTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final ImageRequest REQUEST = ImageRequest.builder().prompt("a fox").build();
  private static final JobStatus SUCCEEDED =
      new JobStatus.Succeeded(
          List.of(GeneratedImage.ofUrl(URI.create("https://cdn.example/old.png"), "image/png")));
  private static final JobStatus FAILED =
      new JobStatus.Failed(FailureReason.CONTENT_POLICY, Optional.of("E1"), "refused by policy");

  private final VirtualTime time = new VirtualTime(START);
  private final MemoryJobStore store = spy(new MemoryJobStore());
  private final ImageProvider provider = Fixtures.provider("acme");
  private final JobHandle handle = JobHandle.of("acme", "task_12345678", START);

  private NanoBananaClient client(FleetOptions fleet, Executor storeExecutor) {
    return NanoBananaClient.builder()
        .provider(provider)
        .clock(time)
        .scheduler(time)
        .random(() -> 0.5)
        .jobStore(store)
        .storeExecutor(storeExecutor)
        .fleet(fleet)
        .build();
  }

  private NanoBananaClient client() {
    return client(FleetOptions.defaults().withInstanceId("a"), Runnable::run);
  }

  private static JobStore.Submission submission(String id, Instant at) {
    return new JobStore.Submission(
        id, "acme", "a fox", "1 image", Optional.empty(), Optional.empty(), at);
  }

  @Test
  void a_task_id_the_vendor_gave_an_earlier_job_names_the_new_job_which_ends_its_own_way() {
    store.submitting(submission("earlier", START));
    store.accepted("earlier", handle.withAttribute(JobHandle.SUBMISSION, "earlier"), START);
    store.settle(handle, SUCCEEDED, "b", START);
    time.advance(Duration.ofMinutes(1));
    when(provider.submit(any())).thenReturn(CompletableFuture.completedFuture(handle));
    when(provider.status(any())).thenReturn(CompletableFuture.completedFuture(FAILED));

    NanoBananaClient client = client();
    JobHandle again = Fixtures.done(client.submit("acme", REQUEST));
    assertEquals(handle.taskId(), again.taskId());
    assertNotEquals(Optional.of("earlier"), again.submissionId());
    CompletableFuture<JobStatus> wait = client.await(again);
    time.advance(Duration.ofSeconds(30));

    assertEquals(FAILED, Fixtures.done(wait), "the new job's own end, not the earlier images");
    verify(provider).status(any());
    assertEquals(StoredJob.State.SUCCEEDED, store.get("earlier").orElseThrow().state());
    StoredJob later = store.get(again.submissionId().orElseThrow()).orElseThrow();
    assertEquals(StoredJob.State.FAILED, later.state());
    assertEquals(Optional.of(handle.taskId()), later.taskId());
  }

  @Test
  void writes_that_fail_are_tried_again_in_order_until_they_land() {
    when(provider.submit(any())).thenReturn(CompletableFuture.completedFuture(handle));
    when(provider.status(any())).thenReturn(CompletableFuture.completedFuture(SUCCEEDED));
    doThrow(new IllegalStateException("connection reset"))
        .doThrow(new IllegalStateException("connection reset"))
        .doCallRealMethod()
        .when(store)
        .accepted(any(), any(), any());
    NanoBananaClient client = client();

    CompletableFuture<JobHandle> submitted = client.submit("acme", REQUEST);
    String id = store.list(Set.of(), 1).get(0).id();
    assertEquals(StoredJob.State.SUBMITTING, store.get(id).orElseThrow().state(), "not yet");
    time.advance(Duration.ofMillis(299));
    assertFalse(submitted.isDone(), "the caller sees the job once the store has it");
    time.advance(Duration.ofMillis(1));
    JobHandle accepted = Fixtures.done(submitted);
    assertEquals(StoredJob.State.ACCEPTED, store.get(id).orElseThrow().state());
    CompletableFuture<JobStatus> wait = client.await(accepted);
    time.advance(Duration.ofSeconds(30));
    assertEquals(SUCCEEDED, Fixtures.done(wait));
    StoredJob job = store.get(id).orElseThrow();
    assertEquals(StoredJob.State.SUCCEEDED, job.state(), "acceptance, then settlement, landed");
    verify(store, times(3)).accepted(any(), any(), any());
    assertEquals(1, store.settlements);
  }

  @Test
  void a_store_that_fails_writes_for_long_delays_no_caller_past_its_bound() {
    when(provider.submit(any())).thenReturn(CompletableFuture.completedFuture(handle));
    when(provider.status(any())).thenReturn(CompletableFuture.completedFuture(SUCCEEDED));
    doThrow(new IllegalStateException("database restarting"))
        .when(store)
        .accepted(any(), any(), any());
    NanoBananaClient client = client();
    CompletableFuture<JobHandle> submitted = client.submit("acme", REQUEST);
    time.advance(Duration.ofSeconds(2));
    JobHandle accepted = Fixtures.done(submitted);
    CompletableFuture<JobStatus> wait =
        client.await(accepted, AwaitOptions.timeout(Duration.ofSeconds(40)));
    time.advance(Duration.ofSeconds(12));
    assertEquals(SUCCEEDED, Fixtures.done(wait), "polled here, the store's write still pending");
    assertEquals(
        StoredJob.State.SUBMITTING, store.get(accepted.submissionId().get()).get().state());

    doCallRealMethod().when(store).accepted(any(), any(), any());
    time.advance(Duration.ofSeconds(10));
    assertEquals(
        StoredJob.State.SUCCEEDED,
        store.get(accepted.submissionId().get()).get().state(),
        "both writes landed, in order, once the store was back");
  }

  @Test
  void a_submission_left_without_its_answer_is_marked_outcome_unknown_and_can_be_resolved() {
    store.submitting(submission("stranded", START));
    client(
        FleetOptions.defaults().withInstanceId("a").withUnansweredAfter(Duration.ofMinutes(1)),
        Runnable::run);
    time.advance(Duration.ofSeconds(55));
    assertEquals(StoredJob.State.SUBMITTING, store.get("stranded").orElseThrow().state());
    time.advance(Duration.ofSeconds(10));
    assertEquals(StoredJob.State.OUTCOME_UNKNOWN, store.get("stranded").orElseThrow().state());
    assertEquals(1, store.list(Set.of(StoredJob.State.OUTCOME_UNKNOWN), 10).size());

    // A person finds the job at the vendor: it is in flight again, named by its submission.
    assertTrue(store.resolve("stranded", Optional.of(handle), "found in the console", START));
    StoredJob resolved = store.get("stranded").orElseThrow();
    assertEquals(StoredJob.State.ACCEPTED, resolved.state());
    assertEquals(Optional.of("stranded"), resolved.handle().orElseThrow().submissionId());
    assertFalse(store.resolve("stranded", Optional.empty(), "twice", START), "once");
  }

  @Test
  void an_answer_recorded_late_still_lands_after_the_submission_was_swept() {
    store.submitting(submission("late", START));
    store.sweepUnanswered(START.plusSeconds(1), START.plusSeconds(1));
    store.accepted("late", handle, START.plusSeconds(2));
    assertEquals(StoredJob.State.ACCEPTED, store.get("late").orElseThrow().state());
  }

  @Test
  void a_store_that_does_not_answer_refuses_a_submission_in_time_and_nothing_is_sent() {
    Executor frozen = task -> {}; // takes every call, runs none
    NanoBananaClient client = client(FleetOptions.defaults().withInstanceId("a"), frozen);
    CompletableFuture<JobHandle> submitted = client.submit("acme", REQUEST);
    time.advance(Duration.ofMillis(1999));
    assertFalse(submitted.isDone());
    time.advance(Duration.ofMillis(1));
    Throwable error = Fixtures.cause(submitted);
    assertInstanceOf(JobStoreException.class, error);
    assertTrue(error.getMessage().contains("not sent"), error.getMessage());
    verify(provider, never()).submit(any());
  }

  @Test
  void a_wait_polls_the_vendor_itself_and_ends_by_its_deadline_when_the_store_does_not_answer() {
    when(provider.status(any()))
        .thenReturn(CompletableFuture.completedFuture(new JobStatus.Running(Optional.empty())));
    NanoBananaClient client = client(FleetOptions.defaults().withInstanceId("a"), task -> {});
    CompletableFuture<JobStatus> wait =
        client.await(handle, AwaitOptions.timeout(Duration.ofSeconds(20)));
    time.advance(Duration.ofSeconds(19));
    assertFalse(wait.isDone());
    verify(provider, times(1)).status(any());
    time.advance(Duration.ofSeconds(1));
    assertInstanceOf(JobTimeoutException.class, Fixtures.cause(wait), "by its deadline");

    when(provider.status(any())).thenReturn(CompletableFuture.completedFuture(SUCCEEDED));
    CompletableFuture<JobStatus> next =
        client.await(handle, AwaitOptions.timeout(Duration.ofSeconds(20)));
    time.advance(Duration.ofSeconds(12));
    assertEquals(SUCCEEDED, Fixtures.done(next), "the vendor's answer, though the store is away");
  }

  @Test
  void without_a_store_the_first_end_a_vendor_reports_stands() {
    ImageProvider hooked =
        org.mockito.Mockito.mock(
            ImageProvider.class,
            org.mockito.Mockito.withSettings()
                .extraInterfaces(dev.nanobanana4j.core.port.CallbackPort.class));
    when(hooked.info()).thenReturn(Fixtures.info("hooked", "0.05", true));
    when(hooked.id()).thenReturn("hooked");
    dev.nanobanana4j.core.port.CallbackPort port = (dev.nanobanana4j.core.port.CallbackPort) hooked;
    when(port.callbackSecurity())
        .thenReturn(dev.nanobanana4j.core.port.CallbackPort.Security.SIGNED);
    when(port.verifySignature(any(), any()))
        .thenReturn(dev.nanobanana4j.core.port.CallbackPort.SignatureCheck.VALID);
    when(port.readEvent(any())).thenCallRealMethod();
    JobStatus otherImages =
        new JobStatus.Succeeded(
            List.of(
                GeneratedImage.ofUrl(URI.create("https://cdn.example/other.png"), "image/png")));
    when(port.readCallback(any()))
        .thenReturn(
            new dev.nanobanana4j.core.port.CallbackPort.CallbackEvent(
                "t-9", SUCCEEDED, Optional.empty()))
        .thenReturn(
            new dev.nanobanana4j.core.port.CallbackPort.CallbackEvent(
                "t-9", FAILED, Optional.empty()))
        .thenReturn(
            new dev.nanobanana4j.core.port.CallbackPort.CallbackEvent(
                "t-9", otherImages, Optional.empty()));
    NanoBananaClient client =
        NanoBananaClient.builder().provider(hooked).clock(time).scheduler(time).build();
    JobHandle job = JobHandle.of("hooked", "t-9", START);
    when(hooked.status(job)).thenReturn(new CompletableFuture<>());
    CompletableFuture<JobStatus> wait = client.await(job);
    // The vendor calls back three times: succeeded, then failed, then succeeded with other images.
    for (int i = 0; i < 3; i++) {
      client
          .callbackReceiver()
          .receive(
              "hooked",
              new dev.nanobanana4j.core.port.CallbackRequest(
                  URI.create("https://app.example/cb"), java.util.Map.of(), new byte[0]));
    }
    assertEquals(SUCCEEDED, Fixtures.done(wait));
    // A wait that comes later hears the first end, not a report that contradicted it.
    assertEquals(SUCCEEDED, Fixtures.done(client.await(job)), "the first end stands");
  }

  @Test
  void an_instance_is_seen_in_the_store_while_it_runs_and_its_meters_say_how_the_store_is() {
    List<String> checks = new java.util.concurrent.CopyOnWriteArrayList<>();
    NanoBananaClient client =
        NanoBananaClient.builder()
            .provider(provider)
            .clock(time)
            .scheduler(time)
            .jobStore(store)
            .storeExecutor(Runnable::run)
            .fleet(FleetOptions.defaults().withInstanceId("a"))
            .observer(
                new dev.nanobanana4j.core.port.ClientObserver() {
                  @Override
                  public void storeChecked(int pending, int leases, int orphans, long unknown) {
                    checks.add(pending + "/" + leases + "/" + orphans + "/" + unknown);
                  }
                })
            .build();
    assertEquals(List.of("a"), store.instances(START).stream().map(JobStore.Instance::id).toList());
    assertEquals(Set.of("acme"), store.instances(START).get(0).providerIds());
    store.submitting(submission("unknown", START));
    store.notAccepted("unknown", StoredJob.State.OUTCOME_UNKNOWN, "timed out", START);
    time.advance(Duration.ofSeconds(5));
    assertEquals(List.of("0/0/0/1"), checks);
    assertEquals(START.plusSeconds(5), store.instances(START).get(0).lastSeen());
    client.close();
    assertEquals(List.of(), store.instances(START), "it leaves the fleet when it stops");
  }

  @Test
  void a_budget_shared_through_another_ledger_than_the_job_store_is_booked_all_the_same() {
    dev.nanobanana4j.core.port.BudgetLedger elsewhere =
        org.mockito.Mockito.mock(dev.nanobanana4j.core.port.BudgetLedger.class);
    when(elsewhere.reserve(any(), any())).thenReturn(Optional.of("r-1"));
    when(provider.submit(any())).thenReturn(CompletableFuture.completedFuture(handle));
    when(provider.status(any())).thenReturn(CompletableFuture.completedFuture(SUCCEEDED));
    NanoBananaClient client =
        NanoBananaClient.builder()
            .provider(provider)
            .clock(time)
            .scheduler(time)
            .jobStore(store)
            .storeExecutor(Runnable::run)
            .budget(
                dev.nanobanana4j.core.application.routing.Budget.shared(
                    "team", dev.nanobanana4j.core.domain.Money.usd("5"), elsewhere))
            .build();
    CompletableFuture<JobStatus> wait = client.await(Fixtures.done(client.submit("acme", REQUEST)));
    time.advance(Duration.ofSeconds(30));
    assertEquals(SUCCEEDED, Fixtures.done(wait));
    verify(elsewhere).commit("r-1");
  }

  @Test
  void an_instance_whose_lease_another_took_stops_polling_and_follows_the_store() {
    when(provider.status(any()))
        .thenReturn(CompletableFuture.completedFuture(new JobStatus.Running(Optional.empty())));
    doThrow(new IllegalStateException("database away")).when(store).renew(any(), any());
    NanoBananaClient client = client();
    store.track(handle, START);
    CompletableFuture<JobStatus> wait =
        client.await(handle, AwaitOptions.timeout(Duration.ofMinutes(10)));
    assertEquals(Optional.of("a"), store.find(handle).orElseThrow().leaseOwner());
    time.advance(Duration.ofSeconds(31)); // a's lease ran out while it could not renew it
    assertTrue(store.claim(handle, "b", time.instant(), time.instant().plusSeconds(30)));
    doCallRealMethod().when(store).renew(any(), any());
    time.advance(Duration.ofSeconds(5)); // a's check: its renewal renews nothing
    long polls = statusCalls();
    time.advance(Duration.ofSeconds(20));
    assertEquals(polls, statusCalls(), "no longer polled here");
    assertFalse(wait.isDone());
    store.settle(handle, SUCCEEDED, "b", time.instant()); // b's notice reaches a
    assertEquals(SUCCEEDED, Fixtures.done(wait));
  }

  private long statusCalls() {
    return org.mockito.Mockito.mockingDetails(provider).getInvocations().stream()
        .filter(call -> call.getMethod().getName().equals("status"))
        .count();
  }
}
