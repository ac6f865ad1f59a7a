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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command's ledger: each run is a new client over the same embedded store, as a new process is,
 * and the vendor (the simulator) outlives them all.
 */
class JobLedgerCommandTest {
  private final Simulator simulator =
      Simulator.builder()
          .defaultScript(TaskScript.succeed(Duration.ZERO, Duration.ofMillis(200)))
          .start();

  @TempDir Path home;

  @AfterEach
  void close() {
    simulator.close();
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>(CliRun.env(simulator, "apixo"));
    env.put(Stores.HOME_VARIABLE, home.toString());
    return env;
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> jobs(String... options) {
    String[] args = new String[options.length + 2];
    args[0] = "jobs";
    args[1] = "--json";
    System.arraycopy(options, 0, args, 2, options.length);
    CliRun run = CliRun.of(env(), args);
    assertEquals(0, run.exitCode(), run::toString);
    return (List<Map<String, Object>>) run.json().get("jobs");
  }

  private String submitNoWait(String... extra) {
    String[] args = {"generate", "--provider", "apixo", "--prompt", "a lighthouse", "--no-wait"};
    String[] all = new String[args.length + extra.length + 1];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    all[all.length - 1] = "--json";
    CliRun submitted = CliRun.of(env(), all);
    assertEquals(0, submitted.exitCode(), submitted::toString);
    return submitted.json().get("token").toString();
  }

  @Test
  void a_job_submitted_without_waiting_is_listed_by_the_next_run_and_follows_its_state() {
    String token = submitNoWait();
    assertTrue(Files.exists(home.resolve("jobs.mv.db")), "the ledger is a file in the home");

    List<Map<String, Object>> listed = jobs();
    assertEquals(1, listed.size());
    assertEquals(token, listed.get(0).get("token"));
    assertEquals("accepted", listed.get(0).get("state"));
    assertEquals("a lighthouse", listed.get(0).get("prompt"));

    CliRun waited = CliRun.of(env(), "wait", token, "--poll-interval", "20ms", "--json");
    assertEquals(0, waited.exitCode(), waited::toString);
    assertEquals("succeeded", waited.json().get("state"));

    List<Map<String, Object>> after = jobs("--state", "succeeded");
    assertEquals(1, after.size());
    assertEquals("succeeded", after.get(0).get("state"));
    assertFalse(((List<?>) after.get(0).get("images")).isEmpty(), "the result is kept");
    assertEquals(List.of(), jobs("--state", "in-flight"));
    assertEquals(1, simulator.calls("apixo", Operation.SUBMIT).size(), "nothing sent twice");
  }

  @Test
  void status_brings_a_job_up_to_date_and_the_text_listing_names_its_token() {
    String token = submitNoWait();
    CliRun status = CliRun.of(env(), "status", token, "--json");
    String state = status.json().get("state").toString();
    assertEquals(state, jobs().get(0).get("state"));
    CliRun text = CliRun.of(env(), "jobs");
    assertEquals(0, text.exitCode(), text::toString);
    assertTrue(text.out().contains(token), text.out());
    assertTrue(text.out().contains("apixo"), text.out());
  }

  @Test
  void no_store_and_the_sandbox_keep_no_ledger() {
    submitNoWait("--no-store");
    CliRun sandbox =
        CliRun.of(
            Map.of(Stores.HOME_VARIABLE, home.toString()),
            "generate",
            "--sandbox",
            "--provider",
            "apixo",
            "--prompt",
            "a cat",
            "--no-wait",
            "--json");
    assertEquals(0, sandbox.exitCode(), sandbox::toString);
    assertEquals(List.of(), jobs());
  }

  @Test
  void a_store_named_by_url_is_used_and_the_default_is_left_alone(@TempDir Path other) {
    String url = "jdbc:h2:file:" + other.resolve("ledger").toAbsolutePath();
    submitNoWait("--store", url);
    assertEquals(List.of(), jobs());
    assertEquals(1, jobs("--store", url).size());
  }

  @Test
  void an_unknown_state_is_a_usage_error() {
    CliRun run = CliRun.of(env(), "jobs", "--state", "done");
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().contains("unknown state 'done'"), run.err());
  }
}
