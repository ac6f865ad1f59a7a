package dev.nanobanana4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.testkit.Fault;
import dev.nanobanana4j.testkit.Simulator;
import dev.nanobanana4j.testkit.TaskScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quotes}, {@code generate --route}, {@code --budget} and {@code --metrics}. */
class RoutingCommandsTest {
  private final Simulator simulator =
      Simulator.builder().defaultScript(TaskScript.succeed(Duration.ZERO, Duration.ZERO)).start();

  @AfterEach
  void close() {
    simulator.close();
  }

  private Map<String, String> env(String... providers) {
    return CliRun.env(simulator, providers);
  }

  @Test
  void quotes_list_every_provider_with_apixos_documented_2k_price_first() {
    CliRun run = CliRun.of("quotes", "--prompt", "a fox", "--resolution", "2K", "--json");
    assertEquals(0, run.exitCode(), run::toString);
    List<?> quotes = (List<?>) run.json().get("quotes");
    assertEquals(6, quotes.size(), run::toString);
    // Compared on APIXO's Nano Banana 2 (the cheapest quote's model); ModelsLab sells only Nano
    // Banana: last, with the reason.
    Map<?, ?> last = (Map<?, ?>) quotes.get(5);
    assertEquals("modelslab", last.get("provider"));
    assertTrue(
        String.valueOf(last).contains("'nano-banana-2' is not sold by modelslab"), last::toString);
    Map<?, ?> first = (Map<?, ?>) quotes.get(0);
    assertEquals("apixo", first.get("provider"));
    assertEquals("0.08", first.get("total"));
    assertEquals("USD", first.get("currency"));
    Map<?, ?> google = (Map<?, ?>) quotes.get(1);
    assertEquals("gemini", google.get("provider"));
    assertEquals("0.101", google.get("total"), "Google's Nano Banana 2 at 2K");
    for (Object quote : quotes.subList(2, 5)) {
      assertEquals(false, ((Map<?, ?>) quote).get("known"), quote::toString);
    }
    assertEquals(0, simulator.calls().size(), "nothing is sent");
    CliRun text = CliRun.of("quotes", "--prompt", "a fox", "--resolution", "2K");
    assertTrue(text.out().lines().findFirst().orElseThrow().contains("0.08 USD"), text::toString);
    assertEquals(3, text.out().lines().filter(line -> line.contains("unknown")).count());
  }

  @Test
  void a_price_read_more_than_90_days_ago_is_quoted_with_a_warning(@TempDir Path dir)
      throws Exception {
    Path prices = dir.resolve("prices.properties");
    Files.writeString(
        prices,
        "mulerun/nano-banana-2/1K = 0.03 USD\nmulerun/nano-banana-2/asOf = 2020-01-01\n"
            + "mulerun/nano-banana-2/source = an old contract\n");
    CliRun run =
        CliRun.of(
            "quotes",
            "--prompt",
            "a fox",
            "--model",
            "nano-banana-2",
            "--prices",
            prices.toString(),
            "--json");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(
        run.err()
            .contains(
                "warning: mulerun's price for nano-banana-2 is from 2020-01-01, more than 90 days"
                    + " ago: check an old contract"),
        run::toString);
    Map<?, ?> mulerun =
        ((List<?>) run.json().get("quotes"))
            .stream()
                .map(q -> (Map<?, ?>) q)
                .filter(q -> "mulerun".equals(q.get("provider")))
                .findFirst()
                .orElseThrow();
    assertEquals(true, mulerun.get("stale"), mulerun::toString);
    assertEquals("2020-01-01", mulerun.get("asOf"));
  }

  @Test
  void quotes_take_a_price_file(@TempDir Path dir) throws Exception {
    Path prices = dir.resolve("prices.properties");
    Files.writeString(
        prices,
        "mulerun/nano-banana-2/2K = 0.03 USD\nmulerun/nano-banana-2/asOf = 2026-11-01\n"
            + "mulerun/nano-banana-2/source = our contract\n");
    CliRun run =
        CliRun.of(
            "quotes", "--prompt", "a fox", "--resolution", "2K", "--prices", prices.toString());
    assertEquals(0, run.exitCode(), run::toString);
    String first = run.out().lines().findFirst().orElseThrow();
    assertTrue(first.startsWith("mulerun") && first.contains("0.03 USD"), run::toString);
    assertTrue(first.contains("our contract"), first);
  }

