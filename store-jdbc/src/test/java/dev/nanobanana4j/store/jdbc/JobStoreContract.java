package dev.nanobanana4j.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.domain.FailureReason;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.Money;
import dev.nanobanana4j.core.port.JobStore;
import dev.nanobanana4j.core.port.StoredJob;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every database behind {@link JdbcJobStore} keeps: the job store's contract. */
abstract class JobStoreContract {
  static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
  static final Set<String> APIXO = Set.of("apixo");

  JdbcJobStore store;

  /** A new, empty store. */
  abstract JdbcJobStore open();

  @BeforeEach
  void openStore() {
    store = open();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  static JobHandle handle(String taskId) {
    return JobHandle.of("apixo", taskId, T0, Map.of(JobHandle.MODEL, "nano-banana"));
  }

  /** Records a submission and its acceptance; returns the handle. */
  JobHandle accepted(String taskId) {
    String id = UUID.randomUUID().toString();
    store.submitting(
        new JobStore.Submission(
            id,
            "apixo",
            "a fox",
            "1 image, 16:9",
            Optional.of(Money.usd("0.05")),
            Optional.empty(),
            T0));
    JobHandle handle = handle(taskId);
    store.accepted(id, handle, T0.plusSeconds(1));
    return handle;
  }

  @Test
  void a_submission_is_recorded_before_it_is_sent_and_its_answer_after() {
    String id = UUID.randomUUID().toString();
    store.submitting(
        new JobStore.Submission(
            id, "apixo", "a fox", "1 image", Optional.of(Money.usd("0.05")), Optional.empty(), T0));
    StoredJob submitting = store.list(Set.of(StoredJob.State.SUBMITTING), 10).get(0);
    assertEquals(id, submitting.id());
    assertEquals(Optional.empty(), submitting.taskId());
    JobHandle handle = handle("task-1");
    store.accepted(id, handle, T0.plusSeconds(1));
    StoredJob job = store.find("apixo", "task-1").orElseThrow();
    assertEquals(StoredJob.State.ACCEPTED, job.state());
    assertEquals(Optional.of(handle.toToken()), job.token());
    assertEquals(Optional.of(handle), job.handle());
    assertEquals("a fox", job.prompt());
    assertEquals(Optional.of(Money.usd("0.05")), job.estimate());
    assertEquals(T0, job.createdAt());
    assertEquals(T0.plusSeconds(1), job.updatedAt());
  }

  @Test
  void a_refused_or_unanswered_submission_is_kept_with_what_happened() {
    String refused = UUID.randomUUID().toString();
    String unknown = UUID.randomUUID().toString();
    for (String id : List.of(refused, unknown)) {
      store.submitting(
          new JobStore.Submission(id, "apixo", "p", "s", Optional.empty(), Optional.empty(), T0));
    }
    store.notAccepted(refused, StoredJob.State.REFUSED, "HTTP 429", T0);
    store.notAccepted(unknown, StoredJob.State.OUTCOME_UNKNOWN, "timed out", T0);
    assertEquals(1, store.list(Set.of(StoredJob.State.REFUSED), 10).size());
    StoredJob job = store.list(Set.of(StoredJob.State.OUTCOME_UNKNOWN), 10).get(0);
    assertEquals(unknown, job.id());
    assertEquals(Optional.of(T0), job.settledAt());
    assertEquals(2, store.list(Set.of(), 10).size());
  }

  @Test
  void a_job_settles_once_with_its_images() {
    JobHandle handle = accepted("task-1");
    GeneratedImage image =
        GeneratedImage.ofUrl(URI.create("https://cdn.example/a.png"), "image/png")
            .withExpiresAt(T0.plusSeconds(86_400))
            .withSize(1024, 768);
    assertTrue(store.settle(handle, new JobStatus.Succeeded(List.of(image)), "a", T0));
    assertFalse(
        store.settle(
            handle,
            new JobStatus.Failed(FailureReason.PROVIDER_ERROR, Optional.of("E1"), "late"),
            "b",
            T0));
    StoredJob job = store.find("apixo", "task-1").orElseThrow();
    assertEquals(StoredJob.State.SUCCEEDED, job.state());
    assertEquals(List.of(image), job.images());
    assertEquals(Optional.of(new JobStatus.Succeeded(List.of(image))), job.terminalStatus());
  }

  @Test
  void a_failure_keeps_its_reason_code_and_message() {
    JobHandle handle = accepted("task-2");
    JobStatus.Failed failed =
        new JobStatus.Failed(FailureReason.CONTENT_POLICY, Optional.of("NSFW"), "blocked");
    assertTrue(store.settle(handle, failed, "a", T0));
    assertEquals(Optional.of(failed), store.find("apixo", "task-2").orElseThrow().terminalStatus());
  }

  @Test
  void of_many_concurrent_settlements_exactly_one_wins() throws Exception {
    JobHandle handle = accepted("task-race");
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Boolean>> tries = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String by = "instance-" + i;
        tries.add(() -> store.settle(handle, new JobStatus.Cancelled(), by, T0));
      }
      int won = 0;
      for (Future<Boolean> attempt : threads.invokeAll(tries, 30, TimeUnit.SECONDS)) {
        won += attempt.get() ? 1 : 0;
      }
      assertEquals(1, won);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void progress_moves_a_job_in_flight_and_never_an_ended_one() {
    JobHandle handle = accepted("task-3");
    store.progressed(handle, new JobStatus.Running(), T0);
    assertEquals(StoredJob.State.RUNNING, store.find("apixo", "task-3").orElseThrow().state());
    store.settle(handle, new JobStatus.Cancelled(), "a", T0);
    store.progressed(handle, new JobStatus.Running(), T0);
    assertEquals(StoredJob.State.CANCELLED, store.find("apixo", "task-3").orElseThrow().state());
  }

  @Test
  void a_resumed_token_is_tracked_once() {
    JobHandle handle = handle("elsewhere");
    store.track(handle, T0);
    store.track(handle, T0.plusSeconds(5));
    assertEquals(1, store.list(Set.of(), 10).size());
    assertEquals(StoredJob.State.ACCEPTED, store.find("apixo", "elsewhere").orElseThrow().state());
  }

  @Test
  void a_lease_is_held_by_one_owner_until_it_expires() {
    JobHandle handle = accepted("task-4");
    Instant until = T0.plusSeconds(30);
    assertTrue(store.claim(handle, "a", T0, until));
    assertTrue(store.claim(handle, "a", T0.plusSeconds(1), until), "the owner's own lease");
    assertFalse(store.claim(handle, "b", T0.plusSeconds(29), T0.plusSeconds(59)));
    assertEquals(1, store.renew("a", T0.plusSeconds(60)));
    assertFalse(store.claim(handle, "b", T0.plusSeconds(31), T0.plusSeconds(61)), "renewed");
    assertTrue(store.claim(handle, "b", T0.plusSeconds(61), T0.plusSeconds(91)), "expired");
    assertEquals(Optional.of("b"), store.find("apixo", "task-4").orElseThrow().leaseOwner());
    store.release(handle, "a");
    assertEquals(Optional.of("b"), store.find("apixo", "task-4").orElseThrow().leaseOwner());
    store.release(handle, "b");
    assertEquals(Optional.empty(), store.find("apixo", "task-4").orElseThrow().leaseOwner());
  }

  @Test
  void an_ended_job_has_no_lease_to_take() {
    JobHandle handle = accepted("task-5");
    store.settle(handle, new JobStatus.Cancelled(), "a", T0);
    assertFalse(store.claim(handle, "a", T0, T0.plusSeconds(30)));
  }

  @Test
  void orphans_are_taken_once_each_and_only_when_their_lease_is_free_or_expired() {
    JobHandle held = accepted("held");
    accepted("free");
    JobHandle expired = accepted("expired");
    JobHandle ended = accepted("ended");
    store.claim(held, "a", T0, T0.plusSeconds(30));
    store.claim(expired, "dead", T0, T0.plusSeconds(5));
    store.settle(ended, new JobStatus.Cancelled(), "a", T0);
    Instant now = T0.plusSeconds(10);
    List<String> taken =
        store.claimOrphans("b", APIXO, now, now.plusSeconds(30), 10).stream()
            .map(job -> job.taskId().orElseThrow())
            .sorted()
            .toList();
    assertEquals(List.of("expired", "free"), taken);
    assertEquals(List.of(), store.claimOrphans("c", APIXO, now, now.plusSeconds(30), 10));
    assertEquals(
        1, store.claimOrphans("c", APIXO, now.plusSeconds(40), now.plusSeconds(70), 1).size());
    store.releaseAll("b");
    store.releaseAll("c");
    assertEquals(
        List.of(),
        store.claimOrphans("d", Set.of("modellix"), now.plusSeconds(100), now, 10),
        "only the providers this instance can poll");
    Instant later = now.plusSeconds(100); // every lease has expired: the three in flight
    assertEquals(3, store.claimOrphans("d", APIXO, later, later.plusSeconds(1), 10).size());
  }

  @Test
  void subscribers_hear_of_each_settlement_once_in_this_process() throws Exception {
    JobHandle handle = accepted("task-6");
    List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    AutoCloseable subscription = store.subscribe((p, t) -> heard.add(p + "/" + t));
    store.settle(handle, new JobStatus.Cancelled(), "a", T0);
    store.settle(handle, new JobStatus.Cancelled(), "a", T0);
    assertEquals(List.of("apixo/task-6"), heard);
    subscription.close();
    store.settle(accepted("task-7"), new JobStatus.Cancelled(), "a", T0);
    assertEquals(1, heard.size(), "no calls after the subscription closed");
  }

  @Test
  void the_list_is_newest_first_and_bounded() {
    for (int i = 0; i < 5; i++) {
      String id = "id-" + i;
      store.submitting(
          new JobStore.Submission(
              id, "apixo", "p", "s", Optional.empty(), Optional.empty(), T0.plusSeconds(i)));
    }
    List<StoredJob> jobs = store.list(Set.of(), 3);
    assertEquals(List.of("id-4", "id-3", "id-2"), jobs.stream().map(StoredJob::id).toList());
  }

  @Test
  void many_jobs_are_found_in_one_call() {
    accepted("one");
    accepted("two");
    List<String> found =
        store.findAll("apixo", List.of("one", "two", "unknown")).stream()
            .map(job -> job.taskId().orElseThrow())
            .sorted()
            .toList();
    assertEquals(List.of("one", "two"), found);
    assertEquals(List.of(), store.findAll("modellix", List.of("one")));
  }

  @Test
  void a_shared_budget_reserves_atomically_and_settles_a_reservation_once_with_its_job()
      throws Exception {
    store.define("images", Money.usd("0.50"));
    ExecutorService threads = Executors.newFixedThreadPool(4);
    List<String> taken = new java.util.concurrent.CopyOnWriteArrayList<>();
    try {
      List<Callable<Boolean>> tries = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        tries.add(() -> store.reserve("images", Money.usd("0.05")).map(taken::add).orElse(false));
      }
      for (Future<Boolean> attempt : threads.invokeAll(tries, 30, TimeUnit.SECONDS)) {
        attempt.get();
      }
    } finally {
      threads.shutdownNow();
    }
    assertEquals(10, taken.size(), "0.50 holds ten reservations of 0.05");
    assertEquals(0, Money.usd("0.50").amount().compareTo(store.reserved("images").amount()));

    // A job carries its reservation: settling the job commits it, once.
    String id = UUID.randomUUID().toString();
    store.submitting(
        new JobStore.Submission(
            id, "apixo", "p", "s", Optional.empty(), Optional.of(taken.get(0)), T0));
    JobHandle handle = handle("budgeted");
    store.accepted(id, handle, T0);
    store.settle(
        handle,
        new JobStatus.Succeeded(
            List.of(GeneratedImage.ofUrl(URI.create("https://cdn.example/b.png"), "image/png"))),
        "a",
        T0);
    store.commit(taken.get(0));
    store.release(taken.get(0));
    assertEquals(0, Money.usd("0.05").amount().compareTo(store.spent("images").amount()));
    assertEquals(0, Money.usd("0.45").amount().compareTo(store.reserved("images").amount()));
    store.release(taken.get(1));
    store.release(taken.get(1));
    assertEquals(0, Money.usd("0.40").amount().compareTo(store.reserved("images").amount()));
    assertTrue(store.reserve("images", Money.usd("0.05")).isPresent(), "released is free again");
    assertTrue(
        store
            .reserve(
                "images",
                new Money(new java.math.BigDecimal("0.01"), java.util.Currency.getInstance("EUR")))
            .isEmpty(),
        "another currency");
  }

