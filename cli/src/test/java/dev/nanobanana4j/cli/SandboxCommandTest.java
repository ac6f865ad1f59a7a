package dev.nanobanana4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.testkit.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nanobanana sandbox} as a user runs it: its own process, serving until stopped, with the
 * lines that point other commands at it; a job submitted by one command is found by the next.
 */
class SandboxCommandTest {
  @TempDir Path home;

  @Test
  @SuppressWarnings("unchecked")
  void the_sandbox_serves_every_provider_until_stopped_and_jobs_live_across_commands()
      throws Exception {
    Process sandbox =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                NanoBananaCli.class.getName(),
                "sandbox",
                "--json")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      String first;
      try (BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(sandbox.getInputStream(), StandardCharsets.UTF_8))) {
        first = lines.readLine();
        assertTrue(first != null, "the sandbox printed its providers");
        List<Map<String, Object>> providers =
            (List<Map<String, Object>>) Json.parseObject(first).get("providers");
        List<String> ids = providers.stream().map(p -> p.get("id").toString()).toList();
        assertEquals(
            List.of("apixo", "gemini", "modellix", "modelslab", "mulerun", "seaart"),
            ids.stream().sorted().toList(),
            first);
        Map<String, String> env = new HashMap<>();
        env.put(Stores.HOME_VARIABLE, home.toString());
        for (Map<String, Object> p : providers) {
          String prefix = Session.envPrefix(p.get("id").toString());
          env.put(prefix + "_BASE_URL", p.get("baseUrl").toString());
          env.put(prefix + "_API_KEY", p.get("apiKey").toString());
        }

        // One command submits; the next ones, new clients as new processes are, find the job.
        CliRun submitted =
            CliRun.of(
                env, "generate", "--provider", "apixo", "--prompt", "a fox", "--no-wait", "--json");
        assertEquals(0, submitted.exitCode(), submitted::toString);
        String token = submitted.json().get("token").toString();
        CliRun status = CliRun.of(env, "status", token, "--json");
        assertEquals(0, status.exitCode(), status::toString);
        Path out = home.resolve("out");
        CliRun waited =
            CliRun.of(
                env, "wait", token, "--poll-interval", "50ms", "--out", out.toString(), "--json");
        assertEquals(0, waited.exitCode(), waited::toString);
        assertEquals("succeeded", waited.json().get("state"));
        try (var saved = Files.list(out)) {
          assertEquals(1, saved.filter(f -> f.toString().endsWith(".png")).count());
        }
      }
    } finally {
      sandbox.destroy(); // SIGTERM, as Ctrl-C is
    }
    assertTrue(sandbox.waitFor(30, TimeUnit.SECONDS), "the sandbox stops when told");
  }
}
