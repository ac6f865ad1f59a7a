package dev.nanobanana4j.core.application.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.application.Fixtures;
import dev.nanobanana4j.core.domain.CostEstimate;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.Money;
import dev.nanobanana4j.core.domain.PriceTable;
import dev.nanobanana4j.core.domain.Resolution;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceOverridesTest {
  private static final ImageRequest REQUEST = ImageRequest.builder().prompt("a fox").build();

  @Test
  void a_file_replaces_a_providers_table_with_its_date_and_source(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("prices.properties");
    Files.writeString(
        file,
        "acme/model-1/1K = 0.04 USD\nacme/model-1/asOf = 2026-11-01\n"
            + "acme/model-1/source = contract 2026-11\n");
    PriceOverrides overrides = PriceOverrides.load(file);
    List<Quote> quotes = Quote.of(List.of(Fixtures.info("acme")), REQUEST, overrides);
    CostEstimate estimate = quotes.get(0).estimate().orElseThrow();
    assertEquals(Money.usd("0.04"), estimate.total().orElseThrow());
    assertTrue(estimate.basis().contains("2026-11-01"), estimate.basis());
    assertTrue(estimate.basis().contains("contract 2026-11"), estimate.basis());
  }

  @Test
  void the_builder_gives_a_price_to_a_provider_that_publishes_none() {
    PriceOverrides overrides =
        PriceOverrides.builder()
            .put(
                "quiet",
                PriceTable.perImage(
                    "model-1",
                    java.util.Map.of(Resolution.ONE_K, Money.usd("0.02")),
                    LocalDate.of(2026, 11, 1),
                    "invoice"))
            .build();
    List<Quote> quotes =
        Quote.of(List.of(Fixtures.info("acme"), Fixtures.info("quiet", null)), REQUEST, overrides);
    assertEquals("quiet", quotes.get(0).providerId());
    assertEquals(Money.usd("0.02"), quotes.get(0).estimate().orElseThrow().total().orElseThrow());
    assertEquals(
        false,
        Quote.of(List.of(Fixtures.info("quiet", null)), REQUEST, PriceOverrides.none())
            .get(0)
            .isPriceKnown());
  }

  @Test
  void every_mistake_in_a_file_is_reported_at_once() throws IOException {
    Properties properties = new Properties();
    properties.load(
        new StringReader(
            "acme/model-1/1K = cheap\nacme/model-1/asOf = yesterday\nacme/model-1/source = x\n"
                + "acme/model-1/9K = 0.01 USD\nbroken = 1\nzeta/m/2K = 0.1 USD\n"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> PriceOverrides.parse(properties, "test"));
    for (String expected :
        List.of("acme/model-1/1K", "acme/model-1/9K", "broken", "zeta/m: needs both")) {
      assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
  }
}