  /** Records a submission with a reservation in budget {@code images}; returns its id. */
  String submitted(String reservation) {
    String id = UUID.randomUUID().toString();
    store.submitting(
        new JobStore.Submission(
            id, "apixo", "p", "s", Optional.of(Money.usd("0.05")), Optional.of(reservation), T0));
    return id;
  }

  private static boolean same(String expected, Money actual) {
    return same(expected, actual.amount());
  }

  private static boolean same(String expected, java.math.BigDecimal actual) {
    return new java.math.BigDecimal(expected).compareTo(actual) == 0;
  }

  @Test
  void a_task_id_given_to_two_jobs_names_each_by_its_submission() {
    JobHandle earlier = accepted("task_12345678").withAttribute(JobHandle.SUBMISSION, "x");
    String earlierId = store.find("apixo", "task_12345678").orElseThrow().id();
    store.settle(
        JobHandle.of("apixo", "task_12345678", T0).withAttribute(JobHandle.SUBMISSION, earlierId),
        new JobStatus.Succeeded(
            List.of(GeneratedImage.ofUrl(URI.create("https://cdn.example/a.png"), "image/png"))),
        "a",
        T0);
    String laterId = UUID.randomUUID().toString();
    store.submitting(
        new JobStore.Submission(
            laterId,
            "apixo",
            "b",
            "1 image",
            Optional.empty(),
            Optional.empty(),
            T0.plusSeconds(5)));
    JobHandle later =
        JobHandle.of("apixo", "task_12345678", T0.plusSeconds(5))
            .withAttribute(JobHandle.SUBMISSION, laterId);
    store.accepted(laterId, later, T0.plusSeconds(6));

    assertEquals(StoredJob.State.ACCEPTED, store.find(later).orElseThrow().state());
    assertEquals(laterId, store.find("apixo", "task_12345678").orElseThrow().id(), "the newest");
    assertTrue(store.claim(later, "a", T0, T0.plusSeconds(30)));
    assertTrue(
        store.settle(
            later,
            new JobStatus.Failed(FailureReason.UNKNOWN, Optional.empty(), "failed"),
            "a",
            T0.plusSeconds(7)));
    assertEquals(StoredJob.State.FAILED, store.get(laterId).orElseThrow().state());
    assertEquals(StoredJob.State.SUCCEEDED, store.get(earlierId).orElseThrow().state());
    assertEquals(1, store.get(earlierId).orElseThrow().images().size());
    assertTrue(store.find(earlier).isEmpty(), "a submission the store does not hold");
    assertEquals(2, store.findAll("apixo", List.of("task_12345678")).size());
  }

