package dev.nanobanana4j.benchmarks;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.testkit.Simulator;
import dev.nanobanana4j.testkit.TaskScript;
import java.time.Duration;

/**
 * {@code CloseToExit}: a {@code main} that generates one image on the simulator, closes its client
 * and returns. It prints {@code CLOSED <epoch ms>} when both are closed; the JVM should exit at
 * once after, with no thread of the library's or of OkHttp's holding it. Time it from outside:
 *
 * <pre>{@code
 * java -cp ... dev.nanobanana4j.benchmarks.CloseToExit; date +%s%3N
 * }</pre>
 */
public final class CloseToExit {
  private CloseToExit() {}

  /** Generates, closes, returns. */
  public static void main(String[] args) {
    try (Simulator simulator =
        Simulator.builder()
            .defaultScript(TaskScript.succeed(Duration.ZERO, Duration.ZERO))
            .start()) {
      try (NanoBananaClient client =
          NanoBananaClient.builder().provider("apixo", simulator.config("apixo")).build()) {
        client.blocking().generate(ImageRequest.builder().prompt("a fox").build());
      }
    }
    System.out.println("CLOSED " + System.currentTimeMillis());
  }
}
