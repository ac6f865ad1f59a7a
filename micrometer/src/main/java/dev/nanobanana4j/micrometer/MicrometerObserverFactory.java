package dev.nanobanana4j.micrometer;

import dev.nanobanana4j.core.port.ClientObserver;
import dev.nanobanana4j.core.port.ClientObserverFactory;

/**
 * Found by {@link java.util.ServiceLoader}: a client built without an observer reports to
 * Micrometer's global registry ({@link io.micrometer.core.instrument.Metrics#globalRegistry}, to
 * which Spring Boot and most frameworks add theirs) and observes nothing for tracing. Set {@link
 * MicrometerObserver} on the client's builder to choose the registries.
 */
public final class MicrometerObserverFactory implements ClientObserverFactory {
  /** For {@link java.util.ServiceLoader}. */
  public MicrometerObserverFactory() {}

  @Override
  public ClientObserver create() {
    return MicrometerObserver.global();
  }
}
