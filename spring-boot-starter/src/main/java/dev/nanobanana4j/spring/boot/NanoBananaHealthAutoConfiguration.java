package dev.nanobanana4j.spring.boot;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.domain.ProviderInfo;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;

/**
 * A health indicator per provider, under {@code nanobanana}: whether it is configured, where its
 * key came from, and its circuit (open while routes set it aside after refusals in a row, and then
 * {@code OUT_OF_SERVICE}). It never calls the vendor: a health check must not cost money or count
 * against a rate limit. Off with {@code management.health.nanobanana.enabled=false}.
 */
@AutoConfiguration(after = NanoBananaAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(NanoBananaClient.class)
@ConditionalOnEnabledHealthIndicator("nanobanana")
public class NanoBananaHealthAutoConfiguration {
  /** One indicator per provider of the client. */
  @Bean
  @ConditionalOnMissingBean(name = "nanobananaHealthContributor")
  public HealthContributor nanobananaHealthContributor(
      NanoBananaClient client, NanoBananaProperties properties) {
    Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
    for (ProviderInfo provider : client.providers()) {
      boolean fromProperties = properties.getProviders().containsKey(provider.id());
      indicators.put(provider.id(), () -> health(client, provider, fromProperties));
    }
    return CompositeHealthContributor.fromMap(indicators);
  }

  static Health health(NanoBananaClient client, ProviderInfo provider, boolean fromProperties) {
    Optional<Instant> setAside = client.setAsideUntil(provider.id());
    Health.Builder health =
        (setAside.isPresent() ? Health.status(Status.OUT_OF_SERVICE) : Health.up())
            .withDetail("provider", provider.displayName())
            .withDetail("configured", true)
            // A provider from properties cannot start without its key; one made in code holds its
            // own. The key itself is never shown.
            .withDetail("apiKey", fromProperties ? "present (properties)" : "held by the provider")
            .withDetail("circuit", setAside.isPresent() ? "open" : "closed");
    setAside.ifPresent(until -> health.withDetail("setAsideUntil", until.toString()));
    return health.build();
  }
}
