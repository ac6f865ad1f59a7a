import dev.nanobanana4j.core.domain.GenerationResult;
import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.application.waiting.PollingPolicy;
import dev.nanobanana4j.core.application.ProviderRegistry;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.port.ProviderConfig;
import dev.nanobanana4j.testkit.Simulator;
import dev.nanobanana4j.testkit.TaskScript;
import java.time.Duration;

/**
 * Runs on the module path: the provider must be found through its {@code provides} clause and
 * work as an open module (Moshi and Retrofit reflect on its internal packages),
 * and the Micrometer observer through its own {@code provides} clause.
 */
public class ModulePathSmoke {
  public static void main(String[] args) {
    io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    io.micrometer.core.instrument.Metrics.addRegistry(meters);
    Module module = ProviderRegistry.load().factory("apixo").getClass().getModule();
    if (!module.isNamed()) {
      throw new AssertionError("the provider was not loaded as a named module");
    }
    try (Simulator sim =
            Simulator.builder().defaultScript(TaskScript.succeed(Duration.ZERO, Duration.ZERO)).start();
        NanoBananaClient client =
            NanoBananaClient.builder()
                .provider(
                    "apixo",
                    sim.config("apixo"))
                .pollingPolicy(PollingPolicy.fixed(Duration.ZERO, Duration.ofMillis(50)))
                .build()) {
      GenerationResult result =
          client.blocking().generate(ImageRequest.builder().prompt("a fox").build());
      io.micrometer.core.instrument.Counter completed =
          meters.find("nanobanana.jobs.completed").counter();
      if (completed == null || completed.count() != 1) {
        throw new AssertionError("the Micrometer observer was not found on the module path");
      }
      System.out.println(
          "module path: " + module.getName() + " generated " + result.images() + ", metered");
    }
  }
}
