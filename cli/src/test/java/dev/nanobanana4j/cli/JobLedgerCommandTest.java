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
  @SuppressWarnings("unchecked")
  void spend_sums_the_ledger_by_provider_model_and_day() {
    for (int i = 0; i < 2; i++) {
      CliRun run =
          CliRun.of(
              env(),
              "generate",
              "--provider",
              "apixo",
              "--prompt",
              "a fox",
              "--poll-interval",
              "20ms",
              "--json");
      assertEquals(0, run.exitCode(), run::toString);
    }
    submitNoWait(); // in flight: not spent yet
    CliRun spend = CliRun.of(env(), "spend", "--json");
    assertEquals(0, spend.exitCode(), spend::toString);
    List<Map<String, Object>> groups = (List<Map<String, Object>>) spend.json().get("groups");
    assertEquals(1, groups.size(), spend::toString);
    Map<String, Object> apixo = groups.get(0);
    assertEquals("apixo", apixo.get("key"));
    assertEquals(3, ((Number) apixo.get("jobs")).intValue());
    assertEquals(2, ((Number) apixo.get("succeeded")).intValue());
    assertEquals("0.1", apixo.get("estimated"), "two images at APIXO's 0.05");
    assertEquals(false, apixo.get("differs"));

    CliRun byModel = CliRun.of(env(), "spend", "--by", "model", "--since", "1d");
    assertEquals(0, byModel.exitCode(), byModel::toString);
    assertTrue(byModel.out().contains("nano-banana-2"), byModel::toString);
    assertTrue(byModel.out().contains("0.1 USD"), byModel::toString);
    CliRun byDay = CliRun.of(env(), "spend", "--by", "day", "--json");
    assertEquals(
        java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString(),
        ((List<Map<String, Object>>) byDay.json().get("groups")).get(0).get("key"));
    CliRun future = CliRun.of(env(), "spend", "--since", "2999-01-01");
    assertTrue(future.out().contains("no jobs"), future::toString);
    CliRun bad = CliRun.of(env(), "spend", "--by", "colour");
    assertEquals(2, bad.exitCode(), bad::toString);
    assertTrue(bad.err().contains("--by is provider, model or day"), bad::toString);
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
  void cancelling_a_job_that_had_already_ended_brings_the_ledger_up_to_date() {
    try (Simulator quick =
        Simulator.builder()
            .defaultScript(TaskScript.succeed(Duration.ZERO, Duration.ZERO))
            .start()) {
      Map<String, String> env = new HashMap<>(CliRun.env(quick, "seaart"));
      env.put(Stores.HOME_VARIABLE, home.toString());
      CliRun submitted =
          CliRun.of(
              env, "generate", "--provider", "seaart", "--prompt", "a fox", "--no-wait", "--json");
      assertEquals(0, submitted.exitCode(), submitted::toString);
      String token = submitted.json().get("token").toString();
      assertEquals("accepted", jobs().get(0).get("state"));
      CliRun cancelled = CliRun.of(env, "cancel", token, "--json");
      assertEquals(0, cancelled.exitCode(), cancelled::toString);
      assertEquals("already_finished", cancelled.json().get("cancel"), cancelled::toString);
      assertEquals("succeeded", jobs().get(0).get("state"), "the ledger says how it ended");
    }
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
    assertTrue(text.out().startsWith("ID "), "a header names the columns: " + text.out());
    assertTrue(
        text.out().contains(jobs().get(0).get("id").toString()),
        "the id that jobs resolve takes: " + text.out());
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

  @Test
  void a_vendor_that_answers_a_new_job_with_an_earlier_task_id_reports_the_new_jobs_own_end()
      throws Exception {
    String key = "sk-docs-0123456789";
    for (ApixoDocsServer.Outcome outcome :
        List.of(ApixoDocsServer.Outcome.SUCCESS, ApixoDocsServer.Outcome.FAILED)) {
      try (ApixoDocsServer docs = new ApixoDocsServer(key, outcome)) {
        Map<String, String> env =
            Map.of(
                "APIXO_API_KEY",
                key,
                "APIXO_BASE_URL",
                docs.baseUrl(),
                Stores.HOME_VARIABLE,
                home.toString());
        CliRun run =
            CliRun.of(
                env,
                "generate",
                "--provider",
                "apixo",
                "--prompt",
                "a fox",
                "--poll-interval",
                "10ms",
                "--json");
        // The docs answer every submission with task_12345678: the second is a new job all the
        // same, polled for its own end, not answered with the first one's images.
        assertEquals(
            outcome == ApixoDocsServer.Outcome.SUCCESS ? 0 : 3, run.exitCode(), run::toString);
      }
    }
    List<Map<String, Object>> listed = jobs();
    assertEquals(2, listed.size());
    assertEquals(List.of("failed", "succeeded"), listed.stream().map(j -> j.get("state")).toList());
    assertEquals(
        List.of("task_12345678", "task_12345678"),
        listed.stream().map(j -> j.get("taskId")).toList());
  }

  @Test
  void an_outcome_unknown_job_is_listed_and_resolved_by_hand() throws Exception {
    String key = "sk-docs-0123456789";
    try (ApixoDocsServer docs = new ApixoDocsServer(key, ApixoDocsServer.Outcome.HANG_ON_SUBMIT)) {
      Map<String, String> env =
          Map.of(
              "APIXO_API_KEY",
              key,
              "APIXO_BASE_URL",
              docs.baseUrl(),
              Stores.HOME_VARIABLE,
              home.toString());
      CliRun run =
          CliRun.of(
              env,
              "generate",
              "--provider",
              "apixo",
              "--prompt",
              "a fox",
              "--request-timeout",
              "1s",
              "--json");
      assertEquals(5, run.exitCode(), run::toString);
    }
    List<Map<String, Object>> unknown = jobs("--state", "outcome_unknown");
    assertEquals(1, unknown.size());
    String id = unknown.get(0).get("id").toString();

    CliRun resolved = CliRun.of(env(), "jobs", "resolve", id, "--task", "task_42", "--json");
    assertEquals(0, resolved.exitCode(), resolved::toString);
    assertEquals("accepted", resolved.json().get("state"));
    String token = resolved.json().get("token").toString();
    assertEquals("task_42", dev.nanobanana4j.core.domain.JobHandle.parse(token).taskId());
    assertEquals(
        java.util.Optional.of(id),
        dev.nanobanana4j.core.domain.JobHandle.parse(token).submissionId());

    CliRun again = CliRun.of(env(), "jobs", "resolve", id, "--not-sent");
    assertEquals(2, again.exitCode(), again::toString);
    assertTrue(again.err().contains("not outcome-unknown"), again.err());
    CliRun both = CliRun.of(env(), "jobs", "resolve", id, "--not-sent", "--task", "t");
    assertEquals(2, both.exitCode(), both::toString);
  }

  @Test
  void jobs_that_ended_are_pruned_and_a_read_of_an_empty_ledger_makes_nothing() {
    assertEquals(List.of(), jobs());
    assertFalse(Files.exists(home.resolve("jobs.mv.db")), "a read makes no ledger");
    String token = submitNoWait();
    CliRun waited = CliRun.of(env(), "wait", token, "--poll-interval", "20ms", "--json");
    assertEquals(0, waited.exitCode(), waited::toString);
    CliRun kept = CliRun.of(env(), "jobs", "prune", "--older-than", "30d", "--json");
    assertEquals(0, kept.exitCode(), kept::toString);
    assertEquals(0, ((Number) kept.json().get("deleted")).intValue());
    CliRun pruned = CliRun.of(env(), "jobs", "prune", "--older-than", "1ms", "--json");
    assertEquals(1, ((Number) pruned.json().get("deleted")).intValue(), pruned::toString);
    assertEquals(List.of(), jobs());
  }

  @Test
  void the_ledger_is_its_users_alone() throws Exception {
    submitNoWait();
    if (!Files.getFileStore(home)
        .supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
      return;
    }
    assertEquals("rwx------", perms(home));
    try (var files = Files.list(home)) {
      for (Path file : files.toList()) {
        assertEquals("rw-------", perms(file), file::toString);
      }
    }
  }

  private static String perms(Path path) throws java.io.IOException {
    return java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(path));
  }

  @Test
  void six_commands_at_once_on_one_ledger_all_succeed_and_are_all_listed() throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(NanoBananaCli.class.getName());
    command.addAll(
        List.of(
            "generate",
            "--provider",
            "apixo",
            "--prompt",
            "a lighthouse",
            "--poll-interval",
            "50ms",
            "--json"));
    List<Process> processes = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().putAll(env());
      builder.redirectOutput(
          home.resolveSibling(home.getFileName() + "-run-" + i + ".txt").toFile());
      processes.add(builder.start());
    }
    for (int i = 0; i < processes.size(); i++) {
      Process process = processes.get(i);
      assertTrue(process.waitFor(180, java.util.concurrent.TimeUnit.SECONDS), "ended");
      Path output = home.resolveSibling(home.getFileName() + "-run-" + i + ".txt");
      assertEquals(0, process.exitValue(), () -> read(output));
    }
    List<Map<String, Object>> listed = jobs();
    assertEquals(6, listed.size());
    assertTrue(
        listed.stream().allMatch(job -> "succeeded".equals(job.get("state"))), listed::toString);
    assertEquals(6, simulator.calls("apixo", Operation.SUBMIT).size(), "nothing sent twice");
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void the_instances_sharing_the_ledger_are_listed_while_they_run() {
    CliRun none = CliRun.of(env(), "jobs", "--instances", "--json");
    assertEquals(0, none.exitCode(), none::toString);
    assertEquals(List.of(), none.json().get("instances"));
    String url = dev.nanobanana4j.store.jdbc.JdbcJobStore.embeddedUrl(home);
    try (dev.nanobanana4j.store.jdbc.JdbcJobStore store = Stores.open(url);
        dev.nanobanana4j.core.application.NanoBananaClient client =
            dev.nanobanana4j.core.application.NanoBananaClient.builder()
                .provider("apixo", simulator.config("apixo"))
                .jobStore(store)
                .storeExecutor(Runnable::run)
                .fleet(
                    dev.nanobanana4j.core.application.jobs.FleetOptions.defaults()
                        .withInstanceId("worker-1"))
                .build()) {
      assertEquals(0, client.storeWritesPending(), "its heartbeat landed");
      CliRun listed = CliRun.of(env(), "jobs", "--instances", "--json");
      assertEquals(0, listed.exitCode(), listed::toString);
      List<Map<String, Object>> instances =
          (List<Map<String, Object>>) listed.json().get("instances");
      assertEquals(1, instances.size(), listed::toString);
      assertEquals("worker-1", instances.get(0).get("id"));
      assertEquals(List.of("apixo"), instances.get(0).get("providers"));
      assertEquals(true, instances.get(0).get("live"));
      CliRun text = CliRun.of(env(), "jobs", "--instances");
      assertTrue(text.out().contains("worker-1") && text.out().contains("live"), text.out());
    }
    CliRun after = CliRun.of(env(), "jobs", "--instances", "--json");
    assertEquals(List.of(), after.json().get("instances"), "gone when it stopped");
  }
}
