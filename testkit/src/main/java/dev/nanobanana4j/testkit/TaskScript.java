package dev.nanobanana4j.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a simulated task will go: how long it waits in the queue, how long it runs, and whether it
 * ends in success or with a vendor failure code.
 *
 * @param queued time in the vendor's queue before running
 * @param running time from running to the end
 * @param failCode the vendor's failure code, empty for success
 * @param failMessage the vendor's failure message
 * @param images how many images the vendor returns, whatever was asked; 0 for as many as asked
 */
public record TaskScript(
    Duration queued, Duration running, Optional<String> failCode, String failMessage, int images) {
  /** Checks the fields. */
  public TaskScript {
    Objects.requireNonNull(queued, "queued == null");
    Objects.requireNonNull(running, "running == null");
    Objects.requireNonNull(failCode, "failCode == null");
    Objects.requireNonNull(failMessage, "failMessage == null");
    if (images < 0) {
      throw new IllegalArgumentException("images must not be negative");
    }
  }

  /** Succeeds after {@code queued} plus {@code running}. */
  public static TaskScript succeed(Duration queued, Duration running) {
    return new TaskScript(queued, running, Optional.empty(), "", 0);
  }

  /** Fails with the vendor's {@code failCode} and {@code message} after {@code running}. */
  public static TaskScript fail(Duration running, String failCode, String message) {
    return new TaskScript(Duration.ZERO, running, Optional.of(failCode), message, 0);
  }

  /** This script, with the vendor returning {@code images} images whatever was asked: hostile. */
  public TaskScript withImages(int images) {
    return new TaskScript(queued, running, failCode, failMessage, images);
  }

  /** When the task ends, measured from its creation. */
  public Duration total() {
    return queued.plus(running);
  }
}
