package dev.nanobanana4j.benchmarks;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.application.NanoBananaClientBuilder;
import dev.nanobanana4j.core.port.ProviderConfig;
import java.net.URI;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;

/**
 * How long it takes to build a client with all five providers: the first build in a fresh JVM
 * (class loading, the shared HTTP stack, the JDK's trust store), then the median of many builds
 * after it, as an application that builds clients on demand sees them. Nothing is called: the
 * providers point at a closed port on loopback.
 *
 * <pre>
 * java -cp ... dev.nanobanana4j.benchmarks.ColdStart [trust-store-first]
 * </pre>
 *
 * <p>With {@code trust-store-first}, the JDK's default trust store is loaded before the first build
 * and timed on its own, to show its share of the first build.
 */
public final class ColdStart {
  private static final List<String> PROVIDERS =
      List.of("apixo", "modellix", "modelslab", "mulerun", "seaart");

  private ColdStart() {}

  /** {@code ColdStart [trust-store-first]}. */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("trust-store-first")) {
      long start = System.nanoTime();
      TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm())
          .init((KeyStore) null);
      System.out.printf("trust store: %.1f ms%n", (System.nanoTime() - start) / 1e6);
    }
    long first = build();
    long[] warm = new long[50];
    for (int i = 0; i < warm.length; i++) {
      warm[i] = build();
    }
    Arrays.sort(warm);
    System.out.printf(
        "first build: %.1f ms; then median %.2f ms, slowest %.2f ms of %d builds%n",
        first / 1e6, warm[warm.length / 2] / 1e6, warm[warm.length - 1] / 1e6, warm.length);
  }

  /** Builds and closes a client with the five providers; returns the nanoseconds the build took. */
  private static long build() {
    long start = System.nanoTime();
    NanoBananaClientBuilder builder = NanoBananaClient.builder();
    for (String id : PROVIDERS) {
      builder.provider(
          id,
          ProviderConfig.builder()
              .apiKey("sk-cold-start-" + id)
              .baseUrl(URI.create("http://127.0.0.1:9/" + id))
              .build());
    }
    NanoBananaClient client = builder.defaultProvider("apixo").build();
    long took = System.nanoTime() - start;
    client.close();
    return took;
  }
}
