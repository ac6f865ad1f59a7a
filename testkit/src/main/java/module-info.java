/**
 * The vendor simulator and the provider contract suite, for the library's own tests, for
 * applications' tests and for provider authors.
 */
module dev.nanobanana4j.testkit {
  requires transitive dev.nanobanana4j.core;
  // Only the contract suites need JUnit; the simulator runs without it.
  requires static transitive org.junit.jupiter.api;
  // Only ProviderArchitecture needs ArchUnit.
  requires static com.tngtech.archunit;
  requires mockwebserver3;
  requires okhttp3;
  requires okio;
  requires com.squareup.moshi;
  requires java.desktop;
  requires java.logging;
  requires java.net.http;
  requires jdk.httpserver;
  requires dev.nanobanana4j.spi;

  exports dev.nanobanana4j.testkit;

  // Simulations other jars ship (nanobanana sandbox serves them).
  uses dev.nanobanana4j.testkit.SimulationFactory;

  // JUnit calls the contract suite's test methods reflectively.
  opens dev.nanobanana4j.testkit to
      org.junit.platform.commons;
}