  @Test
  void a_submission_swept_for_want_of_its_answer_is_found_by_its_reference_and_answered_late() {
    store.define("images", Money.usd("1.00"));
    String reservation = store.reserve("images", Money.usd("0.05")).orElseThrow();
    String id = UUID.randomUUID().toString();
    store.submitting(
        new JobStore.Submission(
            id,
            "apixo",
            "p",
            "s",
            Optional.of(Money.usd("0.05")),
            Optional.of(reservation),
            T0,
            Optional.of("nonce-1"),
            Optional.of("nano-banana")));
    String other = UUID.randomUUID().toString();
    store.submitting(
        new JobStore.Submission(
            other,
            "apixo",
            "p",
            "s",
            Optional.empty(),
            Optional.empty(),
            T0,
            Optional.empty(),
            Optional.empty()));
    assertEquals(id, store.findByReference("apixo", "nonce-1").orElseThrow().id());
    assertTrue(store.findByReference("seaart", "nonce-1").isEmpty(), "another provider's");
    assertTrue(store.findByReference("apixo", "nonce-2").isEmpty());

    store.sweepUnanswered(T0.plusSeconds(60), T0.plusSeconds(61));
    assertTrue(same("0.05", store.spent("images")), "presumed spent");
    // The vendor's callback names the submission by its reference: in flight, then settled.
    JobHandle handle =
        JobHandle.of("apixo", "task-late", T0, Map.of(JobHandle.SUBMISSION, id, "callback", "n"));
    store.accepted(id, handle, T0.plusSeconds(70));
    StoredJob job = store.findByReference("apixo", "nonce-1").orElseThrow();
    assertEquals(StoredJob.State.ACCEPTED, job.state());
    assertEquals(Optional.of("task-late"), job.taskId());
    assertTrue(
        store.settle(
            handle,
            new JobStatus.Failed(FailureReason.PROVIDER_ERROR, Optional.empty(), "failed"),
            "a",
            T0.plusSeconds(80)));
    assertTrue(same("0", store.spent("images")), "a failed job costs nothing");
    assertTrue(same("0", store.reserved("images")));
  }

