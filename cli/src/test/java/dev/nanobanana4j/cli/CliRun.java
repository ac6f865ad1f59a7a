package dev.nanobanana4j.cli;

import dev.nanobanana4j.testkit.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** One in-process run of the command: its exit code, stdout and stderr. */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = NanoBananaCli.run(args, withHome(env), new PrintWriter(out), new PrintWriter(err));
    return new CliRun(code, out.toString(), err.toString());
  }

  /** The environment that points the command at {@code simulator} for each of {@code providers}. */
  static Map<String, String> env(
      dev.nanobanana4j.testkit.Simulator simulator, String... providers) {
    Map<String, String> env = new java.util.HashMap<>();
    for (String provider : providers) {
      String prefix = provider.toUpperCase(java.util.Locale.ROOT);
      env.put(prefix + "_API_KEY", simulator.apiKey(provider));
      env.put(prefix + "_BASE_URL", simulator.baseUrl(provider).toString());
    }
    return env;
  }

  /**
   * {@code env}, keeping no ledger unless it names one: the user's is never touched, and the
   * vendors' documented task ids, the same in every test, never meet in one (JobLedgerCommandTest
   * names its own).
   */
  static Map<String, String> withHome(Map<String, String> env) {
    if (env.containsKey(Stores.HOME_VARIABLE) || env.containsKey(Stores.STORE_VARIABLE)) {
      return env;
    }
    Map<String, String> with = new java.util.HashMap<>(env);
    with.put(Stores.STORE_VARIABLE, "none");
    return with;
  }

  static CliRun of(String... args) {
    return of(Map.of(), args);
  }

  /** Stdout as the one JSON object it must be. */
  Map<String, Object> json() {
    String text = out.strip();
    if (text.contains("\n")) {
      throw new AssertionError("stdout must hold exactly one JSON object, got:\n" + out);
    }
    return Json.parseObject(text);
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