  @Test
  void a_route_falls_over_to_mulerun_when_apixo_answers_503() {
    simulator.inject(Fault.SERVICE_UNAVAILABLE, "apixo", Operation.SUBMIT, 10);
    CliRun run =
        CliRun.of(
            env("apixo", "mulerun"),
            "generate",
            "--route",
            "apixo,mulerun",
            "--prompt",
            "a fox",
            "--poll-interval",
            "10ms",
            "--json");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("mulerun", run.json().get("provider"));
    assertEquals("succeeded", run.json().get("state"));
    assertEquals(1, simulator.calls("apixo", Operation.SUBMIT).size(), "apixo asked once");
    assertEquals(1, simulator.calls("mulerun", Operation.SUBMIT).size());
  }

  @Test
  void a_route_never_sends_elsewhere_when_apixos_outcome_is_unknown() {
    simulator.inject(Fault.SERVER_ERROR, "apixo", Operation.SUBMIT, 10);
    CliRun run =
        CliRun.of(
            env("apixo", "mulerun"),
            "generate",
            "--route",
            "apixo,mulerun",
            "--prompt",
            "a fox",
            "--json");
    assertEquals(5, run.exitCode(), run::toString);
    assertTrue(run.json().get("error").toString().contains("code=outcome_unknown"), run::toString);
    assertEquals(1, simulator.calls("apixo", Operation.SUBMIT).size());
    assertEquals(0, simulator.calls("mulerun", Operation.SUBMIT).size(), "mulerun untouched");
  }

  @Test
  void the_cheapest_route_picks_apixo_among_the_providers_with_keys() {
    CliRun run =
        CliRun.of(
            env("mulerun", "apixo", "seaart"),
            "generate",
            "--route",
            "cheapest",
            "--prompt",
            "a fox",
            "--poll-interval",
            "10ms",
            "--json");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("apixo", run.json().get("provider"));
  }

  @Test
  void a_route_splits_a_count_into_routed_calls_of_what_its_first_choice_makes() {
    CliRun run =
        CliRun.of(
            env("apixo", "modelslab"),
            "generate",
            "--route",
            "apixo,modelslab",
            "--prompt",
            "a fox",
            "--count",
            "3",
            "--poll-interval",
            "10ms",
            "--json");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(3, simulator.calls("apixo", Operation.SUBMIT).size(), "three calls of one image");
    assertEquals(0, simulator.calls("modelslab", Operation.SUBMIT).size(), run::toString);
    assertEquals(3, ((List<?>) run.json().get("taskIds")).size(), run::toString);
    assertEquals(3, ((List<?>) run.json().get("images")).size(), run::toString);
  }

  @Test
  void an_extra_named_for_one_provider_keeps_the_others_in_the_route() {
    CliRun run =
        CliRun.of(
            env("apixo", "modelslab"),
            "generate",
            "--route",
            "modelslab,apixo",
            "--model",
            "nano-banana",
            "--prompt",
            "a fox",
            "--extra",
            "apixo.unknown_to_modelslab=1",
            "--extra",
            "modelslab.track_id=order-1234",
            "--poll-interval",
            "10ms",
            "--json");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("modelslab", run.json().get("provider"), run::toString);
    assertTrue(
        simulator.calls("modelslab", Operation.SUBMIT).get(0).body().contains("order-1234"),
        "modelslab got its own extra by its own name");
  }

  @Test
  void quotes_compare_one_model_at_every_provider() {
    CliRun run = CliRun.of("quotes", "--prompt", "a fox", "--json");
    assertEquals(0, run.exitCode(), run::toString);
    List<?> quotes = (List<?>) run.json().get("quotes");
    // The cheapest default is Google's Nano Banana: every provider is quoted on it.
    for (Object quote : quotes) {
      Map<?, ?> q = (Map<?, ?>) quote;
      assertTrue(
          "nano-banana".equals(q.get("model")) || String.valueOf(q).contains("is not sold by"),
          quote::toString);
    }
    Map<?, ?> first = (Map<?, ?>) quotes.get(0);
    assertEquals("apixo", first.get("provider"), run::toString);
    assertEquals("0.03", first.get("total"), "APIXO's Nano Banana, not its Nano Banana 2");
    assertEquals("gemini", ((Map<?, ?>) quotes.get(1)).get("provider"), run::toString);
    Map<?, ?> last = (Map<?, ?>) quotes.get(quotes.size() - 1);
    assertEquals("seaart", last.get("provider"), run::toString);
    assertEquals(false, last.get("accepted"), "SeaArt sells no Nano Banana 1");
    CliRun named = CliRun.of("quotes", "--prompt", "a fox", "--model", "nano-banana-2", "--json");
    List<?> two = (List<?>) named.json().get("quotes");
    assertEquals("apixo", ((Map<?, ?>) two.get(0)).get("provider"), named::toString);
  }

