package dev.nanobanana4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.testkit.Simulator;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The commands about jobs (generate, status, cancel) against the simulator as a vendor. */
class JobCommandsTest {
  private final Simulator simulator = Simulator.builder().start();

  @AfterEach
  void close() {
    simulator.close();
  }

  private Map<String, String> env(String... providers) {
    return CliRun.env(simulator, providers);
  }

  @Test
  void cancels_a_seaart_job_by_its_token() {
    CliRun submitted =
        CliRun.of(
            env("seaart"),
            "generate",
            "--provider",
            "seaart",
            "--prompt",
            "a cat",
            "--no-wait",
            "--json");
    assertEquals(0, submitted.exitCode(), submitted::toString);
    String token = submitted.json().get("token").toString();
    CliRun cancelled = CliRun.of(env("seaart"), "cancel", token, "--json");
    assertEquals(0, cancelled.exitCode(), cancelled::toString);
    assertEquals("cancellation-requested", cancelled.json().get("state"));
    assertEquals(1, simulator.calls("seaart", Operation.CANCEL).size());
    CliRun status = CliRun.of(env("seaart"), "status", token, "--json");
    assertEquals("cancelled", status.json().get("state"));
    assertEquals(3, status.exitCode(), "a cancelled job did not succeed");
  }

  @Test
  void a_rate_limited_poll_is_waited_out_and_the_job_succeeds() {
    simulator.inject(dev.nanobanana4j.testkit.Fault.RATE_LIMITED, Operation.STATUS, 1);
    long start = System.nanoTime();
    CliRun run =
        CliRun.of(
            env("apixo"),
            "generate",
            "--provider",
            "apixo",
            "--prompt",
            "a cat",
            "--poll-interval",
            "10ms",
            "--json");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("succeeded", run.json().get("state"));
    assertTrue(
        simulator.calls("apixo", Operation.STATUS).size() >= 2, "polled again after the 429");
    assertTrue(
        java.time.Duration.ofNanos(System.nanoTime() - start)
                .compareTo(java.time.Duration.ofSeconds(1))
            >= 0,
        "the vendor's Retry-After of one second was honoured");
    assertEquals(1, simulator.calls("apixo", Operation.SUBMIT).size());
  }

  @Test
  void a_provider_that_cannot_cancel_says_so_and_sends_nothing() {
    CliRun submitted =
        CliRun.of(
            env("apixo"),
            "generate",
            "--provider",
            "apixo",
            "--prompt",
            "a cat",
            "--no-wait",
            "--json");
    String token = submitted.json().get("token").toString();
    simulator.clearCalls();
    CliRun cancelled = CliRun.of(env("apixo"), "cancel", token);
    assertEquals(2, cancelled.exitCode(), cancelled::toString);
    assertTrue(
        cancelled.err().contains("apixo cannot cancel jobs: its vendor offers no way to stop one"),
        cancelled.err());
    assertEquals(0, simulator.calls().size());
  }

  @Test
  void account_reports_the_key_and_balance_where_the_vendor_says_and_exits_2_where_not() {
    CliRun modellix = CliRun.of("account", "--sandbox", "--provider", "modellix", "--json");
    assertEquals(0, modellix.exitCode(), modellix::toString);
    java.util.Map<?, ?> account = (java.util.Map<?, ?>) modellix.json().get("account");
    assertEquals(true, account.get("keyValid"));
    assertEquals("100", account.get("balance"));
    assertEquals("USD", account.get("currency"));
    CliRun apixo = CliRun.of("account", "--sandbox", "--provider", "apixo");
    assertEquals(2, apixo.exitCode(), apixo::toString);
    assertTrue(apixo.err().contains("apixo cannot report on the account"), apixo.err());
  }
}
