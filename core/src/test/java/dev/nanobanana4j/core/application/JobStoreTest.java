package dev.nanobanana4j.core.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.nanobanana4j.core.application.callbacks.CallbackReceiver;
import dev.nanobanana4j.core.application.callbacks.Callbacks;
import dev.nanobanana4j.core.application.jobs.FleetOptions;
import dev.nanobanana4j.core.application.waiting.AwaitOptions;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.Money;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.JobStoreException;
import dev.nanobanana4j.core.error.JobTimeoutException;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.error.OutcomeUnknownException;
import dev.nanobanana4j.core.error.ProviderUnavailableException;
import dev.nanobanana4j.core.port.CallbackPort;
import dev.nanobanana4j.core.port.CallbackRequest;
import dev.nanobanana4j.core.port.ImageProvider;
import dev.nanobanana4j.core.port.JobStore;
import dev.nanobanana4j.core.port.Secret;
import dev.nanobanana4j.core.port.StoredJob;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A client with a job store: every submission in the books before it is sent, every wait taking the
 * job's lease or following the job through the store, and the jobs of instances that died taken
 * over. On virtual time, against a store in memory.
 */
class JobStoreTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final ImageRequest REQUEST = ImageRequest.builder().prompt("a fox").build();
  private static final JobStatus SUCCEEDED =
      new JobStatus.Succeeded(
          List.of(GeneratedImage.ofUrl(URI.create("https://cdn.example/1.png"), "image/png")));

  private final VirtualTime time = new VirtualTime(START);
  private final MemoryJobStore store = spy(new MemoryJobStore());
  private final ImageProvider provider = Fixtures.provider("acme");
  private final JobHandle handle = JobHandle.of("acme", "t-1", START);

  private NanoBananaClient client(FleetOptions fleet) {
    return client(fleet, provider);
  }

  private NanoBananaClient client(FleetOptions fleet, ImageProvider with) {
    return NanoBananaClient.builder()
        .provider(with)
        .clock(time)
        .scheduler(time)
        .random(() -> 0.5)
        .jobStore(store)
        .storeExecutor(Runnable::run)
        .fleet(fleet)
        .build();
  }

  private static FleetOptions fleet(String id) {
    return FleetOptions.defaults().withInstanceId(id);
  }

  private StoredJob stored() {
    return store.find("acme", "t-1").orElseThrow();
  }

  @Test
  void a_submission_is_in_the_books_before_it_is_sent_and_its_handle_after() {
    when(provider.submit(any()))
        .thenAnswer(
            call -> {
              StoredJob recorded = store.list(Set.of(), 10).get(0);
              assertEquals(StoredJob.State.SUBMITTING, recorded.state(), "recorded before");
              assertEquals("a fox", recorded.prompt());
              assertEquals("1 image", recorded.summary());
              assertEquals(Optional.of(Money.usd("0.05")), recorded.estimate());
              return CompletableFuture.completedFuture(handle);
            });
    JobHandle accepted = Fixtures.done(client(fleet("a")).submit("acme", REQUEST));
    assertEquals(handle.taskId(), accepted.taskId());
    assertEquals(
        Optional.of(stored().id()), accepted.submissionId(), "the handle names its submission");
    assertEquals(StoredJob.State.ACCEPTED, stored().state());
    assertEquals(Optional.of(accepted.toToken()), stored().token());
    assertEquals(Optional.empty(), stored().leaseOwner(), "no lease until a wait");
  }

  @Test
  void a_store_that_cannot_record_the_submission_stops_it_before_it_is_sent() {
    doThrow(new IllegalStateException("disk full")).when(store).submitting(any());
    Throwable error = Fixtures.cause(client(fleet("a")).submit("acme", REQUEST));
    assertInstanceOf(JobStoreException.class, error);
    assertEquals(Operation.STORE, ((JobStoreException) error).operation());
    verify(provider, never()).submit(any());
  }

  @Test
  void a_refusal_and_an_unknown_outcome_are_kept_apart() {
    when(provider.submit(any()))
        .thenReturn(
            CompletableFuture.failedFuture(
                new ProviderUnavailableException(
                    "refused", ErrorContext.of("acme", Operation.SUBMIT), false, null, null)))
        .thenReturn(
            CompletableFuture.failedFuture(
                new OutcomeUnknownException(
                    "timed out", ErrorContext.of("acme", Operation.SUBMIT), null)));
    NanoBananaClient client = client(fleet("a"));
    Fixtures.cause(client.submit("acme", REQUEST));
    Fixtures.cause(client.submit("acme", REQUEST));
    assertEquals(1, store.list(Set.of(StoredJob.State.REFUSED), 10).size());
    assertEquals(1, store.list(Set.of(StoredJob.State.OUTCOME_UNKNOWN), 10).size());
  }

  @Test
  void a_wait_takes_the_lease_polls_and_settles_the_job_in_the_store() {
    when(provider.status(handle)).thenReturn(CompletableFuture.completedFuture(SUCCEEDED));
    CompletableFuture<JobStatus> wait = client(fleet("a")).await(handle);
    assertEquals(Optional.of("a"), stored().leaseOwner(), "resumed, tracked and leased");
    time.advance(Duration.ofSeconds(30));
    assertEquals(SUCCEEDED, Fixtures.done(wait));
    assertEquals(StoredJob.State.SUCCEEDED, stored().state());
    assertEquals(Optional.empty(), stored().leaseOwner());
    assertEquals(1, store.settlements);
  }

  @Test
  void a_job_settled_in_the_store_is_answered_from_it_without_a_call() {
    store.track(handle, START);
    store.settle(handle, SUCCEEDED, "b", START);
    assertEquals(SUCCEEDED, Fixtures.done(client(fleet("a")).await(handle)));
    verify(provider, never()).status(any());
  }

  @Test
  void a_job_another_instance_polls_is_followed_until_that_instance_settles_it() {
    store.track(handle, START);
    assertTrue(store.claim(handle, "b", START, START.plusSeconds(30)));
    CompletableFuture<JobStatus> wait = client(fleet("a")).await(handle);
    time.advance(Duration.ofSeconds(12));
    store.renew("b", time.instant().plusSeconds(30));
    time.advance(Duration.ofSeconds(12));
    assertFalse(wait.isDone());
    store.settle(handle, SUCCEEDED, "b", time.instant()); // b's notice reaches a
    assertEquals(SUCCEEDED, Fixtures.done(wait));
    verify(provider, never()).status(any());
  }

  @Test
  void the_wait_is_taken_over_when_the_lease_of_the_polling_instance_expires() {
    when(provider.status(handle)).thenReturn(CompletableFuture.completedFuture(SUCCEEDED));
    store.track(handle, START);
    store.claim(handle, "dead", START, START.plusSeconds(30));
    CompletableFuture<JobStatus> wait = client(fleet("a")).await(handle);
    time.advance(Duration.ofSeconds(29));
    assertFalse(wait.isDone(), "the lease still holds");
    verify(provider, never()).status(any());
    time.advance(Duration.ofSeconds(30));
    assertEquals(SUCCEEDED, Fixtures.done(wait));
    assertEquals(StoredJob.State.SUCCEEDED, stored().state());
  }

  @Test
  void a_followed_wait_ends_at_its_deadline() {
    store.track(handle, START);
    store.claim(handle, "b", START, START.plusSeconds(3600));
    CompletableFuture<JobStatus> wait =
        client(fleet("a")).await(handle, AwaitOptions.timeout(Duration.ofSeconds(20)));
    time.advance(Duration.ofSeconds(21));
    JobTimeoutException timeout = (JobTimeoutException) Fixtures.cause(wait);
    assertEquals(handle, timeout.handle());
  }

  @Test
  void leases_are_renewed_while_polling_and_given_up_when_the_client_closes() {
    when(provider.status(handle)).thenReturn(new CompletableFuture<>());
    NanoBananaClient client = client(fleet("a"));
    client.await(handle);
    time.advance(Duration.ofSeconds(60));
    assertTrue(
        stored().leaseUntil().orElseThrow().isAfter(time.instant()), "renewed past its first end");
    client.close();
    assertEquals(Optional.empty(), stored().leaseOwner());
  }

  @Test
  void orphans_are_taken_over_only_by_an_instance_that_takes_them() {
    when(provider.status(handle)).thenReturn(CompletableFuture.completedFuture(SUCCEEDED));
    store.track(handle, START);
    client(fleet("cli").withTakeOverOrphans(false));
    time.advance(Duration.ofSeconds(60));
    assertEquals(StoredJob.State.ACCEPTED, stored().state(), "a command run leaves it alone");
    JobHandle elsewhere = JobHandle.of("other", "t-2", START);
    store.track(elsewhere, START); // a provider the survivor has not configured
    client(fleet("survivor"));
    time.advance(Duration.ofSeconds(60));
    assertEquals(StoredJob.State.SUCCEEDED, stored().state());
    assertEquals(1, store.settlements);
    StoredJob other = store.find("other", "t-2").orElseThrow();
    assertEquals(Optional.empty(), other.leaseOwner(), "left to an instance that can poll it");
  }

  @Test
  void a_wait_for_a_job_taken_over_here_follows_that_polling_instead_of_polling_again() {
    when(provider.status(handle)).thenReturn(CompletableFuture.completedFuture(SUCCEEDED));
    store.track(handle, START);
    NanoBananaClient client = client(fleet("a").withTakeOverOrphans(true));
    time.advance(Duration.ofSeconds(6)); // taken over at the first check, not yet polled
    assertEquals(Optional.of("a"), stored().leaseOwner());
    CompletableFuture<JobStatus> wait = client.await(handle);
    time.advance(Duration.ofSeconds(30));
    assertEquals(SUCCEEDED, Fixtures.done(wait));
    verify(provider, times(1)).status(handle);
  }

  @Test
  void a_store_that_fails_during_a_wait_leaves_the_wait_to_poll() {
    when(provider.status(handle)).thenReturn(CompletableFuture.completedFuture(SUCCEEDED));
    JobStore broken = mock(JobStore.class);
    when(broken.subscribe(any())).thenThrow(new IllegalStateException("down"));
    doThrow(new IllegalStateException("down")).when(broken).track(any(), any());
    when(broken.settle(any(), any(), any(), any())).thenThrow(new IllegalStateException("down"));
    NanoBananaClient client =
        NanoBananaClient.builder()
            .provider(provider)
            .clock(time)
            .scheduler(time)
            .jobStore(broken)
            // The store's calls on the caller's thread: the test decides when time moves.
            .storeExecutor(Runnable::run)
            .build();
    CompletableFuture<JobStatus> wait = client.await(handle);
    time.advance(Duration.ofSeconds(30));
    assertSame(SUCCEEDED, Fixtures.done(wait));
  }

  @Test
  void a_single_status_call_brings_the_stored_job_up_to_date() {
    when(provider.status(handle))
        .thenReturn(CompletableFuture.completedFuture(new JobStatus.Running()))
        .thenReturn(CompletableFuture.completedFuture(SUCCEEDED));
    NanoBananaClient client = client(fleet("a"));
    Fixtures.done(client.status(handle));
    assertEquals(StoredJob.State.RUNNING, stored().state());
    Fixtures.done(client.status(handle));
    assertEquals(StoredJob.State.SUCCEEDED, stored().state());
  }

  @Test
  void a_callback_for_a_job_another_instance_submitted_settles_it_in_the_store() {
    ImageProvider hooked =
        mock(ImageProvider.class, withSettings().extraInterfaces(CallbackPort.class));
    when(hooked.info()).thenReturn(Fixtures.info("hooked", "0.05", true));
    when(hooked.id()).thenReturn("hooked");
    CallbackPort port = (CallbackPort) hooked;
    when(port.callbackSecurity()).thenReturn(CallbackPort.Security.SIGNED);
    when(port.verifySignature(any(), any())).thenReturn(CallbackPort.SignatureCheck.VALID);
    when(port.readEvent(any())).thenCallRealMethod();
    when(port.readCallback(any()))
        .thenReturn(new CallbackPort.CallbackEvent("t-9", SUCCEEDED, Optional.empty()));
    JobHandle elsewhere = JobHandle.of("hooked", "t-9", START);
    store.track(elsewhere, START); // submitted by another instance of the fleet
    NanoBananaClient client =
        NanoBananaClient.builder()
            .provider(hooked)
            .clock(time)
            .scheduler(time)
            .jobStore(store)
            .storeExecutor(Runnable::run)
            .callbacks(
                Callbacks.builder()
                    .url(URI.create("https://app.example/cb"))
                    .secret(Secret.of("0123456789abcdef-secret"))
                    .build())
            .build();
    CallbackReceiver.Result result =
        client
            .callbackReceiver()
            .receive(
                "hooked",
                new CallbackRequest(URI.create("https://app.example/cb"), Map.of(), new byte[0]));
    assertEquals(CallbackReceiver.Outcome.COMPLETED, result.outcome());
    assertEquals(StoredJob.State.SUCCEEDED, store.find("hooked", "t-9").orElseThrow().state());
  }

  @Test
  void a_callback_settles_a_submission_whose_answer_was_never_recorded_found_by_its_reference() {
    ImageProvider hooked =
        mock(ImageProvider.class, withSettings().extraInterfaces(CallbackPort.class));
    when(hooked.info()).thenReturn(Fixtures.info("hooked", "0.05", true));
    when(hooked.id()).thenReturn("hooked");
    when(hooked.violations(any())).thenCallRealMethod();
    when(hooked.estimate(any())).thenCallRealMethod();
    java.util.List<ImageRequest> sent = new java.util.ArrayList<>();
    // The process that sent it never hears the answer: it died, as far as the store can tell.
    when(hooked.submit(any()))
        .thenAnswer(
            call -> {
              sent.add(call.getArgument(0));
              return new CompletableFuture<JobHandle>();
            });
    CallbackPort port = (CallbackPort) hooked;
    when(port.callbackSecurity()).thenReturn(CallbackPort.Security.URL_TOKEN);
    when(port.readEvent(any())).thenCallRealMethod();
    NanoBananaClient client =
        NanoBananaClient.builder()
            .provider(hooked)
            .clock(time)
            .scheduler(time)
            .jobStore(store)
            .storeExecutor(Runnable::run)
            .callbacks(
                Callbacks.builder()
                    .url(URI.create("https://app.example/cb"))
                    .secret(Secret.of("0123456789abcdef-secret"))
                    .build())
            .build();
    client.submit("hooked", REQUEST);
    StoredJob submitting = store.list(Set.of(StoredJob.State.SUBMITTING), 10).get(0);
    URI callbackUrl = sent.get(0).callbackUrl().orElseThrow();
    CallbackRequest callback = new CallbackRequest(callbackUrl, Map.of(), new byte[0]);

    // Progress names no job yet: acknowledged, nothing recorded.
    when(port.readCallback(any()))
        .thenReturn(
            new CallbackPort.CallbackEvent("t-77", new JobStatus.Running(), Optional.empty()));
    assertEquals(
        CallbackReceiver.Outcome.IGNORED,
        client.callbackReceiver().receive("hooked", callback).outcome());
    assertEquals(StoredJob.State.SUBMITTING, store.get(submitting.id()).orElseThrow().state());

    // The end names it by the token's nonce, the submission's reference: recorded and settled.
    when(port.readCallback(any()))
        .thenReturn(new CallbackPort.CallbackEvent("t-77", SUCCEEDED, Optional.empty()));
    assertEquals(
        CallbackReceiver.Outcome.COMPLETED,
        client.callbackReceiver().receive("hooked", callback).outcome());
    StoredJob settled = store.get(submitting.id()).orElseThrow();
    assertEquals(StoredJob.State.SUCCEEDED, settled.state());
    assertEquals(Optional.of("t-77"), settled.taskId());
    JobHandle named = settled.handle().orElseThrow();
    assertEquals(Optional.of(submitting.id()), named.submissionId());
    assertEquals(
        Callbacks.nonce(
            CallbackRequest.queryParameter(callbackUrl, CallbackPort.URL_TOKEN_PARAMETER)),
        Optional.ofNullable(named.attributes().get("callback")),
        "the token that may settle it");
    // Told again (vendors repeat themselves): settled once.
    assertEquals(
        CallbackReceiver.Outcome.ACCEPTED,
        client.callbackReceiver().receive("hooked", callback).outcome());
    assertEquals(1, store.settlements);

    // Another task's end under a token no submission was recorded with: not ours.
    URI stranger =
        Callbacks.builder()
            .url(URI.create("https://app.example/cb"))
            .secret(Secret.of("0123456789abcdef-secret"))
            .build()
            .urlFor("hooked", time.instant());
    when(port.readCallback(any()))
        .thenReturn(new CallbackPort.CallbackEvent("t-78", SUCCEEDED, Optional.empty()));
    assertEquals(
        CallbackReceiver.Outcome.UNKNOWN_JOB,
        client
            .callbackReceiver()
            .receive("hooked", new CallbackRequest(stranger, Map.of(), new byte[0]))
            .outcome());
    assertTrue(store.find("hooked", "t-78").isEmpty());
  }

  @Test
  void fleet_options_refuse_a_lease_shorter_than_three_checks() {
    assertThrows(
        IllegalArgumentException.class,
        () -> FleetOptions.defaults().withLease(Duration.ofSeconds(10), Duration.ofSeconds(5)));
    assertThrows(IllegalArgumentException.class, () -> FleetOptions.defaults().withInstanceId(" "));
    assertTrue(FleetOptions.defaults().takeOverOrphans(), "on wherever a store is shared");
    assertTrue(FleetOptions.defaults().toString().contains("lease=PT30S"));
  }

  @Test
  void a_job_whose_result_came_as_bytes_is_asked_of_the_vendor_again() {
    JobStatus inline =
        new JobStatus.Succeeded(List.of(GeneratedImage.ofBytes(new byte[] {1, 2, 3}, "image/png")));
    store.track(handle, START);
    store.settle(handle, inline, "b", START);
    when(provider.status(handle)).thenReturn(CompletableFuture.completedFuture(SUCCEEDED));
    CompletableFuture<JobStatus> wait = client(fleet("a")).await(handle);
    time.advance(Duration.ofSeconds(30));
    assertEquals(SUCCEEDED, Fixtures.done(wait));
    verify(provider).status(handle);
  }

  @Test
  void a_wait_that_times_out_gives_up_its_lease_for_another_instance() {
    when(provider.status(handle)).thenReturn(new CompletableFuture<>());
    CompletableFuture<JobStatus> wait =
        client(fleet("a")).await(handle, AwaitOptions.timeout(Duration.ofSeconds(20)));
    assertEquals(Optional.of("a"), stored().leaseOwner());
    time.advance(Duration.ofSeconds(30));
    assertInstanceOf(JobTimeoutException.class, Fixtures.cause(wait));
    assertEquals(Optional.empty(), stored().leaseOwner());
  }

  @Test
  void a_job_polled_here_but_settled_elsewhere_ends_its_wait_at_once() {
    when(provider.status(handle)).thenReturn(new CompletableFuture<>());
    CompletableFuture<JobStatus> wait = client(fleet("a")).await(handle);
    time.advance(Duration.ofSeconds(30)); // polling, no answer yet
    assertFalse(wait.isDone());
    // Another instance received the vendor's callback and settled it.
    store.settle(handle, SUCCEEDED, "b", time.instant());
    assertEquals(SUCCEEDED, Fixtures.done(wait));
  }

  @Test
  void closing_the_client_cancels_the_waits_it_follows_and_gives_up_its_leases() {
    store.track(handle, START);
    store.claim(handle, "b", START, START.plusSeconds(3600));
    NanoBananaClient client = client(fleet("a"));
    CompletableFuture<JobStatus> following = client.await(handle);
    JobHandle other = JobHandle.of("acme", "t-2", START);
    when(provider.status(other)).thenReturn(new CompletableFuture<>());
    client.await(other);
    assertEquals(Optional.of("a"), store.find("acme", "t-2").orElseThrow().leaseOwner());
    client.close();
    assertTrue(following.isCancelled());
    assertEquals(Optional.empty(), store.find("acme", "t-2").orElseThrow().leaseOwner());
    verify(store).releaseAll("a");
  }

  @Test
  void a_callback_for_a_job_settled_already_completes_nothing() {
    ImageProvider hooked =
        mock(ImageProvider.class, withSettings().extraInterfaces(CallbackPort.class));
    when(hooked.info()).thenReturn(Fixtures.info("hooked", "0.05", true));
    when(hooked.id()).thenReturn("hooked");
    CallbackPort port = (CallbackPort) hooked;
    when(port.callbackSecurity()).thenReturn(CallbackPort.Security.SIGNED);
    when(port.verifySignature(any(), any())).thenReturn(CallbackPort.SignatureCheck.VALID);
    when(port.readEvent(any())).thenCallRealMethod();
    when(port.readCallback(any()))
        .thenReturn(new CallbackPort.CallbackEvent("t-9", SUCCEEDED, Optional.empty()));
    JobHandle elsewhere = JobHandle.of("hooked", "t-9", START);
    store.track(elsewhere, START);
    store.settle(elsewhere, new JobStatus.Cancelled(), "b", START);
    NanoBananaClient client =
        NanoBananaClient.builder()
            .provider(hooked)
            .clock(time)
            .scheduler(time)
            .jobStore(store)
            .storeExecutor(Runnable::run)
            .build();
    CallbackReceiver.Result result =
        client
            .callbackReceiver()
            .receive(
                "hooked",
                new CallbackRequest(URI.create("https://app.example/cb"), Map.of(), new byte[0]));
    assertEquals(CallbackReceiver.Outcome.ACCEPTED, result.outcome());
    assertEquals(StoredJob.State.CANCELLED, store.find("hooked", "t-9").orElseThrow().state());
  }

  @Test
  void a_job_submitted_here_and_settled_by_another_instance_settles_this_clients_budget() {
    when(provider.submit(any())).thenReturn(CompletableFuture.completedFuture(handle));
    dev.nanobanana4j.core.application.routing.Budget budget =
        dev.nanobanana4j.core.application.routing.Budget.of(Money.usd("1.00"));
    NanoBananaClient client =
        NanoBananaClient.builder()
            .provider(provider)
            .clock(time)
            .scheduler(time)
            .jobStore(store)
            .storeExecutor(Runnable::run)
            .fleet(fleet("a"))
            .budget(budget)
            .build();
    Fixtures.done(client.submit("acme", REQUEST));
    assertEquals(Money.usd("0.05").amount(), budget.reserved().amount());
    store.claim(handle, "b", START, START.plusSeconds(3600)); // b took it over
    CompletableFuture<JobStatus> wait = client.await(handle);
    store.settle(handle, SUCCEEDED, "b", START);
    assertEquals(SUCCEEDED, Fixtures.done(wait));
    assertEquals(0, budget.reserved().amount().signum(), "no longer reserved");
    assertEquals(Money.usd("0.05").amount(), budget.spent().amount());
    // A second wait, answered from the store, settles nothing twice.
    assertEquals(SUCCEEDED, Fixtures.done(client.await(handle)));
    assertEquals(Money.usd("0.05").amount(), budget.spent().amount());
    verify(provider, never()).status(any());
  }
}
