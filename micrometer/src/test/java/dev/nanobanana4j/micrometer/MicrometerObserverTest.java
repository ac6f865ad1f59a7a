package dev.nanobanana4j.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.application.NanoBananaClientBuilder;
import dev.nanobanana4j.core.application.waiting.AwaitOptions;
import dev.nanobanana4j.core.application.waiting.PollingPolicy;
import dev.nanobanana4j.core.domain.CostEstimate;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.Money;
import dev.nanobanana4j.core.domain.PriceTable;
import dev.nanobanana4j.core.domain.Resolution;
import dev.nanobanana4j.core.error.JobTimeoutException;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.port.ClientObserver;
import dev.nanobanana4j.testkit.Simulator;
import dev.nanobanana4j.testkit.TaskScript;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client's meters and observations on Micrometer, for jobs on the simulator. */
class MicrometerObserverTest {
  private static final java.time.LocalDate DAY = java.time.LocalDate.of(2026, 11, 1);
  private static final Resolution ONE_K = Resolution.ONE_K;
  private static final ImageRequest REQUEST = ImageRequest.builder().prompt("a fox").build();

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ObservationRegistry observations = ObservationRegistry.create();
  private final List<String> observed = new ArrayList<>();
  private final List<AutoCloseable> closing = new ArrayList<>();

