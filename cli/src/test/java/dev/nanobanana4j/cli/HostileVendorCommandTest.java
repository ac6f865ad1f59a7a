package dev.nanobanana4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.testkit.Fault;
import dev.nanobanana4j.testkit.Simulator;
import dev.nanobanana4j.testkit.TaskScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The command against a vendor stand-in on loopback that answers as no vendor should, and as a
 * careless user types: nothing leaks, nothing hangs past --timeout, nothing runs out of memory, and
 * local mistakes are found before anything is sent.
 */
class HostileVendorCommandTest {
  private final Simulator simulator =
      Simulator.builder().defaultScript(TaskScript.succeed(Duration.ZERO, Duration.ZERO)).start();

  @TempDir Path dir;

  @AfterEach
  void close() {
    simulator.close();
  }

  private Map<String, String> env(String... providers) {
    return CliRun.env(simulator, providers);
  }

  private List<Path> files(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return List.of();
    }
    try (Stream<Path> all = Files.list(folder)) {
      return all.toList();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {"REDIRECT_301", "REDIRECT_302", "REDIRECT_303", "REDIRECT_307", "REDIRECT_308"})
  void no_request_reaches_another_origin_after_any_redirect(Fault redirect) {
    for (String provider : List.of("apixo", "modelslab")) {
      simulator.inject(redirect, provider, Operation.SUBMIT, 1);
      CliRun run =
          CliRun.of(env(provider), "generate", "--provider", provider, "--prompt", "a cat");
      assertEquals(5, run.exitCode(), run::toString);
      assertTrue(run.err().contains("may or may not have accepted the job"), run::toString);
    }
    // ModelsLab sends its key in the body: the worst case for a poll or a download redirected.
    simulator.inject(redirect, "modelslab", Operation.STATUS, 100);
    CliRun poll =
        CliRun.of(
            env("modelslab"),
            "generate",
            "--provider",
            "modelslab",
            "--prompt",
            "a cat",
            "--poll-interval",
            "10ms",
            "--timeout",
            "2s");
    assertEquals(5, poll.exitCode(), poll::toString);
    simulator.clearFaults();
    simulator.inject(redirect, "modelslab", Operation.DOWNLOAD, 1);
    CliRun download =
        CliRun.of(
            env("modelslab"),
            "generate",
            "--provider",
            "modelslab",
            "--prompt",
            "a cat",
            "--poll-interval",
            "10ms",
            "--out",
            dir.resolve(redirect.name()).toString());
    assertEquals(5, download.exitCode(), download::toString);
    assertTrue(download.err().contains("redirect"), download::toString);
    assertEquals(0, simulator.elsewhereCalls(), "nothing followed a redirect");
  }

