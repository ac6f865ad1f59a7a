package dev.nanobanana4j.spi;

import dev.nanobanana4j.core.domain.ProviderInfo;
import dev.nanobanana4j.core.port.ImageProvider;
import dev.nanobanana4j.core.port.ImageProviderFactory;
import dev.nanobanana4j.core.port.ProviderConfig;
import java.time.Clock;
import java.util.Objects;

/**
 * The factory of a provider whose description is declared once, as a constant: a subclass gives the
 * {@link ProviderInfo} to the constructor and makes its provider in {@link #create(ProviderInfo,
 * ProviderConfig, Clock)}. Subclasses are public and final, with a public no-argument constructor,
 * for {@link java.util.ServiceLoader}.
 */
public abstract class HttpProviderFactory implements ImageProviderFactory {
  private final ProviderInfo info;

  /** A factory of providers described by {@code info}. */
  protected HttpProviderFactory(ProviderInfo info) {
    this.info = Objects.requireNonNull(info, "info == null");
  }

  @Override
  public final ProviderInfo info() {
    return info;
  }

  @Override
  public final ImageProvider create(ProviderConfig config) {
    return create(info, Objects.requireNonNull(config, "config == null"), Clock.systemUTC());
  }

  /**
   * Makes the provider.
   *
   * @param clock the clock for handles' submission times; the system's, except in tests
   */
  protected abstract ImageProvider create(ProviderInfo info, ProviderConfig config, Clock clock);

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + info.id() + "]";
  }
}
