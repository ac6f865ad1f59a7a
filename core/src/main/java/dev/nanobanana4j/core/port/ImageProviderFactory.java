package dev.nanobanana4j.core.port;

import dev.nanobanana4j.core.domain.ProviderInfo;

/**
 * Makes a provider; the type that {@link java.util.ServiceLoader} finds. A provider jar registers
 * its factory in {@code META-INF/services/dev.nanobanana4j.core.port.ImageProviderFactory}. The
 * factory must have a public no-argument constructor and be cheap to make.
 */
public interface ImageProviderFactory {

  /** What the provider is, without configuring it. {@code info().id()} must be unique. */
  ProviderInfo info();

  /**
   * A provider configured with {@code config}.
   *
   * @throws dev.nanobanana4j.core.error.ProviderConfigurationException when the configuration
   *     cannot be used
   */
  ImageProvider create(ProviderConfig config);
}