  @Test
  void a_trickling_download_ends_within_the_timeout_and_leaves_no_file() throws IOException {
    simulator.inject(Fault.TRICKLING_BODY, "apixo", Operation.DOWNLOAD, 1);
    Path out = dir.resolve("out");
    CliRun run =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60),
            () ->
                CliRun.of(
                    env("apixo"),
                    "generate",
                    "--provider",
                    "apixo",
                    "--prompt",
                    "a cat",
                    "--poll-interval",
                    "10ms",
                    "--timeout",
                    "3s",
                    "--out",
                    out.toString(),
                    "--json"));
    assertEquals(5, run.exitCode(), run::toString);
    assertTrue(run.out().contains("did not finish within its deadline"), run::toString);
    assertEquals(List.of(), files(out), "no file, partial or whole, is left");
  }

  @Test
  void a_hung_poll_ends_at_the_timeout() {
    simulator.inject(Fault.STALL, "apixo", Operation.STATUS, 1);
    CliRun run =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60),
            () ->
                CliRun.of(
                    env("apixo"),
                    "generate",
                    "--provider",
                    "apixo",
                    "--prompt",
                    "a cat",
                    "--poll-interval",
                    "10ms",
                    "--request-timeout",
                    "10m",
                    "--timeout",
                    "2s",
                    "--json"));
    assertEquals(5, run.exitCode(), run::toString);
    assertEquals("job_timeout", ((Map<?, ?>) run.json().get("error")).get("code"));
  }

  @Test
  void an_out_that_is_not_a_writable_folder_is_refused_before_sending() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    for (Path out : List.of(file, file.resolve("below"))) {
      CliRun run =
          CliRun.of(
              env("apixo"),
              "generate",
              "--provider",
              "apixo",
              "--prompt",
              "a cat",
              "--out",
              out.toString());
      assertEquals(2, run.exitCode(), run::toString);
      assertTrue(run.err().contains("is not a folder this command can write to"), run::toString);
    }
    assertEquals(List.of(), simulator.calls(), "nothing was sent");
  }

  @Test
  void a_model_the_provider_does_not_sell_is_refused_before_sending() {
    for (String command : List.of("generate", "quotes")) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  command, "--provider", "apixo", "--model", "nano-banana-pro", "--prompt", "a"));
      if (command.equals("quotes")) {
        args.remove("--provider");
        args.remove("apixo");
      }
      CliRun run = CliRun.of(env("apixo"), args.toArray(String[]::new));
      if (command.equals("generate")) {
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(
            run.err().contains("model 'nano-banana-pro' is not sold by apixo"), run::toString);
      } else {
        assertFalse(run.out().contains("apixo") && run.out().contains("0.05"), run::toString);
      }
    }
    assertEquals(List.of(), simulator.calls(), "nothing was sent");
  }

  @Test
  void a_malformed_key_is_refused_before_sending_and_never_printed() {
    for (String key : List.of("sk-abc\n", "sk-\u00e9abc", "sk abc")) {
      CliRun run =
          CliRun.of(
              Map.of("APIXO_BASE_URL", simulator.baseUrl("apixo").toString()),
              "generate",
              "--provider",
              "apixo",
              "--api-key",
              key,
              "--prompt",
              "a cat");
      assertEquals(2, run.exitCode(), run::toString);
      assertTrue(run.err().contains("API keys are printable ASCII"), run::toString);
      assertFalse(run.toString().contains("abc"), run::toString);
    }
    assertEquals(List.of(), simulator.calls(), "nothing was sent");
  }

  @Test
  void a_task_id_that_cannot_be_a_path_segment_is_refused_before_sending() {
    String token =
        "nb1."
            + java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("p=apixo&t=..%2F..%2Fetc&s=1".getBytes(StandardCharsets.UTF_8));
    for (String command : List.of("status", "wait", "cancel")) {
      CliRun run = CliRun.of(env("apixo"), command, token);
      assertEquals(2, run.exitCode(), run::toString);
      assertTrue(run.err().contains("cannot be a path segment"), run::toString);
    }
    assertEquals(List.of(), simulator.calls(), "nothing was sent");
  }

  @Test
  void a_key_on_the_command_line_goes_only_to_the_tokens_provider_when_named() {
    CliRun submitted =
        CliRun.of(
            env("apixo"),
            "generate",
            "--provider",
            "apixo",
            "--prompt",
            "a",
            "--no-wait",
            "--json");
    String token = submitted.json().get("token").toString();
    simulator.clearCalls();
    Map<String, String> baseOnly = Map.of("APIXO_BASE_URL", simulator.baseUrl("apixo").toString());
    for (String command : List.of("status", "wait", "cancel")) {
      CliRun unnamed = CliRun.of(baseOnly, command, token, "--api-key", "sk-for-someone-else");
      assertEquals(2, unnamed.exitCode(), unnamed::toString);
      assertTrue(unnamed.err().contains("add --provider apixo"), unnamed::toString);
      CliRun wrong =
          CliRun.of(
              baseOnly, command, token, "--api-key", "sk-for-mulerun", "--provider", "mulerun");
      assertEquals(2, wrong.exitCode(), wrong::toString);
      assertTrue(wrong.err().contains("the token belongs to apixo, not mulerun"), wrong::toString);
    }
    assertEquals(List.of(), simulator.calls(), "no key was sent anywhere");
    CliRun named =
        CliRun.of(
            baseOnly,
            "status",
            token,
            "--api-key",
            simulator.apiKey("apixo"),
            "--provider",
            "apixo");
    assertEquals(0, named.exitCode(), named::toString);
  }

  @Test
  void a_mistake_on_the_command_line_is_one_line_and_a_hint_and_json_stays_one_object() {
    CliRun budget =
        CliRun.of(
            env("apixo"), "generate", "--provider", "apixo", "--prompt", "a", "--budget", "abc");
    assertEquals(2, budget.exitCode(), budget::toString);
    assertEquals(
        "nanobanana: Invalid value for option '--budget': 'abc' is not an amount such as 0.10\n"
            + "Try 'nanobanana generate --help'.\n",
        budget.err());
    CliRun json = CliRun.of(env("apixo"), "generate", "--provider", "apixo", "--bogus", "--json");
    assertEquals(2, json.exitCode(), json::toString);
    Map<String, Object> object = json.json();
    assertEquals(1, ((Number) object.get("schema")).intValue());
    assertEquals("invalid_usage", ((Map<?, ?>) object.get("error")).get("code"));
    assertEquals(List.of(), simulator.calls(), "nothing was sent");
  }

  /**
   * A vendor answer of hundreds of megabytes, to a command with a 256 MB heap, run as its own JVM:
   * a typed error and an exit, never an {@code OutOfMemoryError} or a hang.
   */
  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {"HUGE_BODY", "ENDLESS_BODY"})
  void an_answer_of_hundreds_of_megabytes_under_a_small_heap_ends_typed(Fault fault)
      throws Exception {
    simulator.inject(fault, "apixo", Operation.SUBMIT, 1);
    simulator.inject(fault, "apixo", Operation.STATUS, 100);
    for (int round = 0; round < 2; round++) {
      ProcessBuilder builder =
          new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xmx256m",
              "-cp",
              System.getProperty("java.class.path"),
              NanoBananaCli.class.getName(),
              "generate",
              "--provider",
              "apixo",
              "--prompt",
              "a cat",
              "--poll-interval",
              "10ms",
              "--timeout",
              "60s",
              "--json");
      builder.environment().putAll(env("apixo"));
      // A ledger of the test's own: the user's is never touched.
      builder.environment().put(Stores.HOME_VARIABLE, dir.resolve("home").toString());
      builder.redirectErrorStream(false);
      Path stdout = dir.resolve("stdout-" + round);
      Path stderr = dir.resolve("stderr-" + round);
      builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
      Process process = builder.start();
      boolean ended = process.waitFor(90, TimeUnit.SECONDS);
      if (!ended) {
        process.destroyForcibly();
      }
      String out = Files.readString(stdout);
      String err = Files.readString(stderr);
      assertTrue(ended, "the command ended\n" + out + err);
      assertEquals(5, process.exitValue(), out + err);
      assertFalse(err.contains("OutOfMemoryError"), err);
      assertTrue(out.contains("larger than the limit"), out + err);
    }
  }
}
