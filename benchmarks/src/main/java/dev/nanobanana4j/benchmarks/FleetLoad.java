package dev.nanobanana4j.benchmarks;

import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.port.StoredJob;
import dev.nanobanana4j.store.jdbc.JdbcJobStore;
import dev.nanobanana4j.testkit.SimulatedCall;
import dev.nanobanana4j.testkit.Simulator;
import dev.nanobanana4j.testkit.TaskScript;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fleet of client JVMs sharing one job store, against the simulator, with one instance killed in
 * the middle of its waits, and optionally the database restarted or frozen under it. Checks that no
 * job the vendor accepted is lost, none is sent twice, none settles twice, no wait gets another
 * job's result, every job ends settled or outcome-unknown with no reservation left held, and how
 * far past its deadline any wait ended; measures polls and store time per job. Its last line is
 * {@code RESULT instances=<n> jobs=<n> killedInstances=<n> lost=<n> duplicateSubmissions=<n>
 * settledTwice=<n> wrongResults=<n> stuck=<n> heldReservations=<n> maxDeadlineOverrunMs=<n>
 * pollsPerJob=<x> storeMsPerJob=<x>}; it returns from {@code main} without {@code System.exit}.
 *
 * <pre>
 * FleetLoad JDBC_URL|own INSTANCES JOBS [TASK_SECONDS] [SUBMIT_SECONDS]
 *     [--restarts N] [--freeze SECONDS] [--deadline SECONDS]
 * </pre>
 *
 * <p>Each task runs for {@code TASK_SECONDS} (default 6); each instance spreads its submissions
 * over {@code SUBMIT_SECONDS} (default 10; 0 sends them at once). Instance 0 is killed once the
 * vendor has all of its jobs. Every wait has a deadline ({@code --deadline}, default 15 s) and is
 * started again after it until its job ends. With {@code own} the store is a PostgreSQL cluster the
 * harness makes for the run ({@link PgCluster}); {@code --restarts N} restarts it N times while the
 * fleet submits and waits, {@code --freeze S} stops it (SIGSTOP) for S seconds. The store's tables
 * go in a schema of their own for the run, dropped at the end.
 */
public final class FleetLoad {
  private static final Pattern MARKER = Pattern.compile("fleet-job-(\\d+-\\d+)");

  private FleetLoad() {}

  /** One instance: its process and what it printed. */
  private record Instance(int index, Process process, List<String> lines, Path settledLog) {
    boolean printed(String prefix) {
      return lines.stream().anyMatch(line -> line.startsWith(prefix));
    }

    Map<String, Long> figures() {
      Map<String, Long> figures = new HashMap<>();
      lines.stream()
          .filter(line -> line.startsWith("INSTANCE "))
          .findFirst()
          .ifPresent(
              line -> {
                for (String part : line.split(" ")) {
                  int eq = part.indexOf('=');
                  if (eq > 0) {
                    figures.put(part.substring(0, eq), Long.parseLong(part.substring(eq + 1)));
                  }
                }
              });
      return figures;
    }
  }