  /** Records a submission priced {@code usd} on {@code model} at {@code provider}; its id. */
  private String priced(String provider, String model, String usd, Instant at) {
    String id = UUID.randomUUID().toString();
    store.submitting(
        new JobStore.Submission(
            id,
            provider,
            "p",
            "s",
            usd == null ? Optional.empty() : Optional.of(Money.usd(usd)),
            Optional.empty(),
            at,
            Optional.empty(),
            Optional.of(model)));
    return id;
  }

  private void succeeded(String id, String provider, String charged) {
    JobHandle handle = JobHandle.of(provider, "t-" + id, T0, Map.of(JobHandle.SUBMISSION, id));
    store.accepted(id, handle, T0);
    dev.nanobanana4j.core.domain.VendorReport.Builder report =
        dev.nanobanana4j.core.domain.VendorReport.builder();
    if (charged != null) {
      report.charged(Money.usd(charged));
    }
    GeneratedImage image =
        GeneratedImage.ofUrl(URI.create("https://cdn.example/a.png"), "image/png");
    assertTrue(
        store.settle(
            handle,
            new JobStatus.Succeeded(List.of(image), Optional.empty(), report.build()),
            "a",
            T0));
  }

  @Test
  void spend_sums_estimates_and_charges_by_provider_model_and_day() {
    Instant day2 = T0.plus(java.time.Duration.ofDays(1));
    succeeded(priced("gemini", "nano-banana", "0.039", T0), "gemini", "0.038703");
    succeeded(priced("gemini", "nano-banana-2", "0.067", day2), "gemini", "0.0672");
    succeeded(priced("apixo", "nano-banana-2", "0.05", T0), "apixo", null);
    store.notAccepted(
        priced("apixo", "nano-banana-2", "0.05", day2), StoredJob.State.OUTCOME_UNKNOWN, "?", T0);
    store.notAccepted(
        priced("apixo", "nano-banana-2", "0.05", day2), StoredJob.State.REFUSED, "429", T0);
    succeeded(priced("mulerun", "nano-banana-2", null, day2), "mulerun", null);

    Map<String, JdbcJobStore.Spend> byProvider = new java.util.HashMap<>();
    for (JdbcJobStore.Spend spend : store.spend(T0, JdbcJobStore.SpendBy.PROVIDER)) {
      byProvider.put(spend.key() + "/" + spend.currency(), spend);
    }
    JdbcJobStore.Spend apixo = byProvider.get("apixo/USD");
    assertEquals(3, apixo.jobs());
    assertEquals(1, apixo.succeeded());
    assertEquals(1, apixo.outcomeUnknown());
    assertTrue(same("0.10", apixo.estimated()), "succeeded and presumed spent, not refused");
    assertEquals(0, apixo.chargedJobs());
    JdbcJobStore.Spend gemini = byProvider.get("gemini/USD");
    assertTrue(same("0.105903", gemini.charged()), gemini.toString());
    assertTrue(same("0.106", gemini.estimatedOfCharged()), gemini.toString());
    assertEquals(2, gemini.chargedJobs());
    JdbcJobStore.Spend mulerun = byProvider.get("mulerun/");
    assertEquals(1, mulerun.unpriced(), "an unknown price, counted apart");

    List<String> days =
        store.spend(T0, JdbcJobStore.SpendBy.DAY).stream()
            .map(spend -> spend.key() + " " + spend.jobs())
            .distinct()
            .toList();
    assertTrue(days.contains("2026-11-30 2"), days.toString());
    List<JdbcJobStore.Spend> models = store.spend(T0, JdbcJobStore.SpendBy.MODEL);
    assertTrue(
        models.stream().anyMatch(m -> m.key().equals("nano-banana") && m.jobs() == 1),
        models.toString());
    assertEquals(List.of(), store.spend(day2.plusSeconds(86_400), JdbcJobStore.SpendBy.PROVIDER));
  }

