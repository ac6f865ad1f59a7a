package example;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.application.download.ImageDownloader;
import dev.nanobanana4j.core.application.waiting.AwaitOptions;
import dev.nanobanana4j.core.domain.*;
import dev.nanobanana4j.core.port.ProviderConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The README's Java quick start, as a user's program. With {@code APIXO_BASE_URL} unset it talks
 * to APIXO itself; the test points it at the simulator.
 */
public final class QuickStart {
  private QuickStart() {}

  public static void main(String[] args) {
    Path saved = run(System.getenv("APIXO_API_KEY"), System.getenv("APIXO_BASE_URL"), Path.of("out"));
    System.out.println("saved " + saved);
  }

  /** The quick start; returns the image it saved. */
  static Path run(String apiKey, String baseUrl, Path out) {
    // --- README: quick start ---
    try (NanoBananaClient client = NanoBananaClient.builder()
            .provider("apixo", ProviderConfig.builder().apiKey(apiKey).baseUrl(baseUrl).build())
            .build()) {

      ImageRequest request = ImageRequest.builder()
          .prompt("a fox in watercolor style")
          .aspectRatio(AspectRatio.RATIO_16_9)
          .resolution(Resolution.TWO_K)
          .build();

      System.out.println("estimate: " + client.estimate(request));     // 0.08 USD (...)

      // Blocking:
      GenerationResult result = client.blocking().generate(request);
      result.images().forEach(image -> System.out.println(image.url().orElseThrow()));
      Path saved = ImageDownloader.builder()
          .trustingAddressesOf(baseUrl == null ? null : URI.create(baseUrl)) // a test server's images
          .build()
          .save(result.images().get(0), out, "fox");

      // Or asynchronous, with a token to resume later (even in another process):
      JobHandle handle = client.submit(request).join();
      String token = handle.toToken();
      JobStatus status = client.await(client.resume(token), AwaitOptions.timeout(Duration.ofMinutes(5))).join();
      System.out.println(status.state());
      // --- end ---
      return saved;
    }
  }
}
