package dev.nanobanana4j.cli;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.application.PollingPolicy;
import dev.nanobanana4j.core.application.ProviderRegistry;
import dev.nanobanana4j.core.error.ProviderConfigurationException;
import dev.nanobanana4j.core.port.ProviderConfig;
import dev.nanobanana4j.testkit.Simulator;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * A client for one provider, configured from options and the environment; with {@code --sandbox},
 * also the simulator it talks to.
 */
final class Session implements AutoCloseable {
  private static final Duration SANDBOX_POLL = Duration.ofMillis(500);

  final NanoBananaClient client;
  private final Simulator simulator;

  private Session(NanoBananaClient client, Simulator simulator) {
    this.client = client;
    this.simulator = simulator;
  }

  static Session open(
      ProviderRegistry registry,
      String providerId,
      ConnectionOptions options,
      Map<String, String> env) {
    registry.factory(providerId); // fails early, listing the ids found
    String prefix = envPrefix(providerId);
    Simulator simulator = null;
    String key = options.apiKey != null ? options.apiKey : env.get(prefix + "_API_KEY");
    String baseUrl = options.baseUrl != null ? options.baseUrl : env.get(prefix + "_BASE_URL");
    PollingPolicy polling = PollingPolicy.adaptive();
    if (options.sandbox) {
      simulator = Simulator.builder().start();
      key = simulator.apiKey(providerId);
      baseUrl = simulator.baseUrl(providerId).toString();
      polling = PollingPolicy.fixed(SANDBOX_POLL, SANDBOX_POLL);
    } else if (key == null || key.isBlank()) {
      throw new ProviderConfigurationException(
          providerId,
          "no API key for "
              + providerId
              + ": pass --api-key KEY or set "
              + prefix
              + "_API_KEY, or add --sandbox to run against the built-in simulator");
    }
    if (options.pollInterval != null) {
      polling = PollingPolicy.fixed(options.pollInterval, options.pollInterval);
    }
    try {
      ProviderConfig.Builder config = ProviderConfig.builder().apiKey(key).baseUrl(baseUrl);
      if (options.requestTimeout != null) {
        config.requestTimeout(options.requestTimeout);
      }
      NanoBananaClient client =
          NanoBananaClient.builder()
              .registry(registry)
              .provider(providerId, config.build())
              .pollingPolicy(polling)
              .build();
      return new Session(client, simulator);
    } catch (RuntimeException e) {
      if (simulator != null) {
        simulator.close();
      }
      throw e;
    }
  }

  /** The prefix of a provider's environment variables: {@code APIXO} for {@code apixo}. */
  static String envPrefix(String providerId) {
    return providerId.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  @Override
  public void close() {
    client.close();
    if (simulator != null) {
      simulator.close();
    }
  }
}