  @Test
  void an_unanswered_submission_is_swept_its_reservation_presumed_spent_and_resolved_by_hand() {
    store.define("images", Money.usd("1.00"));
    String first = submitted(store.reserve("images", Money.usd("0.05")).orElseThrow());
    String second = submitted(store.reserve("images", Money.usd("0.05")).orElseThrow());
    String recent = UUID.randomUUID().toString();
    store.submitting(
        new JobStore.Submission(
            recent, "apixo", "p", "s", Optional.empty(), Optional.empty(), T0.plusSeconds(100)));

    List<StoredJob> swept = store.sweepUnanswered(T0.plusSeconds(60), T0.plusSeconds(61));
    assertEquals(Set.of(first, second), Set.copyOf(swept.stream().map(StoredJob::id).toList()));
    assertEquals(StoredJob.State.OUTCOME_UNKNOWN, store.get(first).orElseThrow().state());
    assertEquals(StoredJob.State.SUBMITTING, store.get(recent).orElseThrow().state());
    assertTrue(same("0.10", store.spent("images")), "presumed spent");
    assertTrue(same("0", store.reserved("images")), "no reservation held");
    assertEquals(List.of(), store.sweepUnanswered(T0.plusSeconds(60), T0.plusSeconds(62)));

    // Never sent, says a person: the amount is free again.
    assertTrue(store.resolve(first, Optional.empty(), "not sent", T0.plusSeconds(70)));
    assertEquals(StoredJob.State.REFUSED, store.get(first).orElseThrow().state());
    assertTrue(same("0.05", store.spent("images")));
    // Found at the vendor: in flight again, and its end books the reservation.
    JobHandle found = handle("found");
    assertTrue(store.resolve(second, Optional.of(found), "found", T0.plusSeconds(70)));
    JobHandle named = store.get(second).orElseThrow().handle().orElseThrow();
    assertEquals(Optional.of(second), named.submissionId());
    assertTrue(store.settle(named, new JobStatus.Cancelled(), "a", T0.plusSeconds(80)));
    assertTrue(same("0", store.spent("images")), "a cancelled job costs nothing");
    assertFalse(store.resolve(second, Optional.empty(), "again", T0), "only outcome-unknown jobs");
  }

