package dev.nanobanana4j.benchmarks;

import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.testkit.Fault;
import dev.nanobanana4j.testkit.Simulator;
import dev.nanobanana4j.testkit.TaskScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code HostileCommands CLI_JAR [SCENARIO]}: runs a build of the {@code nanobanana} command (this
 * one's, or an older one's, to compare) as its own JVM against the hostile vendor on loopback and
 * as a careless user, and prints one row a scenario: exit code, time, what reached the vendor and
 * the other origin, files left, and the first line the command printed. Each run is killed after
 * 150 s.
 */
public final class HostileCommands {
  private HostileCommands() {}

  private static String jar;

  /** Runs every scenario, or the one named. */
  public static void main(String[] a) throws Exception {
    jar = a[0];
    String only = a.length > 1 ? a[1] : null;
    for (String scenario :
        List.of(
            "redirect307-modelslab",
            "redirect302-apixo",
            "huge-status",
            "endless-status",
            "hung-poll",
            "trickle-download",
            "bad-out",
            "unknown-model",
            "newline-key",
            "ancient-token")) {
      if (only != null && !scenario.equals(only)) continue;
      run(scenario);
    }
  }

  private static void run(String scenario) throws Exception {
    try (Simulator s =
        Simulator.builder()
            .defaultScript(TaskScript.succeed(Duration.ZERO, Duration.ZERO))
            .start()) {
      String provider = scenario.contains("modelslab") ? "modelslab" : "apixo";
      Map<String, String> env =
          new HashMap<>(
              Map.of(
                  provider.toUpperCase() + "_API_KEY",
                  s.apiKey(provider),
                  provider.toUpperCase() + "_BASE_URL",
                  s.baseUrl(provider).toString()));
      Path out = Files.createTempDirectory("cmp");
      List<String> args =
          new ArrayList<>(
              List.of(
                  "generate",
                  "--provider",
                  provider,
                  "--prompt",
                  "a cat",
                  "--poll-interval",
                  "100ms"));
      String heap = "-Xmx512m";
      switch (scenario) {
        case "redirect307-modelslab" -> s.inject(Fault.REDIRECT_307, provider, Operation.SUBMIT, 1);
        case "redirect302-apixo" -> s.inject(Fault.REDIRECT_302, provider, Operation.SUBMIT, 1);
        case "huge-status" -> {
          s.inject(Fault.HUGE_BODY, provider, Operation.STATUS, 100);
          heap = "-Xmx256m";
          args.addAll(List.of("--timeout", "60s"));
        }
        case "endless-status" -> {
          s.inject(Fault.ENDLESS_BODY, provider, Operation.STATUS, 100);
          heap = "-Xmx256m";
          args.addAll(List.of("--timeout", "60s"));
        }
        case "hung-poll" -> {
          s.inject(Fault.STALL, provider, Operation.STATUS, 100);
          args.addAll(List.of("--timeout", "5s"));
        }
        case "trickle-download" -> {
          s.inject(Fault.TRICKLING_BODY, provider, Operation.DOWNLOAD, 1);
          args.addAll(List.of("--timeout", "5s", "--out", out.toString()));
        }
        case "bad-out" -> {
          Path f = Files.writeString(out.resolve("file"), "x");
          args.addAll(List.of("--out", f.toString()));
        }
        case "unknown-model" -> args.addAll(List.of("--model", "nano-banana-pro"));
        case "newline-key" -> {
          args.addAll(List.of("--api-key", s.apiKey(provider) + "\n"));
          env.remove(provider.toUpperCase() + "_API_KEY");
        }
        case "ancient-token" -> {
          String token =
              "nb1."
                  + Base64.getUrlEncoder()
                      .withoutPadding()
                      .encodeToString(("p=apixo&t=task_1&s=-16000000000000").getBytes());
          args =
              new ArrayList<>(
                  List.of("wait", token, "--poll-interval", "100ms", "--timeout", "20s"));
        }
        default -> {}
      }
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  heap,
                  "-jar",
                  jar));
      cmd.addAll(args);
      ProcessBuilder pb = new ProcessBuilder(cmd);
      pb.environment().putAll(env);
      Path log = Files.createTempFile("cmp", ".log");
      pb.redirectErrorStream(true).redirectOutput(log.toFile());
      long t0 = System.nanoTime();
      Process p = pb.start();
      boolean ended = p.waitFor(150, TimeUnit.SECONDS);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      if (!ended) p.destroyForcibly().waitFor();
      String text = Files.readString(log);
      String last =
          text.lines()
              .filter(
                  l ->
                      l.startsWith("nanobanana:") || l.contains("Exception") || l.contains("Error"))
              .findFirst()
              .orElse(text.lines().reduce((x, y) -> y).orElse(""));
      long files;
      try (var st = Files.list(out)) {
        files = st.filter(f -> !f.getFileName().toString().equals("file")).count();
      }
      System.out.printf(
          "%-22s exit=%s time=%.1fs submits=%d polls=%d elsewhere=%d files=%d | %s%n",
          scenario,
          ended ? String.valueOf(p.exitValue()) : "HUNG(killed at 150s)",
          ms / 1000.0,
          s.calls(provider, Operation.SUBMIT).size(),
          s.calls(provider, Operation.STATUS).size(),
          s.elsewhereCalls(),
          files,
          last.length() > 200 ? last.substring(0, 200) : last);
    }
  }
}
