/**
 * The client's meters and observations on Micrometer. Present on the class path or module path,
 * this module is found by {@link java.util.ServiceLoader} and reports to Micrometer's global
 * registry; {@link dev.nanobanana4j.micrometer.MicrometerObserver} reports to the registries an
 * application names.
 */
module dev.nanobanana4j.micrometer {
  requires transitive dev.nanobanana4j.core;
  requires transitive micrometer.core;
  requires transitive micrometer.observation;

  exports dev.nanobanana4j.micrometer;

  provides dev.nanobanana4j.core.port.ClientObserverFactory with
      dev.nanobanana4j.micrometer.MicrometerObserverFactory;
}