  @Test
  void a_reservation_no_job_names_is_released_once_it_is_as_old_as_an_unanswered_submission() {
    store.define("images", Money.usd("1.00"));
    String unrecorded = store.reserve("images", Money.usd("0.05")).orElseThrow();
    String recorded = submitted(store.reserve("images", Money.usd("0.05")).orElseThrow());
    Instant now = Instant.now();
    store.sweepUnanswered(now.minusSeconds(60), now);
    assertTrue(same("0.05", store.reserved("images")), "young: its job may be on its way");
    store.sweepUnanswered(now.plusSeconds(60), now.plusSeconds(60));
    assertTrue(same("0", store.reserved("images")));
    assertTrue(same("0.05", store.spent("images")), "the recorded one is presumed spent");
    assertTrue(store.get(recorded).isPresent());
    assertTrue(unrecorded != null);
  }

  @Test
  void an_answer_that_lands_after_the_sweep_puts_the_job_in_flight() {
    store.define("images", Money.usd("1.00"));
    String id = submitted(store.reserve("images", Money.usd("0.05")).orElseThrow());
    store.sweepUnanswered(T0.plusSeconds(60), T0.plusSeconds(60));
    JobHandle handle = handle("late").withAttribute(JobHandle.SUBMISSION, id);
    store.accepted(id, handle, T0.plusSeconds(61));
    assertEquals(StoredJob.State.ACCEPTED, store.get(id).orElseThrow().state());
    assertTrue(
        store.settle(
            handle,
            new JobStatus.Succeeded(
                List.of(
                    GeneratedImage.ofUrl(URI.create("https://cdn.example/l.png"), "image/png"))),
            "a",
            T0.plusSeconds(62)));
    assertTrue(same("0.05", store.spent("images")), "spent once");
    assertTrue(same("0", store.reserved("images")));
  }