  MicrometerObserverTest() {
    observations
        .observationConfig()
        .observationHandler(
            new ObservationHandler<>() {
              @Override
              public boolean supportsContext(Observation.Context context) {
                return true;
              }

              @Override
              public void onStart(Observation.Context context) {
                observed.add(
                    "start "
                        + context.getName()
                        + " provider="
                        + context.getLowCardinalityKeyValue("provider").getValue());
              }

              @Override
              public void onError(Observation.Context context) {
                observed.add("error " + context.getError().getClass().getSimpleName());
              }

              @Override
              public void onStop(Observation.Context context) {
                observed.add("stop " + context.getName());
              }
            });
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  private Simulator simulator(TaskScript script) {
    Simulator simulator = Simulator.builder().defaultScript(script).start();
    closing.add(simulator);
    return simulator;
  }

  private NanoBananaClientBuilder client(Simulator simulator) {
    return NanoBananaClient.builder()
        .provider("apixo", simulator.config("apixo"))
        .pollingPolicy(PollingPolicy.fixed(Duration.ZERO, Duration.ofMillis(10)));
  }

  private NanoBananaClient track(NanoBananaClient client) {
    closing.add(client);
    return client;
  }

  private double count(String name, String... tags) {
    var counter = meters.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void a_generation_is_counted_timed_priced_and_observed() throws Exception {
    Simulator simulator = simulator(TaskScript.succeed(Duration.ZERO, Duration.ZERO));
    NanoBananaClient client =
        track(client(simulator).observer(MicrometerObserver.of(meters, observations)).build());
    client.generate("apixo", REQUEST).get(10, TimeUnit.SECONDS);

    assertEquals(
        1, count(MicrometerObserver.SUBMITTED, "provider", "apixo", "outcome", "accepted"));
    assertEquals(
        1, count(MicrometerObserver.COMPLETED, "provider", "apixo", "outcome", "succeeded"));
    assertEquals(
        1,
        meters
            .get(MicrometerObserver.DURATION)
            .tags("provider", "apixo", "outcome", "succeeded")
            .timer()
            .count());
    assertTrue(
        meters.get(MicrometerObserver.POLLS).tag("provider", "apixo").summary().totalAmount() >= 1);
    assertEquals(
        1,
        meters
            .get(MicrometerObserver.HTTP_CALLS)
            .tags("provider", "apixo", "operation", "submit", "status", "2xx")
            .timer()
            .count());
    assertTrue(
        meters
                .get(MicrometerObserver.HTTP_CALLS)
                .tags("provider", "apixo", "operation", "status", "status", "2xx")
                .timer()
                .count()
            >= 1);
    CostEstimate estimate = client.estimate("apixo", REQUEST);
    assertEquals(
        estimate.total().orElseThrow().amount().doubleValue(),
        count(MicrometerObserver.SPEND, "provider", "apixo", "currency", "USD"),
        1e-9);
    assertEquals(List.of("start nanobanana.job provider=apixo", "stop nanobanana.job"), observed);
    assertOnlyLowCardinalityTags();
  }

  @Test
  void a_wait_that_times_out_is_counted_so_and_its_observation_carries_the_error() {
    Simulator simulator = simulator(TaskScript.succeed(Duration.ofHours(1), Duration.ZERO));
    NanoBananaClient client =
        track(client(simulator).observer(MicrometerObserver.of(meters, observations)).build());
    var handle = client.blocking().submit("apixo", REQUEST);
    Exception e =
        assertThrows(
            JobTimeoutException.class,
            () ->
                client
                    .blocking()
                    .await(
                        handle,
                        AwaitOptions.timeout(Duration.ofMillis(50)).withCancelAtDeadline(false)));
    assertInstanceOf(JobTimeoutException.class, e);
    assertEquals(
        1, count(MicrometerObserver.COMPLETED, "provider", "apixo", "outcome", "timed_out"));
    assertEquals(
        List.of(
            "start nanobanana.job provider=apixo",
            "error JobTimeoutException",
            "stop nanobanana.job"),
        observed);
  }

  @Test
  void each_event_is_a_meter_with_its_tags() {
    MicrometerObserver observer = MicrometerObserver.of(meters);
    observer.fellBack("apixo", "RateLimitException");
    observer.callback("mulerun", "forged");
    observer.queueWait("apixo", Duration.ofSeconds(4));
    observer.call("apixo", Operation.CANCEL, 0, Duration.ofMillis(3));
    observer.call("apixo", Operation.STATUS, 503, Duration.ofMillis(3));
    observer.spent(CostEstimate.from("apixo", PriceTable.unknown("m", DAY, "none"), ONE_K, 1));
    observer.submitted("apixo", "unknown");
    observer.jobStarted("apixo").end(null);

    assertEquals(
        1,
        count(MicrometerObserver.FALLBACKS, "provider", "apixo", "reason", "RateLimitException"));
    assertEquals(
        1, count(MicrometerObserver.CALLBACKS, "provider", "mulerun", "outcome", "forged"));
    assertEquals(
        4,
        meters
            .get(MicrometerObserver.QUEUE_WAIT)
            .tag("provider", "apixo")
            .timer()
            .totalTime(TimeUnit.SECONDS),
        1e-9);
    assertNotNull(
        meters
            .find(MicrometerObserver.HTTP_CALLS)
            .tags("operation", "cancel", "status", "none")
            .timer());
    assertNotNull(
        meters.find(MicrometerObserver.HTTP_CALLS).tags("operation", "status", "status", "5xx"));
    assertEquals(null, meters.find(MicrometerObserver.SPEND).counter(), "an unknown price");
    assertEquals(1, count(MicrometerObserver.SUBMITTED, "provider", "apixo", "outcome", "unknown"));
    assertOnlyLowCardinalityTags();
  }

  @Test
  void present_on_the_class_path_it_reports_to_the_global_registry_unless_told_otherwise()
      throws Exception {
    Simulator simulator = simulator(TaskScript.succeed(Duration.ZERO, Duration.ZERO));
    Metrics.addRegistry(meters);
    try {
      NanoBananaClient found = track(client(simulator).build());
      found.generate("apixo", REQUEST).get(10, TimeUnit.SECONDS);
      assertEquals(
          1, count(MicrometerObserver.COMPLETED, "provider", "apixo", "outcome", "succeeded"));

      NanoBananaClient quiet = track(client(simulator).observer(ClientObserver.NONE).build());
      quiet.generate("apixo", REQUEST).get(10, TimeUnit.SECONDS);
      assertEquals(
          1,
          count(MicrometerObserver.COMPLETED, "provider", "apixo", "outcome", "succeeded"),
          "ClientObserver.NONE turns the discovered observer off");
    } finally {
      Metrics.removeRegistry(meters);
    }
  }

  @Test
  void a_money_amount_is_counted_in_its_currency() {
    MicrometerObserver observer = MicrometerObserver.of(meters);
    PriceTable table = PriceTable.perImage("m", Map.of(ONE_K, Money.usd("0.04")), DAY, "test");
    observer.spent(CostEstimate.from("apixo", table, ONE_K, 1));
    observer.spent(CostEstimate.from("apixo", table, ONE_K, 1));
    assertEquals(
        0.08, count(MicrometerObserver.SPEND, "provider", "apixo", "currency", "USD"), 1e-9);
    assertEquals("usd", meters.get(MicrometerObserver.SPEND).counter().getId().getBaseUnit());
    observer.charged("modellix", Money.usd("0.24"));
    observer.charged("modellix", Money.usd("0.01"));
    assertEquals(
        0.25, count(MicrometerObserver.CHARGED, "provider", "modellix", "currency", "USD"), 1e-9);
    assertEquals(
        0.08,
        count(MicrometerObserver.SPEND, "provider", "apixo", "currency", "USD"),
        1e-9,
        "the estimate is metered apart");
  }

  @Test
  void the_job_store_is_seen_in_its_meters() {
    MicrometerObserver observer = MicrometerObserver.of(meters);
    observer.storeWrite(true, java.time.Duration.ofMillis(3));
    observer.storeWrite(false, java.time.Duration.ofSeconds(10));
    observer.storeChecked(42, 7, 3, 5);
    observer.storeChecked(40, 6, 2, -1); // the count could not be read: the last one stands
    assertEquals(
        1, meters.get(MicrometerObserver.STORE_WRITES).tag("outcome", "landed").timer().count());
    assertEquals(
        1, meters.get(MicrometerObserver.STORE_WRITES).tag("outcome", "failed").timer().count());
    assertEquals(40, meters.get(MicrometerObserver.STORE_WRITES_PENDING).gauge().value());
    assertEquals(6, meters.get(MicrometerObserver.STORE_LEASES).gauge().value());
    assertEquals(5, meters.get(MicrometerObserver.STORE_OUTCOME_UNKNOWN).gauge().value());
    assertEquals(5, meters.get(MicrometerObserver.STORE_ORPHANS).counter().count());
  }

  private void assertOnlyLowCardinalityTags() {
    Set<String> allowed =
        Set.of("provider", "outcome", "operation", "status", "reason", "currency");
    for (Meter meter : meters.getMeters()) {
      meter
          .getId()
          .getTags()
          .forEach(tag -> assertTrue(allowed.contains(tag.getKey()), "unexpected tag " + tag));
    }
  }
}
