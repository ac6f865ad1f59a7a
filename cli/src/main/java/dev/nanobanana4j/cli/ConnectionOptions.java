package dev.nanobanana4j.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** How to reach the provider: shared by the commands that call one. */
final class ConnectionOptions {
  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description = "The provider's API key (default: the environment variable <ID>_API_KEY).")
  String apiKey;

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      description =
          "Use this base URL instead of the vendor's documented one (default: <ID>_BASE_URL).")
  String baseUrl;

  @Option(
      names = "--sandbox",
      description =
          "Start the built-in simulator in this process and send everything to it; no key"
              + " needed. Its jobs live only as long as this command.")
  boolean sandbox;

  @Option(
      names = "--request-timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "The time allowed for one HTTP attempt (default: 60s).")
  Duration requestTimeout;

  @Option(
      names = "--poll-interval",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Poll this often instead of following the vendor's guidance.")
  Duration pollInterval;

  @Option(
      names = "--store",
      paramLabel = "URL",
      description =
          "Keep the ledger of jobs in this JDBC store (jdbc:h2:file:... or jdbc:postgresql://...;"
              + " default: NANOBANANA_STORE, else an H2 file in ~/.nanobanana; none with"
              + " --sandbox).")
  String store;

  @Option(
      names = "--no-store",
      description = "Keep no ledger of jobs: a job submitted is known only by its token.")
  boolean noStore;
}
