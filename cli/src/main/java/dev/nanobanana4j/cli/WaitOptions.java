package dev.nanobanana4j.cli;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How long to wait for a job, and where to save its images. */
final class WaitOptions {
  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How long to wait for the job in all (default: 10m).")
  Duration timeout;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Download the images into this folder.")
  Path out;
}
