package dev.nanobanana4j.spring.boot;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.application.NanoBananaClientBuilder;
import dev.nanobanana4j.core.application.callbacks.Callbacks;
import dev.nanobanana4j.core.application.jobs.FleetOptions;
import dev.nanobanana4j.core.application.routing.Budget;
import dev.nanobanana4j.core.application.routing.PriceOverrides;
import dev.nanobanana4j.core.application.routing.Route;
import dev.nanobanana4j.core.application.waiting.PollingPolicy;
import dev.nanobanana4j.core.domain.Money;
import dev.nanobanana4j.core.error.ProviderConfigurationException;
import dev.nanobanana4j.core.port.BudgetLedger;
import dev.nanobanana4j.core.port.ClientObserver;
import dev.nanobanana4j.core.port.ImageProvider;
import dev.nanobanana4j.core.port.JobStore;
import dev.nanobanana4j.core.port.ProviderConfig;
import dev.nanobanana4j.core.port.Secret;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The {@link NanoBananaClient} from {@code nanobanana.*} properties, with the application's beans:
 * {@link ImageProvider}s made in code, a {@link ClientObserver} (the starter's Micrometer one when
 * Boot has a {@code MeterRegistry}), a {@link JobStore} (the starter's JDBC one on the
 * application's {@code DataSource}), a {@link Budget}, {@link Callbacks}, a {@link PollingPolicy},
 * and every {@link NanoBananaClientCustomizer}. Every bean here yields to one of the same type that
 * the application defines.
 *
 * <p>Mistakes in the properties (a provider without a key, a budget that is not an amount, a
 * callback URL without a secret) stop the application at startup, before any call is paid for.
 */
@AutoConfiguration(
    afterName = {
      "dev.nanobanana4j.spring.boot.NanoBananaMetricsAutoConfiguration",
      "dev.nanobanana4j.spring.boot.NanoBananaJobStoreAutoConfiguration"
    })
@EnableConfigurationProperties(NanoBananaProperties.class)
public class NanoBananaAutoConfiguration {
  /** The client; closed with the application context. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public NanoBananaClient nanoBananaClient(
      NanoBananaProperties properties,
      ObjectProvider<ImageProvider> providers,
      ObjectProvider<ClientObserver> observers,
      ObjectProvider<JobStore> jobStore,
      ObjectProvider<Budget> budget,
      ObjectProvider<Callbacks> callbacks,
      ObjectProvider<PollingPolicy> pollingPolicy,
      ObjectProvider<NanoBananaClientCustomizer> customizers) {
    NanoBananaClientBuilder builder = NanoBananaClient.builder();
    properties.getProviders().forEach((id, provider) -> builder.provider(id, config(id, provider)));
    providers.orderedStream().forEach(builder::provider);
    if (properties.getDefaultProvider() != null && !properties.getDefaultProvider().isBlank()) {
      builder.defaultProvider(properties.getDefaultProvider());
    }
    builder.defaultTimeout(properties.getDefaultTimeout());
    PriceOverrides prices = prices(properties);
    if (!prices.isEmpty()) {
      builder.priceOverrides(prices);
    }
    List<ClientObserver> all = observers.orderedStream().toList();
    if (!all.isEmpty()) {
      // Given explicitly, so that the ServiceLoader's observer (Micrometer's global registry,
      // which Boot's registries join) is not used as well: each job is counted and timed once.
      builder.observer(all.size() == 1 ? all.get(0) : ClientObserver.all(all));
    }
    jobStore.ifAvailable(
        store -> {
          builder.jobStore(store);
          FleetOptions fleet =
              FleetOptions.defaults()
                  .withTakeOverOrphans(properties.getStore().isTakeOverOrphans());
          String instance = properties.getStore().getInstanceId();
          builder.fleet(
              instance == null || instance.isBlank() ? fleet : fleet.withInstanceId(instance));
        });
    budget.ifAvailable(builder::budget);
    callbacks.ifAvailable(builder::callbacks);
    pollingPolicy.ifAvailable(builder::pollingPolicy);
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }

  /** The polling policy named by {@code nanobanana.polling.*}. */
  @Bean
  @ConditionalOnMissingBean
  public PollingPolicy nanoBananaPollingPolicy(NanoBananaProperties properties) {
    NanoBananaProperties.Polling polling = properties.getPolling();
    String policy = polling.getPolicy() == null ? "adaptive" : polling.getPolicy().trim();
    switch (policy.toLowerCase(Locale.ROOT)) {
      case "adaptive":
        return polling.getPollsPerJob() == null
            ? PollingPolicy.adaptive()
            : PollingPolicy.adaptive(polling.getPollsPerJob());
      case "vendor-guidance":
        return PollingPolicy.vendorGuidance();
      case "fixed":
        return PollingPolicy.fixed(polling.getFirstPoll(), polling.getInterval());
      default:
        throw new IllegalArgumentException(
            "nanobanana.polling.policy is '"
                + policy
                + "'; expected adaptive, vendor-guidance or fixed");
    }
  }

  /** The route of {@code nanobanana.route}, for the application to submit along. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "nanobanana", name = "route")
  public Route nanoBananaRoute(NanoBananaProperties properties) {
    return Route.parse(properties.getRoute());
  }

  /**
   * The spend limit of {@code nanobanana.budget.limit}; shared through the job store's ledger when
   * {@code nanobanana.budget.name} is set.
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "nanobanana.budget", name = "limit")
  public Budget nanoBananaBudget(NanoBananaProperties properties, ObjectProvider<JobStore> store) {
    Money limit = money("nanobanana.budget.limit", properties.getBudget().getLimit());
    String name = properties.getBudget().getName();
    if (name == null || name.isBlank()) {
      return Budget.of(limit);
    }
    JobStore ledger = store.getIfAvailable();
    if (!(ledger instanceof BudgetLedger)) {
      throw new IllegalStateException(
          "nanobanana.budget.name shares the budget through the job store, and there is no job"
              + " store that keeps budgets (add nanobanana4j-store-jdbc and a DataSource)");
    }
    return Budget.shared(name, limit, (BudgetLedger) ledger);
  }

  /** Callback settings from {@code nanobanana.callbacks.*}, when a URL is set. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "nanobanana.callbacks", name = "url")
  public Callbacks nanoBananaCallbacks(NanoBananaProperties properties) {
    NanoBananaProperties.CallbackSettings settings = properties.getCallbacks();
    if (settings.getSecret() == null || settings.getSecret().isBlank()) {
      throw new IllegalStateException(
          "nanobanana.callbacks.url is set and nanobanana.callbacks.secret is not: callback URLs"
              + " are signed with it");
    }
    long maxBody = settings.getMaxBodySize().toBytes();
    if (maxBody < 1 || maxBody > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "nanobanana.callbacks.max-body-size must be from 1 byte to 2 GB");
    }
    return Callbacks.builder()
        .url(settings.getUrl())
        .secret(Secret.of(settings.getSecret()))
        .tokenLifetime(settings.getTokenLifetime())
        .maxBodyBytes((int) maxBody)
        .pollingGrace(settings.getPollingGrace())
        .build();
  }

  /** A {@code ${NAME}} or {@code ${NAME:default}} Spring left as it was: its name. */
  private static final java.util.regex.Pattern PLACEHOLDER =
      java.util.regex.Pattern.compile("\\$\\{([^}:]{1,100})(?::[^}]*)?}");

  static ProviderConfig config(String id, NanoBananaProperties.Provider provider) {
    String property = "nanobanana.providers." + id + ".api-key";
    String key = provider.getApiKey();
    if (key == null || key.isBlank()) {
      throw new ProviderConfigurationException(id, property + " is not set");
    }
    java.util.regex.Matcher placeholder = PLACEHOLDER.matcher(key);
    if (placeholder.find()) {
      // Only the placeholder's name: whatever else the value holds may be part of a key.
      throw new ProviderConfigurationException(
          id,
          property
              + " is the placeholder ${"
              + placeholder.group(1)
              + "}, which nothing resolved: "
              + placeholder.group(1)
              + " is not set");
    }
    if (!key.strip().equals(key) || key.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
      throw new ProviderConfigurationException(
          id, property + " holds white space or control characters (a pasted line break?)");
    }
    ProviderConfig.Builder config = ProviderConfig.builder().apiKey(key);
    if (provider.getBaseUrl() != null) {
      config.baseUrl(provider.getBaseUrl());
    }
    if (provider.getConnectTimeout() != null) {
      config.connectTimeout(provider.getConnectTimeout());
    }
    if (provider.getRequestTimeout() != null) {
      config.requestTimeout(provider.getRequestTimeout());
    }
    if (provider.getMaxConcurrentRequests() != null) {
      config.maxConcurrentRequests(provider.getMaxConcurrentRequests());
    }
    if (provider.getMaxResponseBytes() != null) {
      config.maxResponseBytes(provider.getMaxResponseBytes().toBytes());
    }
    if (provider.getWebhookSecret() != null && !provider.getWebhookSecret().isBlank()) {
      config.webhookSecret(Secret.of(provider.getWebhookSecret()));
    }
    return config.build();
  }

  /** The providers' {@code models.<model>} price tables, checked as the client checks files. */
  static PriceOverrides prices(NanoBananaProperties properties) {
    Properties flat = new Properties();
    properties
        .getProviders()
        .forEach(
            (id, provider) -> {
              for (Map.Entry<String, NanoBananaProperties.ModelPrices> model :
                  provider.getModels().entrySet()) {
                String table = id + "/" + model.getKey() + "/";
                NanoBananaProperties.ModelPrices prices = model.getValue();
                prices
                    .getPrices()
                    .forEach((resolution, price) -> flat.put(table + resolution, price));
                if (prices.getAsOf() != null) {
                  flat.put(table + "asOf", prices.getAsOf().toString());
                }
                if (prices.getSource() != null) {
                  flat.put(table + "source", prices.getSource());
                }
              }
            });
    return flat.isEmpty()
        ? PriceOverrides.none()
        : PriceOverrides.parse(flat, "nanobanana.providers.<id>.models");
  }

  static Money money(String property, String text) {
    try {
      return Money.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(property + ": " + e.getMessage(), e);
    }
  }
}
