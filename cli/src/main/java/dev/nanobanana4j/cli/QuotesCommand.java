package dev.nanobanana4j.cli;

import com.squareup.moshi.Moshi;
import dev.nanobanana4j.core.application.routing.Quote;
import dev.nanobanana4j.core.domain.CostEstimate;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.Money;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code quotes}: what each installed provider would charge for a request; nothing is sent. */
@Command(
    mixinStandardHelpOptions = true,
    name = "quotes",
    description =
        "Price a request at every installed provider, cheapest first, from the published (or"
            + " --prices) tables. No key is needed and nothing is sent.",
    footer = ExitCodes.HELP)
final class QuotesCommand implements Callable<Integer> {
  @ParentCommand NanoBananaCli root;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin RequestOptions what;

  @Mixin PricingOptions pricing;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Report report = new Report();
    return NanoBananaCli.reporting(
        report,
        output.json,
        out,
        err,
        () -> {
          ImageRequest request = what.request();
          List<Quote> quotes = Quote.of(root.registry.providers(), request, pricing.overrides());
          java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
          List<Object> rows = new ArrayList<>();
          for (Quote quote : quotes) {
            rows.add(describe(quote, today));
            // A price read long ago may have changed: said on stderr, whatever the output.
            quote
                .estimate()
                .flatMap(estimate -> estimate.staleness(today))
                .ifPresent(warning -> err.println("warning: " + Terminal.printable(warning)));
          }
          err.flush();
          if (output.json) {
            out.println(
                new Moshi.Builder().build().adapter(Object.class).toJson(Map.of("quotes", rows)));
          } else {
            quotes.forEach(quote -> print(quote, out));
          }
          out.flush();
          return ExitCodes.OK;
        },
        false);
  }

  private static Map<String, Object> describe(Quote quote, java.time.LocalDate today) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("provider", quote.providerId());
    m.put("accepted", quote.accepted());
    if (quote.estimate().isPresent()) {
      CostEstimate estimate = quote.estimate().get();
      m.put("model", estimate.model());
      m.put("resolution", estimate.resolution().label());
      m.put("count", estimate.count());
      m.put("known", estimate.isKnown());
      estimate.unitPrice().ifPresent(unit -> m.put("unitPrice", unit.amount().toPlainString()));
      estimate
          .total()
          .ifPresent(
              total -> {
                m.put("total", total.amount().toPlainString());
                m.put("currency", total.currency().getCurrencyCode());
              });
      m.put("basis", estimate.basis());
      m.put("asOf", estimate.asOf().toString());
      m.put("stale", estimate.isStale(today));
    } else {
      m.put("violations", quote.violations());
    }
    return m;
  }

  private static void print(Quote quote, PrintWriter out) {
    if (quote.estimate().isEmpty()) {
      out.printf(
          "%-10s cannot take this request: %s%n",
          quote.providerId(), String.join("; ", quote.violations()));
      return;
    }
    CostEstimate estimate = quote.estimate().get();
    String price = estimate.total().map(Money::toString).orElse("unknown");
    out.printf(
        "%-10s %-16s %-4s %-12s %s%n",
        quote.providerId(),
        estimate.model(),
        estimate.resolution().label(),
        price,
        estimate.basis());
  }
}
