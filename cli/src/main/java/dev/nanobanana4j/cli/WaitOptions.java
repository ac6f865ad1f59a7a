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

  @Option(
      names = "--progress",
      paramLabel = "MODE",
      defaultValue = "auto",
      description =
          "How a running job is shown on stderr: live (one line redrawn in place), lines (a line"
              + " per change of state), none, or auto (live on a terminal, else lines; the"
              + " default).")
  Progress.Mode progress;

  /**
   * Checks, before anything is sent, that {@code --out} is a folder this process can write, making
   * it if need be: a job must not be paid for only to find its images cannot be saved.
   *
   * @throws IllegalArgumentException when it is not
   */
  void checkOut() {
    if (out == null) {
      return;
    }
    try {
      java.nio.file.Files.createDirectories(out);
      java.nio.file.Path probe = java.nio.file.Files.createTempFile(out, ".nanobanana-", ".probe");
      java.nio.file.Files.delete(probe);
    } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
      throw new IllegalArgumentException(
          "--out "
              + out
              + " is not a folder this command can write to ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + "); nothing was sent");
    }
  }
}
