package dev.nanobanana4j.cli;

import dev.nanobanana4j.core.application.ProviderRegistry;
import dev.nanobanana4j.core.error.NanoBananaException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * The {@code nanobanana} command: generate and edit images with Nano Banana through any installed
 * provider, from a terminal.
 *
 * <pre>{@code
 * java -jar nanobanana.jar generate --sandbox --provider apixo --prompt "a fox" --out out
 * }</pre>
 */
@Command(
    name = "nanobanana",
    mixinStandardHelpOptions = true,
    versionProvider = NanoBananaCli.Version.class,
    description = "Generate and edit images with Google's Nano Banana models through any provider.",
    footer = ExitCodes.HELP,
    subcommands = {
      ProvidersCommand.class,
      GenerateCommand.class,
      QuotesCommand.class,
      StatusCommand.class,
      WaitCommand.class,
      CancelCommand.class,
      JobsCommand.class,
      SpendCommand.class,
      AccountCommand.class,
      SandboxCommand.class,
      CommandLine.HelpCommand.class,
      picocli.AutoComplete.GenerateCompletion.class
    })
public final class NanoBananaCli implements Callable<Integer> {
  final Map<String, String> env;
  final ProviderRegistry registry;

  /** Whether stderr can show a live line ({@code --progress auto}). */
  final boolean stderrIsTerminal;

  @Spec CommandLine.Model.CommandSpec spec;

  private NanoBananaCli(
      Map<String, String> env, ProviderRegistry registry, boolean stderrIsTerminal) {
    this.env = env;
    this.registry = registry;
    this.stderrIsTerminal = stderrIsTerminal;
  }

  /** Runs the command and exits with its code. */
  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    quietLogs(env.get(LOG_VARIABLE));
    System.exit(
        run(
            args,
            env,
            new PrintWriter(System.out, true),
            new PrintWriter(System.err, true),
            Terminal.stderrIsTerminal(env)));
  }

  /** The environment variable that lets the library's log lines through: its level's name. */
  static final String LOG_VARIABLE = "NANOBANANA_LOG";

  /**
   * Keeps the library's log lines (the JDK's logging, where the library, the store and Flyway
   * write) off stderr, which the command writes for itself: only severe ones pass, unless {@code
   * level} ({@code warning}, {@code info}, {@code debug}) lets more through.
   */
  static void quietLogs(String level) {
    java.util.logging.Level pass = java.util.logging.Level.SEVERE;
    if (level != null && !level.isBlank()) {
      pass =
          switch (level.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "debug", "trace", "all" -> java.util.logging.Level.FINE;
            case "info" -> java.util.logging.Level.INFO;
            case "warning", "warn" -> java.util.logging.Level.WARNING;
            default -> java.util.logging.Level.SEVERE;
          };
    }
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    root.setLevel(pass);
    for (java.util.logging.Handler handler : root.getHandlers()) {
      handler.setLevel(pass);
    }
  }

  /**
   * Runs the command with the given environment and streams, and returns its exit code.
   *
   * @param env where {@code <ID>_API_KEY} and {@code <ID>_BASE_URL} are read
   */
  public static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
    return run(args, env, out, err, false);
  }

  /** As above; {@code stderrIsTerminal} decides what {@code --progress auto} shows. */
  static int run(
      String[] args,
      Map<String, String> env,
      PrintWriter out,
      PrintWriter err,
      boolean stderrIsTerminal) {
    Objects.requireNonNull(env, "env == null");
    ProviderRegistry registry;
    try {
      registry = ProviderRegistry.load(NanoBananaCli.class.getClassLoader());
    } catch (NanoBananaException e) {
      err.println("nanobanana: " + Terminal.printable(e.getMessage()));
      return ExitCodes.USAGE;
    }
    CommandLine line = new CommandLine(new NanoBananaCli(env, registry, stderrIsTerminal));
    line.setCaseInsensitiveEnumValuesAllowed(true);
    line.setOut(out);
    line.setErr(err);
    line.registerConverter(
        java.math.BigDecimal.class,
        text -> {
          try {
            return new java.math.BigDecimal(text.trim());
          } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException(
                "'" + text + "' is not an amount such as 0.10");
          }
        });
    // A mistake on the command line: one line and a hint, not the whole usage; with --json, stdout
    // still holds exactly one JSON object.
    line.setParameterExceptionHandler(
        (e, arguments) -> {
          PrintWriter stderr = e.getCommandLine().getErr();
          stderr.println("nanobanana: " + Terminal.printable(e.getMessage()));
          stderr.println(
              "Try 'nanobanana "
                  + (e.getCommandLine() == line ? "" : e.getCommandLine().getCommandName() + " ")
                  + "--help'.");
          stderr.flush();
          if (java.util.Arrays.asList(arguments).contains("--json")) {
            new Report().error(new IllegalArgumentException(e.getMessage())).print(true, out);
          }
          return ExitCodes.USAGE;
        });
    line.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println("nanobanana: " + Terminal.printable(e.getMessage()));
          return ExitCodes.of(e);
        });
    return line.execute(args);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }

  /** Runs {@code body}, reporting a library error as the report's error and its exit code. */
  static int reporting(
      Report report, boolean json, PrintWriter out, PrintWriter err, Callable<Integer> body)
      throws Exception {
    return reporting(report, json, out, err, body, true);
  }

  /**
   * As above; with {@code printOnSuccess} false, the report is printed only for an error (the body
   * printed its own output).
   */
  static int reporting(
      Report report,
      boolean json,
      PrintWriter out,
      PrintWriter err,
      Callable<Integer> body,
      boolean printOnSuccess)
      throws Exception {
    int code;
    try {
      code = body.call();
      if (!printOnSuccess) {
        return code;
      }
    } catch (NanoBananaException | IllegalArgumentException | SaveFailedException e) {
      report.error(e);
      code = ExitCodes.of(e);
      if (!json) {
        // The error alone: what the command had gathered before it is no table to read.
        err.println("nanobanana: " + Terminal.printable(e.getMessage()));
        if (e instanceof dev.nanobanana4j.core.error.RequestValidationException) {
          err.println(
              "A provider refuses what it cannot honour; --lenient sends the request without"
                  + " those options instead (each named in a warning).");
        }
        err.flush();
        return code;
      }
    }
    report.print(json, out);
    return code;
  }

  /** The version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = NanoBananaCli.class.getPackage().getImplementationVersion();
      return new String[] {"nanobanana " + (version == null ? "(development build)" : version)};
    }
  }
}