  @Test
  void a_budget_below_the_estimate_refuses_before_sending() {
    CliRun run =
        CliRun.of(
            env("apixo"),
            "generate",
            "--provider",
            "apixo",
            "--prompt",
            "a fox",
            "--budget",
            "0.04",
            "--json");
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.json().get("error").toString().contains("code=budget_exceeded"), run::toString);
    assertEquals(0, simulator.calls("apixo", Operation.SUBMIT).size());
    CliRun within =
        CliRun.of(
            env("apixo"),
            "generate",
            "--provider",
            "apixo",
            "--prompt",
            "a fox",
            "--budget",
            "0.05",
            "--poll-interval",
            "10ms");
    assertEquals(0, within.exitCode(), within::toString);
  }

  @Test
  void a_budget_over_an_unknown_price_names_the_way_out_and_takes_a_ceiling() {
    CliRun refused =
        CliRun.of(
            env("mulerun"),
            "generate",
            "--provider",
            "mulerun",
            "--prompt",
            "a fox",
            "--budget",
            "1.00");
    assertEquals(2, refused.exitCode(), refused::toString);
    assertTrue(refused.err().contains("is unknown"), refused::toString);
    assertTrue(refused.err().contains("'mulerun/nano-banana-2/1K = 0.05 USD'"), refused::toString);
    assertTrue(refused.err().contains("--unknown-price-ceiling"), refused::toString);
    assertEquals(0, simulator.calls("mulerun", Operation.SUBMIT).size());
    // The caller's own ceiling: reserved instead, and the request goes.
    CliRun within =
        CliRun.of(
            env("mulerun"),
            "generate",
            "--provider",
            "mulerun",
            "--prompt",
            "a fox",
            "--budget",
            "1.00",
            "--unknown-price-ceiling",
            "0.20",
            "--poll-interval",
            "10ms");
    assertEquals(0, within.exitCode(), within::toString);
    CliRun over =
        CliRun.of(
            env("mulerun"),
            "generate",
            "--provider",
            "mulerun",
            "--prompt",
            "a fox",
            "--budget",
            "0.10",
            "--unknown-price-ceiling",
            "0.20");
    assertEquals(2, over.exitCode(), "a ceiling over the budget is refused as any price");
    CliRun alone =
        CliRun.of(
            env("mulerun"),
            "generate",
            "--provider",
            "mulerun",
            "--prompt",
            "a fox",
            "--unknown-price-ceiling",
            "0.20");
    assertEquals(2, alone.exitCode(), alone::toString);
    assertEquals(1, simulator.calls("mulerun", Operation.SUBMIT).size());
  }

  @Test
  void metrics_are_printed_at_exit_tagged_by_provider_and_without_the_key() {
    CliRun run =
        CliRun.of(
            env("apixo"),
            "generate",
            "--provider",
            "apixo",
            "--prompt",
            "a fox",
            "--poll-interval",
            "10ms",
            "--metrics");
    assertEquals(0, run.exitCode(), run::toString);
    for (String meter :
        List.of(
            "nanobanana.jobs.submitted{outcome=accepted,provider=apixo}",
            "nanobanana.jobs.completed{outcome=succeeded,provider=apixo}",
            "nanobanana.job.duration{outcome=succeeded,provider=apixo}",
            "nanobanana.job.polls{provider=apixo}",
            "nanobanana.http.calls{operation=submit,provider=apixo,status=2xx}",
            "nanobanana.spend.estimated{currency=USD,provider=apixo} count=0.0500000")) {
      assertTrue(run.err().contains(meter), () -> meter + " in\n" + run.err());
    }
    assertFalse(run.err().contains(simulator.apiKey("apixo")));
  }
}
