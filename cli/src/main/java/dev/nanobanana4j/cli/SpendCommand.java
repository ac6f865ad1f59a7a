package dev.nanobanana4j.cli;

import dev.nanobanana4j.store.jdbc.JdbcJobStore;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code spend}: what the ledger's jobs cost, by provider, model or day: the estimates of the jobs
 * that succeeded or whose outcome is unknown (presumed spent), and what vendors say they charged,
 * with the groups where the two differ by more than 10%. Reads the ledger; sends nothing.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "spend",
    description =
        "Sum what the ledger's jobs cost: estimates of the jobs that succeeded or whose outcome is"
            + " unknown, and the charges vendors reported, by provider, model or day. Sends"
            + " nothing.",
    footer = ExitCodes.HELP)
final class SpendCommand implements Callable<Integer> {
  /** How far a charge may be from its estimate before the group is flagged. */
  static final BigDecimal TOLERANCE = new BigDecimal("0.10");

  @ParentCommand NanoBananaCli root;

  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Option(
      names = "--store",
      paramLabel = "URL",
      description = "The JDBC store to read (default: NANOBANANA_STORE, else ~/.nanobanana).")
  String store;

  @Option(
      names = "--since",
      paramLabel = "WHEN",
      description =
          "Jobs submitted since then: a duration back from now (7d, 12h) or a date (UTC).")
  String since;

  @Option(
      names = "--by",
      paramLabel = "KEY",
      description = "Group by provider (default), model or day.")
  String by = "provider";

  @Override
  public Integer call() throws Exception {
    Report report = new Report();
    PrintWriter out = spec.commandLine().getOut();
    return NanoBananaCli.reporting(
        report,
        output.json,
        out,
        spec.commandLine().getErr(),
        () -> {
          JdbcJobStore.SpendBy grouping = grouping(by);
          Instant from = since(since, Instant.now());
          String url = JobsCommand.ledger(store, root.env);
          List<JdbcJobStore.Spend> groups = List.of();
          // A read: nothing is made or migrated, and a ledger never written has no jobs.
          try (JdbcJobStore opened = Stores.openToRead(url)) {
            if (opened != null) {
              groups = opened.spend(from, grouping);
            }
          }
          if (output.json) {
            List<Object> rows = new ArrayList<>();
            groups.forEach(group -> rows.add(describe(group)));
            report.field("by", grouping.name().toLowerCase(Locale.ROOT));
            report.field("since", from.toString());
            report.field("groups", rows);
          } else {
            print(groups, out);
          }
          return ExitCodes.OK;
        },
        output.json);
  }

  static JdbcJobStore.SpendBy grouping(String by) {
    try {
      return JdbcJobStore.SpendBy.valueOf(by.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--by is provider, model or day, not '" + by + "'");
    }
  }

  /** The start of the period: a duration back from {@code now}, or a UTC date; all when null. */
  static Instant since(String text, Instant now) {
    if (text == null) {
      return Instant.EPOCH;
    }
    try {
      return LocalDate.parse(text.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException notADate) {
      Duration back;
      try {
        back = new DurationConverter().convert(text);
      } catch (Exception e) {
        throw new IllegalArgumentException(
            "--since is a duration such as 7d or 12h, or a date such as 2026-12-01, not '"
                + text
                + "'");
      }
      if (back.isNegative()) {
        throw new IllegalArgumentException("--since cannot be negative");
      }
      return now.minus(back);
    }
  }

  /** Whether a group's charges differ from the estimates of the same jobs by more than 10%. */
  static boolean differs(JdbcJobStore.Spend group) {
    if (group.chargedJobs() == 0) {
      return false;
    }
    BigDecimal estimated = group.estimatedOfCharged();
    if (estimated.signum() == 0) {
      return group.charged().signum() != 0;
    }
    BigDecimal gap = group.charged().subtract(estimated).abs();
    return gap.divide(estimated, 6, RoundingMode.HALF_UP).compareTo(TOLERANCE) > 0;
  }

  private static Map<String, Object> describe(JdbcJobStore.Spend group) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", group.key());
    m.put("currency", group.currency());
    m.put("jobs", group.jobs());
    m.put("succeeded", group.succeeded());
    m.put("outcomeUnknown", group.outcomeUnknown());
    m.put("estimated", group.estimated().toPlainString());
    m.put("unpriced", group.unpriced());
    m.put("charged", group.charged().toPlainString());
    m.put("chargedJobs", group.chargedJobs());
    m.put("estimatedOfCharged", group.estimatedOfCharged().toPlainString());
    m.put("differs", differs(group));
    return m;
  }

  private static void print(List<JdbcJobStore.Spend> groups, PrintWriter out) {
    if (groups.isEmpty()) {
      out.println("no jobs");
      out.flush();
      return;
    }
    out.println(
        String.format(
            Locale.ROOT,
            "%-20s %6s %9s %14s %14s  %s",
            "",
            "jobs",
            "spent",
            "estimated",
            "charged",
            "notes"));
    for (JdbcJobStore.Spend group : groups) {
      List<String> notes = new ArrayList<>();
      if (group.outcomeUnknown() > 0) {
        notes.add(group.outcomeUnknown() + " outcome unknown, presumed spent");
      }
      if (group.unpriced() > 0) {
        notes.add(group.unpriced() + " at an unknown price");
      }
      if (group.chargedJobs() > 0) {
        notes.add(
            "charged for "
                + group.chargedJobs()
                + " against "
                + group.estimatedOfCharged().toPlainString()
                + " estimated"
                + (differs(group) ? ": differs by more than 10%" : ""));
      }
      String currency = group.currency().isEmpty() ? "" : " " + group.currency();
      out.println(
          String.format(
              Locale.ROOT,
              "%-20s %6d %9d %14s %14s  %s",
              Terminal.printable(group.key().isEmpty() ? "(unknown)" : group.key()),
              group.jobs(),
              group.succeeded() + group.outcomeUnknown(),
              group.estimated().toPlainString() + currency,
              group.chargedJobs() == 0 ? "-" : group.charged().toPlainString() + currency,
              String.join("; ", notes)));
    }
    out.flush();
  }
}
