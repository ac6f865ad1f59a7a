package dev.nanobanana4j.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.application.callbacks.Callbacks;
import dev.nanobanana4j.core.application.routing.Budget;
import dev.nanobanana4j.core.application.routing.Route;
import dev.nanobanana4j.core.application.waiting.PollingPolicy;
import dev.nanobanana4j.core.domain.GenerationResult;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.Money;
import dev.nanobanana4j.core.domain.Resolution;
import dev.nanobanana4j.core.error.JobStoreException;
import dev.nanobanana4j.core.error.ProviderConfigurationException;
import dev.nanobanana4j.core.port.ClientObserver;
import dev.nanobanana4j.core.port.JobStore;
import dev.nanobanana4j.core.port.StoredJob;
import dev.nanobanana4j.micrometer.MicrometerObserver;
import dev.nanobanana4j.store.jdbc.JdbcJobStore;
import dev.nanobanana4j.testkit.Simulator;
import dev.nanobanana4j.testkit.TaskScript;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every condition of the starter, with Boot's own context runner, against the simulator. */
class NanoBananaAutoConfigurationTest {
  private final Simulator simulator =
      Simulator.builder()
          .defaultScript(TaskScript.succeed(Duration.ZERO, Duration.ofMillis(50)))
          .start();

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  NanoBananaJobStoreAutoConfiguration.class,
                  NanoBananaMetricsAutoConfiguration.class,
                  NanoBananaAutoConfiguration.class))
          .withPropertyValues(Simulated.apixoPolledFast(simulator));

  @AfterEach
  void close() {
    simulator.close();
  }

  private static GenerationResult generate(NanoBananaClient client) {
    return client.blocking().generate(ImageRequest.builder().prompt("a red bicycle").build());
  }

  @Test
  void the_client_comes_from_properties_and_generates_through_the_vendor() {
    runner.run(
        context -> {
          assertFalse(
              context.getStartupFailure() != null, () -> context.getStartupFailure().toString());
          NanoBananaClient client = context.getBean(NanoBananaClient.class);
          assertEquals("apixo", client.defaultProviderId());
          assertEquals(1, generate(client).images().size());
          // No observer bean without a MeterRegistry, no store without a DataSource.
          assertTrue(context.getBeansOfType(ClientObserver.class).isEmpty());
          assertTrue(context.getBeansOfType(JobStore.class).isEmpty());
          assertTrue(context.getBeansOfType(Route.class).isEmpty());
          assertTrue(context.getBeansOfType(Budget.class).isEmpty());
          assertTrue(context.getBeansOfType(Callbacks.class).isEmpty());
          String key = simulator.apiKey("apixo");
          for (Object shown :
              List.of(
                  client,
                  context.getBean(NanoBananaProperties.class),
                  context.getBean(NanoBananaProperties.class).getProviders())) {
            assertFalse(shown.toString().contains(key), shown.toString());
          }
        });
  }

  @Test
  void the_client_is_closed_with_the_context() {
    NanoBananaClient[] seen = new NanoBananaClient[1];
    runner.run(context -> seen[0] = context.getBean(NanoBananaClient.class));
    CompletableFuture<?> after = seen[0].submit(ImageRequest.builder().prompt("after").build());
    assertInstanceOf(
        IllegalStateException.class,
        assertThrows(java.util.concurrent.CompletionException.class, after::join).getCause());
    assertTrue(simulator.calls().isEmpty());
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnBeans {
    static final PollingPolicy POLLING =
        PollingPolicy.fixed(Duration.ofMillis(30), Duration.ofMillis(30));
    static final Budget BUDGET = Budget.of(Money.usd("1.00"));

    @Bean
    PollingPolicy myPolling() {
      return POLLING;
    }

    @Bean
    Budget myBudget() {
      return BUDGET;
    }

    @Bean
    NanoBananaClientCustomizer timeout() {
      return builder -> builder.defaultTimeout(Duration.ofSeconds(7));
    }
  }

  @Test
  void every_bean_yields_to_the_applications_own() {
    runner
        .withUserConfiguration(OwnBeans.class)
        .withPropertyValues("nanobanana.budget.limit=50 USD")
        .run(
            context -> {
              assertSame(OwnBeans.POLLING, context.getBean(PollingPolicy.class));
              assertSame(OwnBeans.BUDGET, context.getBean(Budget.class));
              NanoBananaClient client = context.getBean(NanoBananaClient.class);
              generate(client);
              // The application's budget was the one the client spent from.
              assertTrue(OwnBeans.BUDGET.spent().amount().signum() > 0, OwnBeans.BUDGET.toString());
            });
    NanoBananaClient own =
        NanoBananaClient.builder().provider("apixo", simulator.config("apixo")).build();
    try {
      runner
          .withBean(NanoBananaClient.class, () -> own)
          .run(context -> assertSame(own, context.getBean(NanoBananaClient.class)));
    } finally {
      own.close();
    }
  }

  @Test
  void a_provider_without_a_key_stops_the_application_before_any_call() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(NanoBananaAutoConfiguration.class))
        .withPropertyValues("nanobanana.providers.apixo.base-url=" + simulator.baseUrl("apixo"))
        .run(
            context -> {
              Throwable failure = context.getStartupFailure();
              ProviderConfigurationException refused =
                  cause(failure, ProviderConfigurationException.class);
              assertTrue(
                  refused.getMessage().contains("nanobanana.providers.apixo.api-key"),
                  refused.getMessage());
            });
    assertTrue(simulator.calls().isEmpty());
  }

  @Test
  void a_key_that_is_a_placeholder_empty_or_spaced_or_an_unknown_provider_fails_plainly() {
    String[][] cases = {
      {
        "nanobanana.providers.apixo.api-key=${NANOBANANA_TEST_KEY_NEVER_SET}",
        "is the placeholder ${NANOBANANA_TEST_KEY_NEVER_SET}, which nothing resolved",
        "Set the environment variable"
      },
      {"nanobanana.providers.apixo.api-key=", "api-key is not set", "${APIXO_API_KEY}"},
      {"nanobanana.providers.apixo.api-key=sk-live one", "white space", "without spaces"},
      {"nanobanana.providers.apixoo.api-key=sk-live-1", "no such provider", "installed"},
    };
    for (String[] c : cases) {
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(NanoBananaAutoConfiguration.class))
          .withPropertyValues(
              c[0],
              c[0].substring(0, c[0].indexOf(".api-key"))
                  + ".base-url="
                  + simulator.baseUrl("apixo"))
          .run(
              context -> {
                Throwable failure = context.getStartupFailure();
                assertTrue(failure != null, () -> "started with " + c[0]);
                org.springframework.boot.diagnostics.FailureAnalysis analysis =
                    new ProviderFailureAnalyzer().analyze(failure);
                assertTrue(analysis != null, () -> messages(failure));
                assertTrue(analysis.getDescription().contains(c[1]), analysis::getDescription);
                assertTrue(analysis.getAction().contains(c[2]), analysis::getAction);
                assertFalse(
                    (analysis.getDescription() + analysis.getAction()).contains("sk-live"),
                    "the key is never shown");
              });
    }
    assertTrue(simulator.calls().isEmpty(), "nothing was sent");
  }

  @Test
  void mistakes_in_the_settings_stop_the_application_with_the_property_named() {
    String[][] wrong = {
      {"nanobanana.budget.limit=fifty dollars", "nanobanana.budget.limit"},
      {"nanobanana.budget.limit=5 USD", "nanobanana.budget.name=team", "nanobanana.budget.name"},
      {
        "nanobanana.callbacks.url=https://app.example.com/nanobanana/callbacks",
        "nanobanana.callbacks.secret"
      },
      {"nanobanana.polling.policy=sometimes", "nanobanana.polling.policy"},
      {"nanobanana.providers.apixo.models.nano-banana-2.prices.2K=0.07 USD", "asOf"},
      {"nanobanana.default-provider=modellix", "modellix"},
    };
    for (String[] c : wrong) {
      String[] properties = java.util.Arrays.copyOf(c, c.length - 1);
      String expected = c[c.length - 1];
      runner
          .withPropertyValues(properties)
          .run(
              context -> {
                Throwable failure = context.getStartupFailure();
                assertTrue(failure != null, () -> "started with " + List.of(properties));
                assertTrue(messages(failure).contains(expected), messages(failure));
              });
    }
    assertTrue(simulator.calls().isEmpty());
  }

  @Test
  void properties_give_the_route_budget_callbacks_and_price_tables() {
    runner
        .withPropertyValues(
            "nanobanana.route=cheapest",
            "nanobanana.budget.limit=5 USD",
            "nanobanana.callbacks.url=https://app.example.com/nanobanana/callbacks",
            "nanobanana.callbacks.secret=a-secret-of-at-least-16-bytes",
            "nanobanana.providers.apixo.models.nano-banana.prices.1K=0.01 USD",
            "nanobanana.providers.apixo.models.nano-banana.as-of=2026-11-01",
            "nanobanana.providers.apixo.models.nano-banana.source=contract 2026-11")
        .run(
            context -> {
              assertEquals(Route.cheapest().toString(), context.getBean(Route.class).toString());
              assertEquals(Money.usd("5"), context.getBean(Budget.class).limit());
              assertTrue(
                  context
                      .getBean(Callbacks.class)
                      .urlFor("apixo", java.time.Instant.now())
                      .toString()
                      .startsWith("https://app.example.com/nanobanana/callbacks?provider=apixo&"));
              NanoBananaClient client = context.getBean(NanoBananaClient.class);
              ImageRequest request =
                  ImageRequest.builder()
                      .prompt("priced")
                      .model("nano-banana")
                      .resolution(Resolution.ONE_K)
                      .build();
              assertEquals(
                  java.util.Optional.of(Money.usd("0.01")), client.estimate(request).total());
            });
  }

  private static final List<String> SEEN = new CopyOnWriteArrayList<>();

  @Configuration(proxyBeanMethods = false)
  static class Tracing {
    /** Stands for a tracer: a handler outside the meter group. */
    @Bean
    ObservationHandler<Observation.Context> tracer() {
      return new ObservationHandler<>() {
        @Override
        public void onStop(Observation.Context context) {
          SEEN.add(context.getName());
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
          return true;
        }
      };
    }
  }

  @Test
  void meters_land_on_boots_registry_and_a_wait_is_timed_once() {
    SEEN.clear();
    runner
        .withConfiguration(
            AutoConfigurations.of(
                MetricsAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class,
                ObservationAutoConfiguration.class))
        .withUserConfiguration(Tracing.class)
        .run(
            context -> {
              assertInstanceOf(MicrometerObserver.class, context.getBean(ClientObserver.class));
              NanoBananaClient client = context.getBean(NanoBananaClient.class);
              generate(client);
              MeterRegistry meters = context.getBean(MeterRegistry.class);
              // Once, not again through Micrometer's global registry, which Boot's joins.
              assertEquals(1, Simulated.timed(meters, MicrometerObserver.DURATION));
              assertEquals(
                  1,
                  meters.get(MicrometerObserver.SUBMITTED).counters().stream()
                      .mapToDouble(io.micrometer.core.instrument.Counter::count)
                      .sum());
              // Boot's meter handler does not time the wait's observation a second time...
              assertNull(meters.find(MicrometerObserver.OBSERVATION).timer());
              assertNull(meters.find(MicrometerObserver.OBSERVATION + ".active").longTaskTimer());
              // ...while the observation still reaches the other handlers,
              assertTrue(SEEN.contains(MicrometerObserver.OBSERVATION), SEEN.toString());
              // and other observations keep their meters.
              Observation.createNotStarted(
                      "app.work",
                      context.getBean(io.micrometer.observation.ObservationRegistry.class))
                  .observe(() -> {});
              assertEquals(1, meters.get("app.work").timer().count());
            });
  }

  @Test
  void without_an_observation_registry_the_observer_meters_and_claims_nothing() {
    runner
        .withConfiguration(
            AutoConfigurations.of(
                MetricsAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class))
        .run(
            context -> {
              assertInstanceOf(MicrometerObserver.class, context.getBean(ClientObserver.class));
              assertTrue(
                  context
                      .getBeansOfType(NanoBananaMetricsAutoConfiguration.WaitMeterClaim.class)
                      .isEmpty());
              generate(context.getBean(NanoBananaClient.class));
              assertEquals(
                  1,
                  Simulated.timed(
                      context.getBean(MeterRegistry.class), MicrometerObserver.DURATION));
            });
  }

  @Test
  void an_observer_of_the_applications_own_replaces_the_micrometer_one() {
    dev.nanobanana4j.testkit.RecordingObserver own =
        new dev.nanobanana4j.testkit.RecordingObserver();
    runner
        .withConfiguration(
            AutoConfigurations.of(
                MetricsAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class))
        .withBean(ClientObserver.class, () -> own)
        .run(
            context -> {
              assertTrue(context.getBeansOfType(MicrometerObserver.class).isEmpty());
              generate(context.getBean(NanoBananaClient.class));
              // Nothing timed on Boot's registry (a meter Micrometer's global registry made for an
              // earlier client may be there, copied to each registry that joins it, at zero).
              assertEquals(
                  0,
                  Simulated.timed(
                      context.getBean(MeterRegistry.class), MicrometerObserver.DURATION));
              assertEquals(1, own.count("submitted apixo"));
              assertEquals(1, own.count("completed apixo succeeded"));
            });
  }

  @Test
  void without_the_micrometer_module_there_is_no_observer_bean() {
    runner
        .withConfiguration(
            AutoConfigurations.of(
                MetricsAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class))
        .withClassLoader(new FilteredClassLoader(MicrometerObserver.class))
        .run(
            context -> {
              assertTrue(context.getBeansOfType(ClientObserver.class).isEmpty());
              assertTrue(context.getBeansOfType(NanoBananaClient.class).size() == 1);
            });
  }

  private ApplicationContextRunner withDataSource() {
    return runner
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
        .withPropertyValues(
            "spring.datasource.url=jdbc:h2:mem:nb" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
  }

  @Test
  void jobs_are_kept_on_the_applications_data_source() {
    withDataSource()
        .withPropertyValues("nanobanana.budget.limit=5 USD", "nanobanana.budget.name=team")
        .run(
            context -> {
              JdbcJobStore store = context.getBean(JdbcJobStore.class);
              assertTrue(store.toString().contains("H2 DataSource"), store.toString());
              generate(context.getBean(NanoBananaClient.class));
              List<StoredJob> jobs = store.list(Set.of(), 10);
              assertEquals(1, jobs.size());
              assertEquals(StoredJob.State.SUCCEEDED, jobs.get(0).state());
              // The shared budget's spend is in the store's ledger.
              assertTrue(store.spent("team").amount().signum() > 0);
              assertEquals(Money.usd("5"), context.getBean(Budget.class).limit());
            });
  }

  @Test
  void the_store_stays_off_when_turned_off_or_absent() {
    withDataSource()
        .withPropertyValues("nanobanana.store.enabled=false")
        .run(context -> assertTrue(context.getBeansOfType(JobStore.class).isEmpty()));
    withDataSource()
        .withClassLoader(new FilteredClassLoader(JdbcJobStore.class))
        .run(
            context -> {
              assertTrue(context.getBeansOfType(JobStore.class).isEmpty());
              assertEquals(1, generate(context.getBean(NanoBananaClient.class)).images().size());
            });
  }

  @Test
  void the_store_never_keeps_the_api_key() {
    withDataSource()
        .run(
            context -> {
              generate(context.getBean(NanoBananaClient.class));
              javax.sql.DataSource dataSource = context.getBean(javax.sql.DataSource.class);
              StringBuilder dump = new StringBuilder();
              try (var connection = dataSource.getConnection();
                  var rows = connection.createStatement().executeQuery("SELECT * FROM nb_jobs")) {
                while (rows.next()) {
                  for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    dump.append(rows.getString(i)).append('|');
                  }
                }
              }
              assertFalse(dump.isEmpty());
              assertFalse(dump.toString().contains(simulator.apiKey("apixo")), dump.toString());
            });
  }

  @Test
  void the_store_makes_its_tables_on_an_embedded_database_and_otherwise_only_when_told() {
    withDataSource()
        .run(
            context ->
                assertEquals(0, context.getBean(JdbcJobStore.class).list(Set.of(), 1).size()));
    withDataSource()
        .withPropertyValues("nanobanana.store.initialize-schema=never")
        .run(
            context -> {
              Throwable failure = context.getStartupFailure();
              assertTrue(failure != null, "no tables, and told not to make them");
              org.springframework.boot.diagnostics.FailureAnalysis analysis =
                  new JobStoreFailureAnalyzer().analyze(failure);
              assertTrue(
                  analysis.getDescription().contains("tables are not in"),
                  analysis.getDescription());
              assertTrue(
                  analysis.getAction().contains("nanobanana.store.initialize-schema=always"),
                  analysis.getAction());
            });
  }

  @Test
  void on_postgresql_the_store_listens_apart_from_the_pool_and_makes_tables_only_when_told()
      throws Exception {
    String url = "jdbc:postgresql://127.0.0.1:5432/test";
    String schema = "nb_boot_" + Long.toHexString(System.nanoTime());
    try (var admin = java.sql.DriverManager.getConnection(url, "postgres", "")) {
      admin.createStatement().execute("CREATE SCHEMA " + schema);
    } catch (java.sql.SQLException e) {
      org.junit.jupiter.api.Assumptions.abort("no PostgreSQL at " + url + ": " + e.getMessage());
    }
    try {
      ApplicationContextRunner postgres =
          runner
              .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
              .withPropertyValues(
                  "spring.datasource.url=" + url + "?currentSchema=" + schema,
                  "spring.datasource.username=postgres",
                  "spring.datasource.hikari.maximum-pool-size=3");
      postgres.run(
          context -> {
            assertTrue(
                messages(context.getStartupFailure()).contains("tables are not in"),
                "embedded by default: PostgreSQL's tables are the application's to make");
          });
      postgres
          .withPropertyValues("nanobanana.store.initialize-schema=always")
          .run(
              context -> {
                JdbcJobStore store = context.getBean(JdbcJobStore.class);
                assertTrue(store.notifiesAcrossProcesses());
                generate(context.getBean(NanoBananaClient.class));
                com.zaxxer.hikari.HikariDataSource pool =
                    context.getBean(com.zaxxer.hikari.HikariDataSource.class);
                assertEquals(
                    0,
                    pool.getHikariPoolMXBean().getActiveConnections(),
                    "LISTEN holds no connection of the application's pool");
              });
    } finally {
      try (var admin = java.sql.DriverManager.getConnection(url, "postgres", "")) {
        admin.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  @Test
  void a_database_the_store_cannot_run_on_is_described_with_what_to_do() {
    org.springframework.boot.diagnostics.FailureAnalysis analysis =
        new JobStoreFailureAnalyzer()
            .analyze(
                new JobStoreException(
                    null,
                    "the job store runs on H2 or PostgreSQL, and the DataSource is MySQL",
                    null));
    assertTrue(analysis.getDescription().contains("MySQL"), analysis.getDescription());
    assertTrue(
        analysis.getAction().contains("nanobanana.store.enabled=false"), analysis.getAction());
  }

  static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " in " + failure, failure);
  }

  static String messages(Throwable failure) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append(" / ");
    }
    return all.toString();
  }
}
