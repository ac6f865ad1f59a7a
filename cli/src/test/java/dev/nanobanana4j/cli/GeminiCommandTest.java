package dev.nanobanana4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.testkit.GeminiSimulation;
import dev.nanobanana4j.testkit.SampleImages;
import dev.nanobanana4j.testkit.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command against the simulation of Google's Gemini API: the PNG Google returned is saved, a
 * refused key exits 4, a blocked prompt exits 3.
 */
class GeminiCommandTest {
  private static final String KEY = "AIza-command-test";

  private final GeminiSimulation google = new GeminiSimulation(KEY);
  private final Simulator simulator = Simulator.builder().vendor(google).start();

  @AfterEach
  void close() {
    simulator.close();
  }

  private Map<String, String> env(String key) {
    return Map.of("GEMINI_API_KEY", key, "GEMINI_BASE_URL", simulator.baseUrl("gemini").toString());
  }

  private static String[] generate(String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("generate", "--provider", "gemini", "--prompt", "a lighthouse at dusk"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void saves_the_png_google_returned(@TempDir Path out) throws Exception {
    CliRun run = CliRun.of(env(KEY), generate("--out", out.toString(), "--json"));
    assertEquals(0, run.exitCode(), run::toString);
    Map<String, Object> json = run.json();
    assertEquals("succeeded", json.get("state"));
    assertEquals("0.039", ((Map<?, ?>) json.get("estimatedCost")).get("amount"));
    String taskId = (String) json.get("taskId");
    Path file = Path.of((String) ((List<?>) json.get("files")).get(0));
    assertTrue(file.getFileName().toString().endsWith(".png"), file.toString());
    // The simulation answered with this PNG, inline: the saved file is it, byte for byte.
    assertArrayEquals(
        SampleImages.render("png", 256, 256, taskId + "#0"), Files.readAllBytes(file));
    Map<?, ?> vendor = (Map<?, ?>) json.get("vendor");
    assertEquals(taskId, vendor.get("requestId"), "Google's responseId");
    assertEquals("Here is a lighthouse at dusk", vendor.get("text"));
    assertEquals("gemini-2.5-flash-image", ((Map<?, ?>) vendor.get("fields")).get("modelVersion"));
    assertEquals(1, simulator.calls("gemini", Operation.SUBMIT).size(), "one call, no polls");
    assertEquals(1, simulator.calls().size());
  }

  @Test
  void a_key_google_rejects_exits_4() {
    CliRun run = CliRun.of(env("AIza-wrong"), generate("--json"));
    assertEquals(4, run.exitCode(), run::toString);
    Map<?, ?> error = (Map<?, ?>) run.json().get("error");
    assertEquals("authentication", error.get("code"));
    assertEquals(400, ((Number) error.get("httpStatus")).intValue());
    assertEquals("API_KEY_INVALID", error.get("vendorCode"));
    assertTrue(
        !run.out().contains("AIza-wrong") && !run.err().contains("AIza-wrong"), run::toString);
  }

  @Test
  void a_blocked_prompt_exits_3_for_content_policy() {
    google.blockNextPrompt("PROHIBITED_CONTENT");
    CliRun run = CliRun.of(env(KEY), generate("--json"));
    assertEquals(3, run.exitCode(), run::toString);
    Map<String, Object> json = run.json();
    assertEquals("failed", json.get("state"));
    Map<?, ?> failure = (Map<?, ?>) json.get("failure");
    assertEquals("CONTENT_POLICY", failure.get("reason"));
    assertEquals("PROHIBITED_CONTENT", failure.get("vendorCode"));
  }

  @Test
  void the_sandbox_simulates_google_too() {
    CliRun run = CliRun.of(Map.of(), generate("--sandbox", "--json"));
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("gemini", run.json().get("provider"), run::toString);
    assertEquals("succeeded", run.json().get("state"), run::toString);
  }
}
