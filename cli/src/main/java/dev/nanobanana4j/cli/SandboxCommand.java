package dev.nanobanana4j.cli;

import dev.nanobanana4j.testkit.Simulator;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sandbox}: every installed provider's simulation on a loopback port until the process is
 * stopped, with the environment lines that point the command, an application or an example at it.
 * Jobs live as long as it runs, so {@code status}, {@code wait} and resumed tokens work across
 * commands.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "sandbox",
    description =
        "Serve every provider's simulation on 127.0.0.1 until stopped (Ctrl-C), printing each"
            + " provider's base URL and a key it takes as environment lines to paste. Jobs live as"
            + " long as it runs: status, wait and resumed tokens work across commands.",
    footer = ExitCodes.HELP)
final class SandboxCommand implements Callable<Integer> {
  @ParentCommand NanoBananaCli root;

  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "The loopback port to serve on (default: a free one).")
  int port;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Report report = new Report();
    Simulator[] started = new Simulator[1];
    int code =
        NanoBananaCli.reporting(
            report,
            output.json,
            out,
            spec.commandLine().getErr(),
            () -> {
              if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("--port is 0 to 65535, not " + port);
              }
              try {
                started[0] = Simulator.builder().port(port).start();
              } catch (UncheckedIOException e) {
                throw new IllegalArgumentException(
                    "cannot serve on 127.0.0.1:" + port + " (" + e.getCause().getMessage() + ")");
              }
              List<Map<String, Object>> providers = new ArrayList<>();
              for (String id : root.registry.ids()) {
                if (started[0].simulates(id)) {
                  Map<String, Object> p = new LinkedHashMap<>();
                  p.put("id", id);
                  p.put("baseUrl", started[0].baseUrl(id).toString());
                  p.put("apiKey", started[0].apiKey(id));
                  providers.add(p);
                }
              }
              if (output.json) {
                report.field("providers", providers);
              } else {
                out.println(
                    "# nanobanana sandbox: "
                        + providers.size()
                        + " simulated providers; jobs live until it stops (Ctrl-C)."
                        + " Paste these lines in another shell:");
                for (Map<String, Object> p : providers) {
                  String prefix = Session.envPrefix(p.get("id").toString());
                  out.println("export " + prefix + "_BASE_URL=" + p.get("baseUrl"));
                  out.println("export " + prefix + "_API_KEY=" + p.get("apiKey"));
                }
                out.flush();
              }
              return ExitCodes.OK;
            },
            output.json);
    if (started[0] == null) {
      return code;
    }
    out.flush();
    // Serves until the process is stopped (Ctrl-C, SIGTERM): the hook closes the simulator, and
    // the command returns once it has.
    Simulator simulator = started[0];
    CountDownLatch stopped = new CountDownLatch(1);
    Thread closing =
        new Thread(
            () -> {
              simulator.close();
              stopped.countDown();
            },
            "nanobanana-sandbox-stop");
    Runtime.getRuntime().addShutdownHook(closing);
    stopped.await();
    return code;
  }
}
