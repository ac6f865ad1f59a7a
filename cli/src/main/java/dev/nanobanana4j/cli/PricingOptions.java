package dev.nanobanana4j.cli;

import dev.nanobanana4j.core.application.routing.PriceOverrides;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Price tables that replace the providers' own. */
final class PricingOptions {
  @Option(
      names = "--prices",
      paramLabel = "FILE",
      description =
          "A properties file of price overrides: <provider>/<model>/<resolution> = 0.07 USD, with"
              + " <provider>/<model>/asOf and /source.")
  Path prices;

  PriceOverrides overrides() {
    if (prices == null) {
      return PriceOverrides.none();
    }
    try {
      return PriceOverrides.load(prices);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read --prices " + prices + ": " + e.getMessage(), e);
    }
  }
}
