package dev.nanobanana4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvidersCommandTest {
  @Test
  void lists_the_installed_providers_with_capabilities_and_prices_as_json() {
    CliRun run = CliRun.of("providers", "--json");
    assertEquals(0, run.exitCode(), run::toString);
    List<?> providers = (List<?>) run.json().get("providers");
    assertEquals(
        List.of("apixo", "gemini", "modellix", "modelslab", "mulerun", "seaart"),
        providers.stream().map(p -> ((Map<?, ?>) p).get("id")).toList());
    Map<?, ?> apixo = (Map<?, ?>) providers.get(0);
    assertEquals("apixo", apixo.get("id"));
    assertEquals("https://api.apixo.ai/api/v1", apixo.get("defaultBaseUrl"));
    assertEquals("APIXO_API_KEY", apixo.get("apiKeyVariable"));
    Map<?, ?> model = (Map<?, ?>) ((List<?>) apixo.get("models")).get(0);
    Map<?, ?> prices = (Map<?, ?>) model.get("prices");
    assertEquals(Map.of("1K", "0.05", "2K", "0.08", "4K", "0.12"), prices.get("perImage"));
    Map<?, ?> caps = (Map<?, ?>) model.get("capabilities");
    assertEquals(14L, caps.get("maxReferenceImages"));
    assertEquals(15, ((List<?>) caps.get("aspectRatios")).size());
  }

  @Test
  void lists_them_for_people() {
    CliRun run = CliRun.of("providers");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(
        run.out().contains("prices: 1K 0.05 USD, 2K 0.08 USD, 4K 0.12 USD per image"), run.out());
  }

  @Test
  void help_lists_the_exit_codes() {
    CliRun run = CliRun.of("generate", "--help");
    assertEquals(0, run.exitCode());
    assertTrue(run.out().contains("3  the job failed at the vendor"), run.out());
  }

  @Test
  void a_bad_option_is_usage_error_2() {
    CliRun run = CliRun.of("generate", "--provider", "apixo", "--prompt", "x", "--timeout", "soon");
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().contains("'soon' is not a duration"), run.err());
  }

  @Test
  void shell_completion_offers_the_installed_provider_ids() {
    CliRun run = CliRun.of("generate-completion");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(
        run.out()
            .contains(
                "ID_option_args=(\"apixo\" \"gemini\" \"modellix\" \"modelslab\" \"mulerun\""
                    + " \"seaart\")"),
        "--provider completes to the installed ids");
  }

  @Test
  void the_text_listing_prints_no_meaningless_bounds() {
    CliRun run = CliRun.of("providers");
    assertEquals(0, run.exitCode(), run::toString);
    org.junit.jupiter.api.Assertions.assertFalse(run.out().contains("2147483647"), run.out());
    org.junit.jupiter.api.Assertions.assertFalse(run.out().contains("up to 0"), run.out());
  }
}
