package dev.nanobanana4j.cli;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.application.NanoBananaClientBuilder;
import dev.nanobanana4j.core.application.ProviderRegistry;
import dev.nanobanana4j.core.application.routing.Budget;
import dev.nanobanana4j.core.application.routing.PriceOverrides;
import dev.nanobanana4j.core.application.waiting.PollingPolicy;
import dev.nanobanana4j.core.error.ProviderConfigurationException;
import dev.nanobanana4j.core.port.ProviderConfig;
import dev.nanobanana4j.micrometer.MicrometerObserver;
import dev.nanobanana4j.store.jdbc.JdbcJobStore;
import dev.nanobanana4j.testkit.Simulator;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A client for one provider or several (for a route), configured from options and the environment;
 * with {@code --sandbox}, also the simulator it talks to. Its meters are kept for {@code
 * --metrics}.
 */
final class Session implements AutoCloseable {
  private static final Duration SANDBOX_POLL = Duration.ofMillis(500);

  final NanoBananaClient client;
  final SimpleMeterRegistry meters;
  private final Simulator simulator;
  private final Map<String, java.net.URI> baseUrls;
  private final JdbcJobStore store;

  private Session(
      NanoBananaClient client,
      SimpleMeterRegistry meters,
      Simulator simulator,
      Map<String, java.net.URI> baseUrls,
      JdbcJobStore store) {
    this.store = store;
    this.client = client;
    this.meters = meters;
    this.simulator = simulator;
    this.baseUrls = Map.copyOf(baseUrls);
  }

  /** The base URL a provider was given here, or null for the vendor's own. */
  java.net.URI baseUrl(String providerId) {
    return baseUrls.get(providerId);
  }

  /** What a session adds to the client beyond the connection: prices and a spend limit. */
  record Extras(PriceOverrides prices, Budget budget) {
    static final Extras NONE = new Extras(PriceOverrides.none(), null);
  }

  static Session open(
      ProviderRegistry registry,
      String providerId,
      ConnectionOptions options,
      Map<String, String> env) {
    return open(registry, List.of(providerId), options, env, Extras.NONE, true);
  }

  /**
   * A session over {@code providerIds}. {@code --api-key} and {@code --base-url} apply only to a
   * single provider; each provider of a route takes its key and base URL from {@code <ID>_API_KEY}
   * and {@code <ID>_BASE_URL}.
   *
   * @param requireKeys whether a provider without a key is an error (else it is left out)
   */
  static Session open(
      ProviderRegistry registry,
      List<String> providerIds,
      ConnectionOptions options,
      Map<String, String> env,
      Extras extras,
      boolean requireKeys) {
    providerIds.forEach(registry::factory); // fails early, listing the ids found
    boolean single = providerIds.size() == 1;
    Simulator simulator = options.sandbox ? Simulator.builder().start() : null;
    JdbcJobStore store = null;
    try {
      PollingPolicy polling = PollingPolicy.adaptive();
      if (simulator != null) {
        polling = PollingPolicy.fixed(SANDBOX_POLL, SANDBOX_POLL);
      }
      if (options.pollInterval != null) {
        polling = PollingPolicy.fixed(options.pollInterval, options.pollInterval);
      }
      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      NanoBananaClientBuilder builder =
          NanoBananaClient.builder()
              .registry(registry)
              .pollingPolicy(polling)
              .observer(MicrometerObserver.of(meters))
              .priceOverrides(extras.prices());
      if (extras.budget() != null) {
        builder.budget(extras.budget());
      }

      int configured = 0;
      Map<String, java.net.URI> baseUrls = new java.util.HashMap<>();
      for (String id : providerIds) {
        String prefix = envPrefix(id);
        String key =
            single && options.apiKey != null ? options.apiKey : env.get(prefix + "_API_KEY");
        String baseUrl =
            single && options.baseUrl != null ? options.baseUrl : env.get(prefix + "_BASE_URL");
        if (simulator != null && !simulator.simulates(id)) {
          if (single) {
            throw new ProviderConfigurationException(
                id,
                "--sandbox has no simulation of "
                    + id
                    + "; pass --api-key KEY or set "
                    + prefix
                    + "_API_KEY to call it");
          }
          continue; // a route in the sandbox goes through the simulated providers
        }
        if (simulator != null) {
          key = simulator.apiKey(id);
          baseUrl = simulator.baseUrl(id).toString();
        } else if (key == null || key.isBlank()) {
          if (!requireKeys) {
            continue;
          }
          throw new ProviderConfigurationException(
              id,
              "no API key for "
                  + id
                  + ": "
                  + (single ? "pass --api-key KEY or set " : "set ")
                  + prefix
                  + "_API_KEY, or add --sandbox to run against the built-in simulator");
        }
        ProviderConfig.Builder config = ProviderConfig.builder().apiKey(key).baseUrl(baseUrl);
        if (options.requestTimeout != null) {
          config.requestTimeout(options.requestTimeout);
        }
        ProviderConfig built = config.build();
        built.baseUrl().ifPresent(url -> baseUrls.put(id, url));
        builder.provider(id, built);
        configured++;
      }
      if (configured == 0) {
        throw new ProviderConfigurationException(
            null,
            "no provider has an API key: set <ID>_API_KEY for at least one of "
                + String.join(", ", providerIds)
                + ", or add --sandbox");
      }
      // Opened once nothing local is wrong: a mistake costs no database work.
      store = Stores.open(Stores.url(options.store, options.noStore, options.sandbox, env));
      if (store != null) {
        // Commands at once on one ledger file take turns with it: a submission waits its turn
        // longer than a fleet's client would wait for its database.
        builder
            .jobStore(store)
            .fleet(
                dev.nanobanana4j.core.application.jobs.FleetOptions.defaults()
                    .withStoreTimeout(Stores.TURN)
                    // A command waits for its own jobs only and ends: it leaves the others to
                    // `nanobanana wait` and to a fleet's instances.
                    .withTakeOverOrphans(false));
      }
      return new Session(builder.build(), meters, simulator, baseUrls, store);
    } catch (RuntimeException e) {
      if (simulator != null) {
        simulator.close();
      }
      if (store != null) {
        store.close();
      }
      throw e;
    }
  }

  /** The prefix of a provider's environment variables: {@code APIXO} for {@code apixo}. */
  static String envPrefix(String providerId) {
    return providerId.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** Prints every meter the run recorded, one per line, sorted by name and tags. */
  void printMeters(PrintWriter err) {
    List<Meter> all =
        meters.getMeters().stream()
            .sorted(Comparator.comparing((Meter m) -> m.getId().getName() + m.getId().getTags()))
            .toList();
    err.println("metrics:");
    for (Meter meter : all) {
      String tags =
          meter.getId().getTags().stream()
              .map(tag -> tag.getKey() + "=" + tag.getValue())
              .collect(Collectors.joining(",", "{", "}"));
      StringBuilder values = new StringBuilder();
      for (Measurement measurement : meter.measure()) {
        values
            .append(' ')
            .append(measurement.getStatistic().getTagValueRepresentation())
            .append('=')
            .append(String.format(Locale.ROOT, "%.6g", measurement.getValue()));
      }
      err.println("  " + meter.getId().getName() + tags + values);
    }
    err.flush();
  }

  @Override
  public void close() {
    client.close();
    if (store != null) {
      store.close();
    }
    if (simulator != null) {
      simulator.close();
    }
  }
}
