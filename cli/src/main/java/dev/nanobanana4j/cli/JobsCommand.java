package dev.nanobanana4j.cli;

import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.port.StoredJob;
import dev.nanobanana4j.store.jdbc.JdbcJobStore;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    mixinStandardHelpOptions = true,
    name = "jobs",
    subcommands = {JobsCommand.Resolve.class, JobsCommand.Prune.class},
    description =
        "List the jobs in the ledger, newest first: what was asked, where each stands, its token."
            + " Sends nothing to any vendor; `wait TOKEN` or `status TOKEN` brings a job up to"
            + " date.",
    footer = ExitCodes.HELP)
final class JobsCommand implements Callable<Integer> {
  @ParentCommand NanoBananaCli root;

  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Option(
      names = "--store",
      paramLabel = "URL",
      description = "The JDBC store to read (default: NANOBANANA_STORE, else ~/.nanobanana).")
  String store;

  @Option(
      names = "--state",
      paramLabel = "S",
      split = ",",
      description =
          "Only jobs in these states: submitting, outcome-unknown, refused, accepted, queued,"
              + " running, succeeded, failed, cancelled; or in-flight, ended.")
  List<String> states = List.of();

  @Option(
      names = "--instances",
      description =
          "List the instances sharing the ledger instead (a fleet's clients, a command while it"
              + " runs): each with its providers, when it started and when it was last seen.")
  boolean instances;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "At most N jobs (default 50, at most 10000).")
  int limit = 50;

  /** Jobs read at once: one query for the page and one for its images. */
  private static final int PAGE = 500;

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
          if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("--limit must be 1 to 10000, got " + limit);
          }
          Set<StoredJob.State> wanted = states(states);
          String url = ledger(store, root.env);
          if (instances) {
            return listInstances(url, report, out);
          }
          List<StoredJob> jobs = new ArrayList<>();
          // A read: nothing is made or migrated, and a ledger never written has no jobs.
          try (JdbcJobStore opened = Stores.openToRead(url)) {
            if (opened != null) {
              StoredJob last = null;
              while (jobs.size() < limit) {
                List<StoredJob> page =
                    opened.list(wanted, last, Math.min(PAGE, limit - jobs.size()));
                jobs.addAll(page);
                if (page.size() < Math.min(PAGE, limit - jobs.size() + page.size())) {
                  break;
                }
                last = page.get(page.size() - 1);
              }
            }
          }
          if (output.json) {
            List<Object> list = new ArrayList<>();
            jobs.forEach(job -> list.add(describe(job)));
            report.field("jobs", list);
          } else {
            if (!jobs.isEmpty()) {
              out.println(HEADER);
            }
            jobs.forEach(job -> out.println(line(job)));
            if (jobs.isEmpty()) {
              out.println("no jobs" + (wanted.isEmpty() ? "" : " in those states"));
            }
            out.flush();
          }
          return ExitCodes.OK;
        },
        output.json);
  }

  /** Instances seen in the last hour; those seen in the last minute are live. */
  private int listInstances(String url, Report report, PrintWriter out) {
    java.time.Instant now = java.time.Instant.now();
    List<dev.nanobanana4j.core.port.JobStore.Instance> seen = List.of();
    try (JdbcJobStore opened = Stores.openToRead(url)) {
      if (opened != null) {
        seen = opened.instances(now.minus(java.time.Duration.ofHours(1)));
      }
    }
    if (output.json) {
      List<Object> list = new ArrayList<>();
      for (dev.nanobanana4j.core.port.JobStore.Instance instance : seen) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", instance.id());
        m.put("providers", new java.util.TreeSet<>(instance.providerIds()).stream().toList());
        m.put("startedAt", instance.startedAt().toString());
        m.put("lastSeen", instance.lastSeen().toString());
        m.put("live", live(instance, now));
        list.add(m);
      }
      report.field("instances", list);
    } else {
      for (dev.nanobanana4j.core.port.JobStore.Instance instance : seen) {
        out.println(
            Terminal.printable(
                String.format(
                    "%-40s %-5s seen %s  since %s  %s",
                    instance.id(),
                    live(instance, now) ? "live" : "gone",
                    instance.lastSeen(),
                    instance.startedAt(),
                    String.join(",", new java.util.TreeSet<>(instance.providerIds())))));
      }
      if (seen.isEmpty()) {
        out.println("no instance seen in the last hour");
      }
      out.flush();
    }
    return ExitCodes.OK;
  }

  private static boolean live(
      dev.nanobanana4j.core.port.JobStore.Instance instance, java.time.Instant now) {
    return java.time.Duration.between(instance.lastSeen(), now)
            .compareTo(java.time.Duration.ofMinutes(1))
        < 0;
  }

  /** The states named, with {@code in-flight} and {@code ended} standing for theirs. */
  static Set<StoredJob.State> states(List<String> labels) {
    Set<StoredJob.State> wanted = EnumSet.noneOf(StoredJob.State.class);
    for (String label : labels) {
      String plain = label.strip();
      if (plain.equalsIgnoreCase("in-flight")) {
        for (StoredJob.State state : StoredJob.State.values()) {
          if (state.isInFlight()) {
            wanted.add(state);
          }
        }
      } else if (plain.equalsIgnoreCase("ended")) {
        for (StoredJob.State state : StoredJob.State.values()) {
          if (state.isEnded()) {
            wanted.add(state);
          }
        }
      } else {
        try {
          wanted.add(StoredJob.State.parse(plain));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "unknown state '"
                  + Terminal.printable(plain)
                  + "'; expected submitting, outcome-unknown, refused, accepted, queued, running,"
                  + " succeeded, failed, cancelled, in-flight or ended");
        }
      }
    }
    return wanted;
  }

  /** The columns of the text listing. */
  static final String HEADER =
      String.format(
          "%-36s  %-24s  %-9s %-15s %-40s %s",
          "ID", "SUBMITTED", "PROVIDER", "STATE", "PROMPT", "TOKEN");

  private static String line(StoredJob job) {
    String prompt = job.prompt().length() > 40 ? job.prompt().substring(0, 39) + "…" : job.prompt();
    return Terminal.printable(
        String.format(
            "%-36s  %-24s  %-9s %-15s %-40s %s",
            job.id(),
            job.createdAt(),
            job.providerId(),
            job.state().label(),
            prompt.replace('\n', ' '),
            job.token().orElse("-")));
  }

  private static Map<String, Object> describe(StoredJob job) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", job.id());
    m.put("provider", job.providerId());
    m.put("state", job.state().label());
    job.taskId().ifPresent(task -> m.put("taskId", task));
    job.token().ifPresent(token -> m.put("token", token));
    m.put("prompt", job.prompt());
    m.put("summary", job.summary());
    job.estimate()
        .ifPresent(
            money ->
                m.put(
                    "estimate",
                    Map.of(
                        "amount", money.amount().toPlainString(),
                        "currency", money.currency().getCurrencyCode())));
    m.put("createdAt", job.createdAt().toString());
    m.put("updatedAt", job.updatedAt().toString());
    job.settledAt().ifPresent(at -> m.put("settledAt", at.toString()));
    if (!job.images().isEmpty()) {
      List<Object> images = new ArrayList<>();
      for (GeneratedImage image : job.images()) {
        Map<String, Object> i = new LinkedHashMap<>();
        image.url().ifPresent(url -> i.put("url", url.toString()));
        image.mediaType().ifPresent(type -> i.put("mediaType", type));
        image.expiresAt().ifPresent(at -> i.put("expiresAt", at.toString()));
        image.storedAt().ifPresent(at -> i.put("storedAt", at.toString()));
        images.add(i);
      }
      m.put("images", images);
    }
    job.failure()
        .ifPresent(
            failure -> {
              Map<String, Object> f = new LinkedHashMap<>();
              f.put("reason", failure.reason().name().toLowerCase(java.util.Locale.ROOT));
              failure.vendorCode().ifPresent(code -> f.put("vendorCode", code));
              f.put("message", failure.message());
              m.put("failure", f);
            });
    job.leaseOwner().ifPresent(owner -> m.put("polledBy", owner));
    return m;
  }

  /** The ledger {@code --store} names, else the default; a usage error when there is none. */
  static String ledger(String store, Map<String, String> env) {
    String url = Stores.url(store, false, false, env);
    if (url == null) {
      throw new IllegalArgumentException(
          "NANOBANANA_STORE is none: there is no ledger; name one with --store URL");
    }
    return url;
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "resolve",
      description =
          "Settle by hand a job whose outcome is unknown (`jobs --state outcome-unknown`): with"
              + " --task, the vendor's task id found in its console or task list (the job is in"
              + " flight again, and `wait TOKEN` follows it); with --not-sent, it was never taken"
              + " (its budget reservation is released).",
      footer = ExitCodes.HELP)
  static final class Resolve implements Callable<Integer> {
    @ParentCommand JobsCommand jobs;

    @Spec CommandSpec spec;

    @Mixin OutputOptions output;

    @picocli.CommandLine.Parameters(paramLabel = "ID", description = "The job's id in the ledger.")
    String id;

    @picocli.CommandLine.ArgGroup(multiplicity = "1")
    Outcome outcome;

    static final class Outcome {
      @Option(
          names = "--task",
          paramLabel = "TASK_ID",
          description = "The vendor's task id for this job.")
      String task;

      @Option(names = "--not-sent", description = "The vendor never took this job.")
      boolean notSent;
    }

    @Option(names = "--store", paramLabel = "URL", description = "The ledger (default as jobs).")
    String store;

    @Override
    public Integer call() throws Exception {
      Report report = new Report();
      return NanoBananaCli.reporting(
          report,
          output.json,
          spec.commandLine().getOut(),
          spec.commandLine().getErr(),
          () -> {
            String url = ledger(store, jobs.root.env);
            try (JdbcJobStore opened = Stores.open(url)) {
              StoredJob job =
                  opened
                      .get(id)
                      .orElseThrow(
                          () ->
                              new IllegalArgumentException(
                                  "no job '" + Terminal.printable(id) + "' in the ledger"));
              if (job.state() != StoredJob.State.OUTCOME_UNKNOWN) {
                throw new IllegalArgumentException(
                    "job " + job.id() + " is " + job.state().label() + ", not outcome-unknown");
              }
              java.time.Instant now = java.time.Instant.now();
              java.util.Optional<dev.nanobanana4j.core.domain.JobHandle> handle =
                  outcome.notSent
                      ? java.util.Optional.empty()
                      : java.util.Optional.of(
                          dev.nanobanana4j.core.domain.JobHandle.of(
                              job.providerId(), outcome.task, job.createdAt()));
              String message =
                  outcome.notSent
                      ? "resolved by hand: never sent"
                      : "resolved by hand: the vendor's task " + outcome.task;
              if (!opened.resolve(job.id(), handle, message, now)) {
                throw new IllegalArgumentException("job " + job.id() + " changed meanwhile");
              }
              StoredJob resolved = opened.get(job.id()).orElseThrow();
              report.field("id", resolved.id());
              report.field("state", resolved.state().label());
              resolved.token().ifPresent(token -> report.field("token", token));
            }
            return ExitCodes.OK;
          });
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "prune",
      description =
          "Delete the jobs that ended (succeeded, failed, cancelled, refused) more than a while"
              + " ago, with what the ledger keeps of them; outcome-unknown jobs stay until"
              + " resolved. A client with a ledger does this by itself after its retention (30"
              + " days by default).",
      footer = ExitCodes.HELP)
  static final class Prune implements Callable<Integer> {
    @ParentCommand JobsCommand jobs;

    @Spec CommandSpec spec;

    @Mixin OutputOptions output;

    @Option(
        names = "--older-than",
        paramLabel = "DURATION",
        required = true,
        converter = DurationConverter.class,
        description = "Jobs that ended longer ago than this, such as 30d or 12h.")
    java.time.Duration olderThan;

    @Option(names = "--store", paramLabel = "URL", description = "The ledger (default as jobs).")
    String store;

    @Override
    public Integer call() throws Exception {
      Report report = new Report();
      return NanoBananaCli.reporting(
          report,
          output.json,
          spec.commandLine().getOut(),
          spec.commandLine().getErr(),
          () -> {
            if (olderThan.isNegative()) {
              throw new IllegalArgumentException("--older-than cannot be negative");
            }
            String url = ledger(store, jobs.root.env);
            int deleted = 0;
            try (JdbcJobStore opened = Stores.openToRead(url) == null ? null : Stores.open(url)) {
              if (opened != null) {
                java.time.Instant before = java.time.Instant.now().minus(olderThan);
                int batch;
                do {
                  batch = opened.prune(before, 10_000);
                  deleted += batch;
                } while (batch == 10_000);
              }
            }
            report.field("deleted", deleted);
            return ExitCodes.OK;
          });
    }
  }
}
