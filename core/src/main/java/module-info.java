/**
 * The hexagon of nanobanana4j: the vendor-neutral domain, the ports providers implement, the typed
 * errors and the client. It depends on the JDK alone: meters and traces go through the {@link
 * dev.nanobanana4j.core.port.ClientObserver} port, which {@code nanobanana4j-micrometer}
 * implements.
 */
module dev.nanobanana4j.core {
  exports dev.nanobanana4j.core.domain;
  exports dev.nanobanana4j.core.error;
  exports dev.nanobanana4j.core.port;
  exports dev.nanobanana4j.core.application;
  exports dev.nanobanana4j.core.application.routing;
  exports dev.nanobanana4j.core.application.waiting;
  exports dev.nanobanana4j.core.application.callbacks;
  exports dev.nanobanana4j.core.application.download;
  exports dev.nanobanana4j.core.application.jobs;

  uses dev.nanobanana4j.core.port.ImageProviderFactory;
  uses dev.nanobanana4j.core.port.ClientObserverFactory;
  uses dev.nanobanana4j.core.port.ImageFetcher;
}
