package dev.nanobanana4j.core.application.internal;

import dev.nanobanana4j.core.error.ProviderConfigurationException;
import dev.nanobanana4j.core.error.ProviderNotFoundException;
import dev.nanobanana4j.core.port.ImageProvider;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The providers a client was built with, by id, and the one used when a call names none. */
public final class ConfiguredProviders {
  private final Map<String, ImageProvider> byId;
  private final String defaultId;

  /**
   * @param defaultId the default provider, or null: the only one when there is one, else none
   * @throws ProviderNotFoundException when {@code defaultId} is not among {@code providers}
   */
  public ConfiguredProviders(Map<String, ImageProvider> providers, String defaultId) {
    this.byId = Collections.unmodifiableMap(new LinkedHashMap<>(providers));
    if (defaultId != null) {
      require(defaultId);
      this.defaultId = defaultId;
    } else {
      this.defaultId = byId.size() == 1 ? byId.keySet().iterator().next() : null;
    }
  }

  /** By id, in the order they were added. */
  public Map<String, ImageProvider> byId() {
    return byId;
  }

  public Collection<ImageProvider> all() {
    return byId.values();
  }

  /**
   * The provider {@code providerId}.
   *
   * @throws ProviderNotFoundException when it is not configured here, listing those that are
   */
  public ImageProvider require(String providerId) {
    Objects.requireNonNull(providerId, "providerId == null");
    ImageProvider provider = byId.get(providerId);
    if (provider == null) {
      throw new ProviderNotFoundException(
          providerId, List.copyOf(byId.keySet()), "is configured in this client");
    }
    return provider;
  }

  /**
   * The provider used by calls that name none.
   *
   * @throws ProviderConfigurationException when there are none, or several and no default
   */
  public String defaultId() {
    if (defaultId == null) {
      throw new ProviderConfigurationException(
          null,
          byId.isEmpty()
              ? "no provider is configured; add one with NanoBananaClient.builder().provider(...)"
              : "several providers are configured ("
                  + String.join(", ", byId.keySet())
                  + "); name one, or set defaultProvider(...)");
    }
    return defaultId;
  }

  @Override
  public String toString() {
    return byId.keySet().toString();
  }
}
