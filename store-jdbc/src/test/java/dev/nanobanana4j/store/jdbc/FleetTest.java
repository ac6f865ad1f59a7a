package dev.nanobanana4j.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.application.jobs.FleetOptions;
import dev.nanobanana4j.core.application.routing.Budget;
import dev.nanobanana4j.core.application.waiting.AwaitOptions;
import dev.nanobanana4j.core.application.waiting.PollingPolicy;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.Money;
import dev.nanobanana4j.core.error.BudgetExceededException;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.port.StoredJob;
import dev.nanobanana4j.testkit.Simulator;
import dev.nanobanana4j.testkit.TaskScript;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Several clients sharing one PostgreSQL store, as the instances of a fleet do, against the
 * simulator: one poller per job, waits that survive the instance that polled, jobs that settle
 * once. Each client has its own pool and listener, as each JVM would.
 */
@ExtendWith(PostgresAvailable.class)
class FleetTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final String schema = PostgresAvailable.freshSchema();
  private final Simulator simulator =
      Simulator.builder()
          .defaultScript(TaskScript.succeed(Duration.ZERO, Duration.ofMillis(300)))
          .start();
  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
    simulator.close();
    PostgresAvailable.drop(schema);
  }

  private JdbcJobStore store() {
    JdbcJobStore store = JdbcJobStore.builder().url(PostgresAvailable.URL).schema(schema).build();
    opened.add(store);
    return store;
  }

  private NanoBananaClient client(JdbcJobStore store, FleetOptions fleet) {
    NanoBananaClient client =
        NanoBananaClient.builder()
            .provider("apixo", simulator.config("apixo"))
            .pollingPolicy(PollingPolicy.fixed(Duration.ofMillis(50), Duration.ofMillis(50)))
            .jobStore(store)
            .fleet(fleet)
            .build();
    opened.add(client);
    return client;
  }

  private static FleetOptions fleet(String id) {
    return FleetOptions.defaults()
        .withInstanceId(id)
        .withLease(Duration.ofMillis(900), Duration.ofMillis(100));
  }

  private static ImageRequest request() {
    return ImageRequest.builder().prompt("a lighthouse").build();
  }

  private static <T> T done(CompletableFuture<T> future) throws Exception {
    return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void a_job_is_recorded_from_submission_to_its_images() throws Exception {
    JdbcJobStore store = store();
    NanoBananaClient client = client(store, fleet("a"));
    JobHandle handle = done(client.submit("apixo", request()));
    StoredJob accepted = store.find("apixo", handle.taskId()).orElseThrow();
    assertEquals("a lighthouse", accepted.prompt());
    JobStatus status = done(client.await(handle, AwaitOptions.timeout(WAIT)));
    assertInstanceOf(JobStatus.Succeeded.class, status);
    StoredJob settled = store.find("apixo", handle.taskId()).orElseThrow();
    assertEquals(StoredJob.State.SUCCEEDED, settled.state());
    assertEquals(((JobStatus.Succeeded) status).images().size(), settled.images().size());
    assertTrue(settled.images().get(0).url().isPresent());
    assertEquals(java.util.Optional.empty(), settled.leaseOwner(), "the lease ends with the job");
  }

  @Test
  void a_second_instance_waits_through_the_store_without_polling() throws Exception {
    NanoBananaClient a = client(store(), fleet("a"));
    NanoBananaClient b = client(store(), fleet("b"));
    JobHandle handle = done(a.submit("apixo", request()));
    CompletableFuture<JobStatus> polling = a.await(handle, AwaitOptions.timeout(WAIT));
    CompletableFuture<JobStatus> following = b.await(handle, AwaitOptions.timeout(WAIT));
    JobStatus byA = done(polling);
    JobStatus byB = done(following);
    assertInstanceOf(JobStatus.Succeeded.class, byB);
    assertEquals(
        ((JobStatus.Succeeded) byA).images().get(0).url(),
        ((JobStatus.Succeeded) byB).images().get(0).url());
  }

  @Test
  void a_wait_is_taken_over_when_the_polling_instance_dies() throws Exception {
    JdbcJobStore store = store();
    NanoBananaClient b = client(store, fleet("b"));
    JobHandle handle = done(b.submit("apixo", request()));
    // An instance took the lease and died: nobody renews it.
    Instant now = Instant.now();
    assertTrue(store.claim(handle, "dead", now, now.plusMillis(700)));
    JobStatus status = done(b.await(handle, AwaitOptions.timeout(WAIT)));
    assertInstanceOf(JobStatus.Succeeded.class, status);
    StoredJob settled = store.find("apixo", handle.taskId()).orElseThrow();
    assertEquals(StoredJob.State.SUCCEEDED, settled.state());
  }

  @Test
  void an_instance_taking_over_orphans_settles_the_jobs_nobody_waits_for() throws Exception {
    JdbcJobStore store = store();
    NanoBananaClient submitter = client(store, fleet("submitter"));
    List<JobHandle> handles = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      handles.add(done(submitter.submit("apixo", request())));
    }
    java.util.concurrent.CountDownLatch settled = new java.util.concurrent.CountDownLatch(5);
    // The survivor is another pool, as another JVM: its settlements reach this one by NOTIFY.
    AutoCloseable heard = store.subscribe((provider, task) -> settled.countDown());
    opened.add(heard);
    client(store(), fleet("survivor").withTakeOverOrphans(true));
    assertTrue(settled.await(WAIT.toSeconds(), TimeUnit.SECONDS), "every orphan settled");
    for (JobHandle handle : handles) {
      assertInstanceOf(
          JobStatus.Succeeded.class,
          store.find("apixo", handle.taskId()).flatMap(StoredJob::terminalStatus).orElseThrow());
    }
    assertEquals(5, simulator.calls("apixo", Operation.SUBMIT).size(), "nothing sent twice");
    assertEquals(5, store.list(Set.of(StoredJob.State.SUCCEEDED), 100).size(), "each settled once");
    assertFalse(store.list(Set.of(), 100).stream().anyMatch(j -> j.leaseOwner().isPresent()));
  }

  @Test
  void a_budget_shared_by_the_fleet_is_one_budget() throws Exception {
    JdbcJobStore storeA = store();
    JdbcJobStore storeB = store();
    Budget budgetA = Budget.shared("fleet", Money.usd("0.10"), storeA);
    Budget budgetB = Budget.shared("fleet", Money.usd("0.10"), storeB);
    NanoBananaClient a =
        NanoBananaClient.builder()
            .provider("apixo", simulator.config("apixo"))
            .pollingPolicy(PollingPolicy.fixed(Duration.ofMillis(50), Duration.ofMillis(50)))
            .jobStore(storeA)
            .budget(budgetA)
            .build();
    opened.add(a);
    NanoBananaClient b =
        NanoBananaClient.builder()
            .provider("apixo", simulator.config("apixo"))
            .jobStore(storeB)
            .budget(budgetB)
            .build();
    opened.add(b);
    JobHandle first = done(a.submit("apixo", request()));
    done(b.submit("apixo", request()));
    java.util.concurrent.ExecutionException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            java.util.concurrent.ExecutionException.class,
            () -> done(a.submit("apixo", request())));
    assertInstanceOf(BudgetExceededException.class, refused.getCause());
    assertEquals(2, simulator.calls("apixo", Operation.SUBMIT).size(), "the third was not sent");
    assertInstanceOf(JobStatus.Succeeded.class, done(a.await(first, AwaitOptions.timeout(WAIT))));
    assertEquals(0, new java.math.BigDecimal("0.05").compareTo(budgetB.spent().amount()));
    assertEquals(0, new java.math.BigDecimal("0.05").compareTo(budgetB.reserved().amount()));
  }

  @Test
  void a_submission_whose_sender_died_before_recording_its_answer_is_settled_by_its_callback()
      throws Exception {
    // The vendor calls back at once; the application receives callbacks on loopback.
    Simulator vendor =
        Simulator.builder().defaultScript(TaskScript.succeed(Duration.ZERO, Duration.ZERO)).start();
    opened.add(vendor);
    java.util.concurrent.atomic.AtomicReference<NanoBananaClient> receiving =
        new java.util.concurrent.atomic.AtomicReference<>();
    com.sun.net.httpserver.HttpServer server =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/callbacks",
        exchange -> {
          byte[] body;
          try (java.io.InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(64 * 1024);
          }
          int status =
              receiving
                  .get()
                  .callbackReceiver()
                  .receive(
                      new dev.nanobanana4j.core.port.CallbackRequest(
                          exchange.getRequestURI(), exchange.getRequestHeaders(), body))
                  .httpStatus();
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
    opened.add(() -> server.stop(0));
    dev.nanobanana4j.core.application.callbacks.Callbacks callbacks =
        dev.nanobanana4j.core.application.callbacks.Callbacks.builder()
            .url(
                java.net.URI.create(
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/callbacks"))
            .secret(dev.nanobanana4j.core.port.Secret.of("one-secret-for-the-whole-fleet"))
            .build();

    // Instance a records the submission and sends it, then dies before recording the answer.
    JdbcJobStore storeA = store();
    dev.nanobanana4j.core.port.JobStore dying =
        (dev.nanobanana4j.core.port.JobStore)
            java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {dev.nanobanana4j.core.port.JobStore.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("accepted")) {
                    return null; // the process died here: the answer is never recorded
                  }
                  try {
                    return method.invoke(storeA, args);
                  } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    NanoBananaClient a =
        NanoBananaClient.builder()
            .provider("apixo", vendor.config("apixo"))
            .jobStore(dying)
            .budget(Budget.shared("fleet", Money.usd("1.00"), storeA))
            .callbacks(callbacks)
            .build();
    JobHandle sent = done(a.submit("apixo", request()));
    a.close();
    StoredJob left = storeA.list(Set.of(), 10).get(0);
    assertEquals(StoredJob.State.SUBMITTING, left.state());
    assertEquals(java.util.Optional.empty(), left.taskId());

    // Instance b sweeps it as outcome-unknown: paid for, as far as anyone knows.
    JdbcJobStore storeB = store();
    Budget budget = Budget.shared("fleet", Money.usd("1.00"), storeB);
    NanoBananaClient b =
        NanoBananaClient.builder()
            .provider("apixo", vendor.config("apixo"))
            .jobStore(storeB)
            .budget(budget)
            .callbacks(callbacks)
            .build();
    opened.add(b);
    receiving.set(b);
    Instant now = Instant.now();
    assertEquals(1, storeB.sweepUnanswered(now.plusSeconds(1), now).size());
    assertEquals(1, storeB.count(Set.of(StoredJob.State.OUTCOME_UNKNOWN)));

    // The vendor's callback names the job by the client's reference: it settles, and is booked.
    List<Simulator.Delivered> delivered = vendor.deliverCallbacks();
    assertEquals(1, delivered.size(), delivered::toString);
    assertEquals(200, delivered.get(0).status());
    StoredJob settled = storeB.get(left.id()).orElseThrow();
    assertEquals(StoredJob.State.SUCCEEDED, settled.state());
    assertEquals(java.util.Optional.of(sent.taskId()), settled.taskId());
    assertEquals(0, storeB.count(Set.of(StoredJob.State.OUTCOME_UNKNOWN)));
    assertEquals(0, new java.math.BigDecimal("0.05").compareTo(budget.spent().amount()));
    assertEquals(0, budget.reserved().amount().signum());
    // A wait from the handle the caller got finds the job's end in the store.
    assertInstanceOf(JobStatus.Succeeded.class, done(b.await(sent, AwaitOptions.timeout(WAIT))));
    assertEquals(1, vendor.calls("apixo", Operation.SUBMIT).size(), "sent once");
  }
}