  @Test
  void an_unknown_outcome_presumes_its_reservation_spent_and_a_refusal_frees_it() {
    store.define("images", Money.usd("1.00"));
    String unknown = submitted(store.reserve("images", Money.usd("0.05")).orElseThrow());
    String refused = submitted(store.reserve("images", Money.usd("0.05")).orElseThrow());
    store.notAccepted(unknown, StoredJob.State.OUTCOME_UNKNOWN, "timed out", T0);
    store.notAccepted(refused, StoredJob.State.REFUSED, "bad request", T0);
    store.notAccepted(refused, StoredJob.State.REFUSED, "bad request", T0);
    assertTrue(same("0.05", store.spent("images")));
    assertTrue(same("0", store.reserved("images")));
  }

  @Test
  void what_the_database_refuses_is_a_lasting_failure_and_what_it_cannot_answer_is_not() {
    String id = UUID.randomUUID().toString();
    JobStore.Submission submission =
        new JobStore.Submission(id, "apixo", "p", "s", Optional.empty(), Optional.empty(), T0);
    store.submitting(submission);
    dev.nanobanana4j.core.error.JobStoreException twice =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.nanobanana4j.core.error.JobStoreException.class,
            () -> store.submitting(submission));
    assertTrue(twice.isLasting(), twice.getMessage());
  }

  @Test
  void the_database_refuses_rows_that_break_the_ledgers_rules() {
    store.define("images", Money.usd("1.00"));
    for (String breaking :
        List.of(
            "UPDATE nb_budgets SET spent = -5000",
            "UPDATE nb_budgets SET reserved = -1",
            "UPDATE nb_jobs SET state = 'DONE'",
            "INSERT INTO nb_jobs (id, provider_id, state, prompt, summary, created_at, updated_at)"
                + " VALUES ('x', 'apixo', 'ACCEPTED', '', '', 0, 0)")) {
      accepted("rules");
      org.junit.jupiter.api.Assertions.assertThrows(
          java.sql.SQLException.class, () -> execute(breaking), breaking);
    }
    assertTrue(same("0", store.spent("images")));
  }

  /** Runs {@code sql} on the store's database, as another program might. */
  abstract void execute(String sql) throws java.sql.SQLException;

  @Test
  void jobs_that_ended_before_the_retention_are_deleted_and_outcome_unknown_ones_stay() {
    store.define("images", Money.usd("1.00"));
    String reservation = store.reserve("images", Money.usd("0.05")).orElseThrow();
    String id = submitted(reservation);
    JobHandle old = handle("old").withAttribute(JobHandle.SUBMISSION, id);
    store.accepted(id, old, T0);
    store.settle(
        old,
        new JobStatus.Succeeded(
            List.of(GeneratedImage.ofUrl(URI.create("https://cdn.example/o.png"), "image/png"))),
        "a",
        T0);
    String unknown = UUID.randomUUID().toString();
    store.submitting(
        new JobStore.Submission(
            unknown, "apixo", "p", "s", Optional.empty(), Optional.empty(), T0));
    store.notAccepted(unknown, StoredJob.State.OUTCOME_UNKNOWN, "timed out", T0);
    JobHandle recent = accepted("recent");
    store.settle(recent, new JobStatus.Cancelled(), "a", T0.plusSeconds(3600));

    assertEquals(1, store.prune(T0.plusSeconds(60), 100));
    assertTrue(store.get(id).isEmpty());
    assertTrue(store.get(unknown).isPresent(), "kept until resolved");
    assertTrue(store.find("apixo", "recent").isPresent());
    assertTrue(same("0.05", store.spent("images")), "what was spent stays spent");
    assertEquals(0, store.prune(T0.plusSeconds(60), 100));
  }

  @Test
  void the_list_pages_through_the_ledger_newest_first() {
    List<String> all = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String id = "job-" + i;
      store.submitting(
          new JobStore.Submission(
              id,
              "apixo",
              "p" + i,
              "s",
              Optional.empty(),
              Optional.empty(),
              T0.plusSeconds(i / 2)));
      all.add(0, id);
    }
    List<String> paged = new ArrayList<>();
    StoredJob last = null;
    while (true) {
      List<StoredJob> page = store.list(Set.of(), last, 3);
      if (page.isEmpty()) {
        break;
      }
      page.forEach(job -> paged.add(job.id()));
      last = page.get(page.size() - 1);
    }
    assertEquals(
        List.of("job-6", "job-5", "job-4", "job-3", "job-2", "job-1", "job-0"),
        paged,
        "no job twice, none left out");
    assertEquals(7, all.size());
  }

  @Test
  void instances_are_seen_by_their_heartbeats_and_leave_when_they_stop() {
    store.heartbeat("a", Set.of("apixo", "modellix"), T0);
    store.heartbeat("b", Set.of(), T0.plusSeconds(1));
    store.heartbeat("a", Set.of("apixo"), T0.plusSeconds(5));
    List<JobStore.Instance> seen = store.instances(T0);
    assertEquals(List.of("a", "b"), seen.stream().map(JobStore.Instance::id).toList());
    assertEquals(Set.of("apixo"), seen.get(0).providerIds());
    assertEquals(T0, seen.get(0).startedAt());
    assertEquals(T0.plusSeconds(5), seen.get(0).lastSeen());
    assertEquals(Set.of(), seen.get(1).providerIds());
    store.heartbeat("a", Set.of("apixo"), T0.minusSeconds(10)); // a late write lands harmlessly
    assertEquals(T0.plusSeconds(5), store.instances(T0).get(0).lastSeen());
    assertEquals(
        List.of("a"),
        store.instances(T0.plusSeconds(2)).stream().map(JobStore.Instance::id).toList());
    store.stopped("a");
    assertEquals(List.of("b"), store.instances(T0).stream().map(JobStore.Instance::id).toList());
    store.prune(T0.plusSeconds(2), 10);
    assertEquals(List.of(), store.instances(T0), "an instance gone quiet is pruned");
  }

  @Test
  void jobs_are_counted_by_state() {
    accepted("one");
    accepted("two");
    store.settle(handle("two"), new JobStatus.Cancelled(), "a", T0);
    assertEquals(2, store.count(Set.of()));
    assertEquals(1, store.count(Set.of(StoredJob.State.CANCELLED)));
    assertEquals(0, store.count(Set.of(StoredJob.State.OUTCOME_UNKNOWN)));
  }
}
