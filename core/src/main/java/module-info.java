/**
 * The hexagon of nanobanana4j: the vendor-neutral domain, the ports providers implement, the typed
 * errors and the client. The domain depends on the JDK only; the client reports to Micrometer.
 */
module dev.nanobanana4j.core {
  requires java.net.http;
  requires transitive micrometer.core;
  requires transitive micrometer.observation;

  exports dev.nanobanana4j.core.domain;
  exports dev.nanobanana4j.core.error;
  exports dev.nanobanana4j.core.port;
  exports dev.nanobanana4j.core.application;

  uses dev.nanobanana4j.core.port.ImageProviderFactory;
}
