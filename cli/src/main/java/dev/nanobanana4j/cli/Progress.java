package dev.nanobanana4j.cli;

import dev.nanobanana4j.core.application.waiting.JobListener;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobState;
import dev.nanobanana4j.core.domain.JobStatus;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows a running job on stderr. On a terminal ({@link Mode#LIVE}) one line is redrawn in place
 * with the state, the time since submission and, where the vendor gives them, the queue position
 * and its estimate of the time left; when the wait ends the line is replaced by a lasting one.
 * Elsewhere ({@link Mode#LINES}) each change of state is a line of its own, which logs keep well.
 */
final class Progress implements JobListener, AutoCloseable {
  /** How the command shows a running job ({@code --progress}). */
  enum Mode {
    /** {@link #LIVE} when stderr is a terminal, else {@link #LINES}. */
    AUTO,
    /** One line redrawn in place. */
    LIVE,
    /** A line for each change of state. */
    LINES,
    /** Nothing. */
    NONE;

    /** This mode with {@link #AUTO} decided. */
    Mode resolve(boolean stderrIsTerminal) {
      if (this != AUTO) {
        return this;
      }
      return stderrIsTerminal ? LIVE : LINES;
    }
  }

  /** How often the live line is redrawn between polls, so that its clock moves. */
  static final Duration REDRAW = Duration.ofMillis(250);

  /** The longest task id shown on the live line, which must fit on one row to be redrawn. */
  static final int SHOWN_TASK_ID = 20;

  /** "Erase to the end of the line", after a carriage return and the new text. */
  private static final String ERASE_TO_END = "\u001b[K";

  private static final char[] SPINNER = {'|', '/', '-', '\\'};

  private final Mode mode;
  private final PrintWriter err;
  private final Clock clock;
  private final JobHandle handle;
  private ScheduledExecutorService redraws;

  // Guarded by this: polls, redraws and the end come from three threads.
  private JobStatus status;
  private Instant statusSeenAt;
  private JobState lastLine;
  private int frame;
  private boolean drawn;
  private boolean closed;

  private Progress(Mode mode, PrintWriter err, Clock clock, JobHandle handle) {
    this.mode = mode;
    this.err = err;
    this.clock = clock;
    this.handle = handle;
  }

  /**
   * Progress for {@code handle} in a mode already {@linkplain Mode#resolve resolved}. A live line
   * is drawn at once and redrawn every {@link #REDRAW} by a daemon thread until {@link #close()}.
   */
  static Progress start(Mode mode, PrintWriter err, Clock clock, JobHandle handle) {
    Progress progress = drawnByHand(mode, err, clock, handle);
    if (mode == Mode.LIVE) {
      progress.redraws =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, "nanobanana-progress");
                thread.setDaemon(true);
                return thread;
              });
      progress.redraws.scheduleWithFixedDelay(
          progress::redraw, REDRAW.toMillis(), REDRAW.toMillis(), TimeUnit.MILLISECONDS);
    }
    return progress;
  }

  /** As {@link #start}, but redrawn only by calls to {@link #redraw()}: for tests. */
  static Progress drawnByHand(Mode mode, PrintWriter err, Clock clock, JobHandle handle) {
    if (mode == Mode.AUTO) {
      throw new IllegalArgumentException("resolve the mode first");
    }
    Progress progress = new Progress(mode, err, clock, handle);
    progress.redraw();
    return progress;
  }

  @Override
  public synchronized void onStatus(JobHandle polled, JobStatus status, Duration elapsed) {
    if (closed || !polled.equals(handle)) {
      return;
    }
    this.status = status;
    this.statusSeenAt = clock.instant();
    switch (mode) {
      case LIVE -> redraw();
      case LINES -> {
        if (lastLine != status.state()) {
          lastLine = status.state();
          err.println(lasting());
          err.flush();
        }
      }
      default -> {}
    }
  }

  /** Draws the live line again, with the clock moved on. */
  synchronized void redraw() {
    if (closed || mode != Mode.LIVE) {
      return;
    }
    err.print("\r" + live() + ERASE_TO_END);
    err.flush();
    drawn = true;
    frame = (frame + 1) % SPINNER.length;
  }

  /**
   * Ends the display: stops the redraws and, on a terminal, replaces the live line with a lasting
   * line of the last state seen. Output printed after this starts on a line of its own.
   */
  @Override
  public void close() {
    if (redraws != null) {
      redraws.shutdownNow();
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (drawn) {
        err.print("\r" + ERASE_TO_END);
        if (status != null) {
          err.println(lasting());
        }
        err.flush();
      }
    }
  }

  /** The live line: {@code | apixo 7f3a: queued, position 3 12s}. */
  String live() {
    StringBuilder line =
        new StringBuilder()
            .append(SPINNER[frame])
            .append(' ')
            .append(handle.providerId())
            .append(' ')
            .append(shortTaskId())
            .append(": ");
    line.append(status == null ? "waiting for the first answer" : status.state().label());
    if (status instanceof JobStatus.Queued queued && queued.position().isPresent()) {
      line.append(", position ").append(queued.position().getAsInt());
    }
    timeLeft().ifPresent(left -> line.append(", about ").append(seconds(left)).append(" left"));
    return line.append("  ").append(seconds(elapsed())).toString();
  }

  /** The line kept for a state: {@code [ 12.3s] apixo 7f3a...: running}. */
  private String lasting() {
    String position =
        status instanceof JobStatus.Queued q && q.position().isPresent()
            ? " (position " + q.position().getAsInt() + ")"
            : "";
    return String.format(
        Locale.ROOT,
        "[%6.1fs] %s %s: %s%s",
        elapsed().toMillis() / 1000.0,
        handle.providerId(),
        handle.taskId(),
        status.state().label(),
        position);
  }

  /** The vendor's estimate of the time left, counted down from when it was given. */
  private Optional<Duration> timeLeft() {
    if (!(status instanceof JobStatus.Running running) || running.estimatedRemaining().isEmpty()) {
      return Optional.empty();
    }
    Duration left =
        running.estimatedRemaining().get().minus(Duration.between(statusSeenAt, clock.instant()));
    return left.compareTo(Duration.ofSeconds(1)) < 0 ? Optional.empty() : Optional.of(left);
  }

  private Duration elapsed() {
    Duration elapsed = Duration.between(handle.submittedAt(), clock.instant());
    return elapsed.isNegative() ? Duration.ZERO : elapsed;
  }

  private String shortTaskId() {
    String id = handle.taskId();
    return id.length() <= SHOWN_TASK_ID ? id : id.substring(0, SHOWN_TASK_ID - 3) + "...";
  }

  /** {@code 42s}, {@code 3m05s}, {@code 1h02m}. */
  static String seconds(Duration duration) {
    long s = duration.getSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
  }
}
