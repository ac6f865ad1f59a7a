package dev.nanobanana4j.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of its own, for fault runs: made by {@code initdb} in a temporary folder,
 * listening on 127.0.0.1 at a free port, and restarted, frozen ({@code SIGSTOP}) and thawed at the
 * harness's word. The machine's own cluster is never touched. As root, the server runs as the
 * {@code postgres} user, which PostgreSQL requires.
 */
final class PgCluster implements AutoCloseable {
  private final Path bin;
  private final Path data;
  private final Path folder;
  private final int port;
  private final boolean asPostgres;

  private PgCluster(Path bin, Path folder, int port, boolean asPostgres) {
    this.bin = bin;
    this.folder = folder;
    this.data = folder.resolve("data");
    this.port = port;
    this.asPostgres = asPostgres;
  }

  /** Makes and starts a cluster; fails when PostgreSQL's server programs are not installed. */
  static PgCluster start() throws IOException, InterruptedException {
    Path bin = serverPrograms();
    boolean root = "root".equals(System.getProperty("user.name"));
    Path folder = Files.createTempDirectory("nanobanana-pg");
    PgCluster cluster = new PgCluster(bin, folder, freePort(), root);
    if (root) {
      cluster.run(List.of("chown", "-R", "postgres", folder.toString()), false);
    }
    cluster.run(
        List.of(
            bin.resolve("initdb").toString(),
            "-D",
            cluster.data.toString(),
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync",
            "-E",
            "UTF8"),
        true);
    cluster.pgCtl("start");
    return cluster;
  }

  /** The JDBC URL of its database {@code postgres}. */
  String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  /** Stops the server (fast: sessions are cut) and starts it again. */
  void restart() throws IOException, InterruptedException {
    pgCtl("restart");
  }

  /** Stops every process of the server with SIGSTOP: it holds its connections and answers none. */
  void freeze() throws IOException, InterruptedException {
    signal("-STOP");
  }

  /** Lets a frozen server go on. */
  void thaw() throws IOException, InterruptedException {
    signal("-CONT");
  }

  private void signal(String signal) throws IOException, InterruptedException {
    long postmaster =
        Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
    List<String> command = new ArrayList<>(List.of("kill", signal, Long.toString(postmaster)));
    ProcessHandle.of(postmaster)
        .ifPresent(
            process -> process.descendants().forEach(p -> command.add(Long.toString(p.pid()))));
    run(command, false);
  }

  private void pgCtl(String action) throws IOException, InterruptedException {
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            data.toString(),
            "-l",
            folder.resolve("server.log").toString(),
            "-m",
            "fast",
            "-w",
            "-t",
            "60",
            "-o",
            "-p " + port + " -c listen_addresses=127.0.0.1 -k " + folder + " -c fsync=off",
            action),
        true);
  }

  private void run(List<String> command, boolean postgresUser)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (postgresUser && asPostgres) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(
          String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
    }
  }

  private static Path serverPrograms() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        Path newest =
            versions
                .map(version -> version.resolve("bin"))
                .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                .max(Comparator.comparing(Path::toString))
                .orElse(null);
        if (newest != null) {
          return newest;
        }
      }
    }
    throw new IOException("PostgreSQL's server programs (initdb, pg_ctl) are not installed");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws IOException {
    try {
      try {
        thaw();
      } catch (IOException e) {
        // not frozen: a process of the server ended meanwhile
      }
      pgCtl("stop");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try (Stream<Path> all = Files.walk(folder)) {
        all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }
}
