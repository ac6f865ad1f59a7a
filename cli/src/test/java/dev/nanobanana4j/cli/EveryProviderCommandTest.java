package dev.nanobanana4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.testkit.Simulator;
import dev.nanobanana4j.testkit.TaskScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command behaves the same with every provider: sandbox generation and edits, and against a
 * server that answers as the vendor's docs show, success (0), a failed job (3), a refused key (4),
 * and a request beyond the provider's limits (2, nothing sent).
 */
class EveryProviderCommandTest {
  private static final String IMAGE = "https://example.com/source.png";
  private static final Map<String, List<String>> BEYOND_LIMITS =
      Map.of(
          "apixo", List.of("--resolution", "512"),
          "modellix", List.of("--aspect-ratio", "auto"),
          "modelslab", List.of("--aspect-ratio", "21:9"),
          "mulerun", List.of("--model", "nano-banana-pro", "--resolution", "4K"),
          "seaart",
              List.of(
                  "--image", IMAGE, "--image", IMAGE, "--image", IMAGE, "--image", IMAGE, "--image",
                  IMAGE));

  private final Simulator simulator =
      Simulator.builder().defaultScript(TaskScript.succeed(Duration.ZERO, Duration.ZERO)).start();

  @AfterEach
  void close() {
    simulator.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"apixo", "modellix", "modelslab", "mulerun", "seaart"})
  void sandbox_generates_and_edits(String provider, @TempDir Path out) throws Exception {
    CliRun t2i =
        CliRun.of(
            "generate",
            "--sandbox",
            "--provider",
            provider,
            "--prompt",
            "a lighthouse",
            "--out",
            out.toString(),
            "--json");
    assertEquals(0, t2i.exitCode(), t2i::toString);
    Path file = Path.of(((List<?>) t2i.json().get("files")).get(0).toString());
    assertEquals((byte) 0x89, Files.readAllBytes(file)[0]);
    CliRun edit =
        CliRun.of(
            "generate",
            "--sandbox",
            "--provider",
            provider,
            "--prompt",
            "at sunrise",
            "--image",
            IMAGE,
            "--json");
    assertEquals(0, edit.exitCode(), edit::toString);
    assertEquals("succeeded", edit.json().get("state"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"apixo", "modellix", "modelslab", "mulerun", "seaart"})
  void against_the_documented_protocol_exit_codes_are_0_3_4_and_2(String provider) {
    String prefix = provider.toUpperCase();
    Map<String, String> env =
        Map.of(
            prefix + "_API_KEY",
            simulator.apiKey(provider),
            prefix + "_BASE_URL",
            simulator.baseUrl(provider).toString());
    List<String> base =
        List.of(
            "generate",
            "--provider",
            provider,
            "--prompt",
            "a fox",
            "--poll-interval",
            "10ms",
            "--json");

    CliRun ok = CliRun.of(env, base.toArray(String[]::new));
    assertEquals(0, ok.exitCode(), ok::toString);
    assertFalse(((List<?>) ok.json().get("images")).isEmpty());

    simulator
        .vendor(provider)
        .scriptNextTask(TaskScript.fail(Duration.ZERO, failCode(provider), "generation failed"));
    CliRun failed = CliRun.of(env, base.toArray(String[]::new));
    assertEquals(3, failed.exitCode(), failed::toString);
    assertEquals("failed", failed.json().get("state"));

    Map<String, String> wrongKey =
        Map.of(
            prefix + "_API_KEY",
            "sk-wrong",
            prefix + "_BASE_URL",
            simulator.baseUrl(provider).toString());
    CliRun refused = CliRun.of(wrongKey, base.toArray(String[]::new));
    assertEquals(4, refused.exitCode(), refused::toString);

    simulator.clearCalls();
    List<String> beyond = new ArrayList<>(base);
    beyond.addAll(BEYOND_LIMITS.get(provider));
    if (provider.equals("seaart")) {
      beyond.set(beyond.indexOf("a fox"), "p".repeat(2600));
    }
    CliRun invalid = CliRun.of(env, beyond.toArray(String[]::new));
    assertEquals(2, invalid.exitCode(), invalid::toString);
    assertTrue(invalid.out().contains("\"code\":\"invalid_request\""), invalid::toString);
    assertEquals(0, simulator.calls(provider, Operation.SUBMIT).size(), "nothing sent");
  }

  private static String failCode(String provider) {
    return switch (provider) {
      case "apixo" -> "SensitiveContent";
      case "mulerun" -> "3001";
      case "seaart" -> "INFERENCE_FAILURE";
      default -> "failed";
    };
  }
}