  public static void main(String[] args) throws Exception {
    List<String> positional = new ArrayList<>();
    int restarts = 0;
    long freezeSeconds = 0;
    long deadlineSeconds = 15;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--restarts" -> restarts = Integer.parseInt(args[++i]);
        case "--freeze" -> freezeSeconds = Long.parseLong(args[++i]);
        case "--deadline" -> deadlineSeconds = Long.parseLong(args[++i]);
        default -> positional.add(args[i]);
      }
    }
    if (positional.size() < 3) {
      System.err.println(
          "usage: FleetLoad JDBC_URL|own INSTANCES JOBS [TASK_SECONDS] [SUBMIT_SECONDS]"
              + " [--restarts N] [--freeze SECONDS] [--deadline SECONDS]");
      return;
    }
    int instances = Integer.parseInt(positional.get(1));
    int jobs = Integer.parseInt(positional.get(2));
    long taskSeconds = positional.size() > 3 ? Long.parseLong(positional.get(3)) : 6;
    long submitSeconds = positional.size() > 4 ? Long.parseLong(positional.get(4)) : 10;
    if (instances < 2 || jobs < instances) {
      System.err.println("a fleet needs at least 2 instances and a job for each");
      return;
    }
    boolean own = positional.get(0).equals("own");
    if (!own && (restarts > 0 || freezeSeconds > 0)) {
      System.err.println("faults are made only on a cluster of the harness's own: give 'own'");
      return;
    }
    try (PgCluster cluster = own ? PgCluster.start() : null) {
      String url = own ? cluster.url() : positional.get(0);
      Faults faults = new Faults(cluster, restarts, freezeSeconds);
      run(url, instances, jobs, taskSeconds, submitSeconds, deadlineSeconds, faults);
    }
  }

  /** What the harness does to the database while the fleet runs. */
  private record Faults(PgCluster cluster, int restarts, long freezeSeconds) {
    /** Restarts at 4 s and then every 8 s; a freeze from 5 s on. Returns once all are done. */
    void during(long started) throws Exception {
      for (int i = 0; i < restarts; i++) {
        sleepUntil(started + TimeUnit.SECONDS.toNanos(4 + 8L * i));
        long at = System.nanoTime();
        cluster.restart();
        System.out.printf(
            Locale.ROOT,
            "restarted the database at %.1f s (down %.1f s)%n",
            (at - started) / 1e9,
            (System.nanoTime() - at) / 1e9);
      }
      if (freezeSeconds > 0) {
        sleepUntil(started + TimeUnit.SECONDS.toNanos(5));
        cluster.freeze();
        long at = System.nanoTime();
        sleepUntil(at + TimeUnit.SECONDS.toNanos(freezeSeconds));
        cluster.thaw();
        System.out.printf(
            Locale.ROOT,
            "froze the database at %.1f s for %d s%n",
            (at - started) / 1e9,
            freezeSeconds);
      }
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
      long left;
      while ((left = nanos - System.nanoTime()) > 0) {
        TimeUnit.NANOSECONDS.sleep(left);
      }
    }
  }

  private static void run(
      String url,
      int instances,
      int jobs,
      long taskSeconds,
      long submitSeconds,
      long deadlineSeconds,
      Faults faults)
      throws Exception {
    String schema = "nb_fleet_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Path logs = Files.createTempDirectory("fleet-load");
    try (Simulator simulator =
        Simulator.builder()
            .defaultScript(TaskScript.succeed(Duration.ZERO, Duration.ofSeconds(taskSeconds)))
            .start()) {
      // The schema is made once, before the instances start; then a job's store calls, one job at
      // a time on one thread, say what the store costs a job when nothing else runs.
      JdbcJobStore.builder().url(url).schema(schema).build().close();
      try (JdbcJobStore alone = JdbcJobStore.builder().url(url).schema(schema + "_s").build()) {
        System.out.printf(Locale.ROOT, "serial store ms per job: %.3f%n", serialCost(alone, 300));
      } finally {
        dropSchema(url, schema + "_s");
      }
      List<Instance> fleet = new ArrayList<>();
      for (int i = 0; i < instances; i++) {
        int share = jobs / instances + (i < jobs % instances ? 1 : 0);
        fleet.add(start(i, share, url, schema, simulator, logs, submitSeconds, deadlineSeconds));
      }
      long started = System.nanoTime();
      Thread faulting = null;
      if (faults.cluster() != null) {
        faulting =
            new Thread(
                () -> {
                  try {
                    faults.during(started);
                  } catch (Exception e) {
                    System.out.println("a fault could not be made: " + e);
                  }
                },
                "fleet-faults");
        faulting.setDaemon(true);
        faulting.start();
      }
      Instance victim = fleet.get(0);
      waitFor(() -> victim.printed("SUBMITTED"), Duration.ofMinutes(5));
      // Its jobs are with the vendor and it waits for them: it dies now, holding their leases.
      victim.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      System.out.printf(
          Locale.ROOT,
          "killed instance 0 after %.1f s, its %d jobs in flight%n",
          (System.nanoTime() - started) / 1e9,
          jobs / instances);
      List<Instance> survivors = fleet.subList(1, fleet.size());
      waitFor(
          () -> survivors.stream().allMatch(instance -> instance.printed("WAITED")),
          Duration.ofMinutes(10));
      if (faulting != null) {
        faulting.join(TimeUnit.MINUTES.toMillis(5));
      }
      try (JdbcJobStore store = JdbcJobStore.builder().url(url).schema(schema).build()) {
        // Done when every job has ended (settled, refused or outcome-unknown) and every reservation
        // is booked: one taken while its caller gave up on the database is released by a sweep.
        waitFor(() -> stuck(url, schema) == 0 && held(url, schema) == 0, Duration.ofMinutes(5));
        for (Instance instance : survivors) {
          instance.process().getOutputStream().close();
          instance.process().waitFor(60, TimeUnit.SECONDS);
        }
        Set<StoredJob.State> ended =
            EnumSet.of(
                StoredJob.State.SUCCEEDED, StoredJob.State.FAILED, StoredJob.State.CANCELLED);
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        report(url, schema, instances, jobs, fleet, survivors, simulator, store, ended, seconds);
      }
    } finally {
      dropSchema(url, schema);
    }
  }

  /**
   * The mean milliseconds of one job's store calls when nothing else runs: recorded, accepted,
   * leased, settled with an image, read back.
   */
  private static double serialCost(JdbcJobStore store, int jobs) {
    java.time.Instant now = java.time.Instant.now();
    dev.nanobanana4j.core.domain.GeneratedImage image =
        dev.nanobanana4j.core.domain.GeneratedImage.ofUrl(
            java.net.URI.create("https://cdn.example/a.png"), "image/png");
    long start = 0;
    for (int i = -50; i < jobs; i++) { // the first 50 warm up
      if (i == 0) {
        start = System.nanoTime();
      }
      String id = "serial-" + i;
      store.submitting(
          new dev.nanobanana4j.core.port.JobStore.Submission(
              id,
              "apixo",
              "a lighthouse",
              "1 image",
              java.util.Optional.empty(),
              java.util.Optional.empty(),
              now));
      dev.nanobanana4j.core.domain.JobHandle handle =
          dev.nanobanana4j.core.domain.JobHandle.of("apixo", "serial-task-" + i, now);
      store.accepted(id, handle, now);
      store.claim(handle, "serial", now, now.plusSeconds(30));
      store.settle(
          handle,
          new dev.nanobanana4j.core.domain.JobStatus.Succeeded(List.of(image)),
          "serial",
          now);
      store.find("apixo", handle.taskId());
    }
    return (System.nanoTime() - start) / 1e6 / jobs;
  }

  private static Instance start(
      int index,
      int share,
      String url,
      String schema,
      Simulator simulator,
      Path logs,
      long submitSeconds,
      long deadlineSeconds)
      throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Path settledLog = logs.resolve("settled-" + index + ".log");
    Files.createFile(settledLog);
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx512m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    FleetInstance.class.getName(),
                    url,
                    schema,
                    Integer.toString(index),
                    Integer.toString(share),
                    simulator.baseUrl("apixo").toString(),
                    simulator.apiKey("apixo"),
                    settledLog.toString(),
                    Long.toString(submitSeconds),
                    Long.toString(deadlineSeconds)))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add("ERROR " + e);
              }
            },
            "fleet-instance-" + index);
    reader.setDaemon(true);
    reader.start();
    return new Instance(index, process, lines, settledLog);
  }

  /** Rows neither settled, refused nor outcome-unknown: -1 while the store cannot be read. */
  private static long stuck(String url, String schema) {
    return count(
        url,
        "SELECT COUNT(*) FROM "
            + schema
            + ".nb_jobs WHERE state NOT IN ('SUCCEEDED', 'FAILED', 'CANCELLED', 'REFUSED',"
            + " 'OUTCOME_UNKNOWN')");
  }

  /** Reservations neither committed, released nor presumed spent. */
  private static long held(String url, String schema) {
    return count(url, "SELECT COUNT(*) FROM " + schema + ".nb_reservations WHERE state = 'HELD'");
  }

  private static long count(String url, String sql) {
    try (Connection connection = DriverManager.getConnection(url);
        java.sql.ResultSet rows = connection.createStatement().executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (java.sql.SQLException e) {
      return -1;
    }
  }

  private static void report(
      String url,
      String schema,
      int instances,
      int jobs,
      List<Instance> fleet,
      List<Instance> survivors,
      Simulator simulator,
      JdbcJobStore store,
      Set<StoredJob.State> ended,
      long seconds)
      throws IOException {
    // Lost: a task the vendor accepted that the store does not hold as ended.
    Set<String> settledInStore = new HashSet<>();
    for (StoredJob job : store.list(ended, jobs * 2)) {
      job.taskId().ifPresent(task -> settledInStore.add(job.providerId() + "/" + task));
    }
    int lost = 0;
    for (String task : simulator.vendor("apixo").tasks().keySet()) {
      lost += settledInStore.contains("apixo/" + task) ? 0 : 1;
    }
    // Sent twice: a job's own marker in more than one submission the vendor received.
    List<SimulatedCall> submits = simulator.calls("apixo", Operation.SUBMIT);
    Set<String> markers = new HashSet<>();
    int duplicates = 0;
    for (SimulatedCall call : submits) {
      Matcher marker = MARKER.matcher(call.body());
      if (marker.find() && !markers.add(marker.group(1))) {
        duplicates++;
      }
    }
    // Settled twice: a job whose settlement two instances (or one, twice) won.
    Map<String, Integer> wins = new HashMap<>();
    for (Instance instance : fleet) {
      for (String line : Files.readAllLines(instance.settledLog())) {
        wins.merge(line, 1, Integer::sum);
      }
    }
    long settledTwice = wins.values().stream().filter(count -> count > 1).count();
    int polls = simulator.calls("apixo", Operation.STATUS).size();
    long storeNanos = 0;
    long touched = 0;
    long wrong = 0;
    long overrun = 0;
    for (Instance instance : survivors) {
      Map<String, Long> figures = instance.figures();
      instance.lines().stream()
          .filter(line -> line.startsWith("INSTANCE") || line.startsWith("STORE"))
          .forEach(System.out::println);
      storeNanos += figures.getOrDefault("storeNanos", 0L);
      touched += figures.getOrDefault("touched", 0L);
      wrong += figures.getOrDefault("wrong", 0L);
      overrun = Math.max(overrun, figures.getOrDefault("maxOverrunMs", 0L));
    }
    System.out.printf(
        Locale.ROOT,
        "store %s; vendor accepted %d jobs, %d submissions; %d settled in the store; %d s%n",
        url.replaceAll("[?;].*", ""),
        simulator.vendor("apixo").tasks().size(),
        submits.size(),
        settledInStore.size(),
        seconds);
    long stuck = stuck(url, schema);
    long held = held(url, schema);
    long unknown =
        count(url, "SELECT COUNT(*) FROM " + schema + ".nb_jobs WHERE state = 'OUTCOME_UNKNOWN'");
    long refusedRows =
        count(url, "SELECT COUNT(*) FROM " + schema + ".nb_jobs WHERE state = 'REFUSED'");
    System.out.printf(
        Locale.ROOT,
        "%d refused unsent and %d outcome-unknown in the store%n",
        refusedRows,
        unknown);
    System.out.printf(
        Locale.ROOT,
        "RESULT instances=%d jobs=%d killedInstances=%d lost=%d duplicateSubmissions=%d"
            + " settledTwice=%d wrongResults=%d stuck=%d heldReservations=%d"
            + " maxDeadlineOverrunMs=%d pollsPerJob=%.2f storeMsPerJob=%.3f%n",
        instances,
        jobs,
        fleet.size() - survivors.size(),
        lost,
        duplicates,
        settledTwice,
        wrong,
        stuck,
        held,
        overrun,
        polls / (double) Math.max(1, simulator.vendor("apixo").tasks().size()),
        touched == 0 ? 0.0 : storeNanos / 1e6 / touched);
  }

  private static void waitFor(java.util.function.BooleanSupplier condition, Duration limit)
      throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        System.out.println("gave up waiting after " + limit);
        return;
      }
      Thread.sleep(200);
    }
  }

  private static void dropSchema(String url, String schema) {
    try (Connection connection = DriverManager.getConnection(url)) {
      connection.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (Exception e) {
      System.out.println("could not drop schema " + schema + ": " + e.getMessage());
    }
  }
}
