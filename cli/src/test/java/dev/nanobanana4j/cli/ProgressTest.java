package dev.nanobanana4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.testkit.MutableClock;
import dev.nanobanana4j.testkit.Simulator;
import dev.nanobanana4j.testkit.TaskScript;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** How a running job is shown on stderr, and how vendor text is kept from driving the terminal. */
class ProgressTest {
  private static final Instant SUBMITTED = Instant.parse("2026-11-30T10:00:00Z");
  private static final String ERASE = "\r\u001b[K";

  private final MutableClock clock = MutableClock.startingAt(SUBMITTED);
  private final StringWriter err = new StringWriter();
  private final JobHandle handle = JobHandle.of("apixo", "task-1", SUBMITTED);

  private Progress progress(Progress.Mode mode) {
    return Progress.drawnByHand(mode, new PrintWriter(err), clock, handle);
  }

  /** What the live line shows now: the text after the last redraw. */
  private String shown() {
    String text = err.toString();
    int start = text.lastIndexOf('\r');
    return text.substring(start + 1).replace("\u001b[K", "").substring(2);
  }

  @Test
  void the_live_line_shows_state_position_estimate_and_time_and_is_redrawn_in_place() {
    Progress progress = progress(Progress.Mode.LIVE);
    assertEquals("apixo task-1: waiting for the first answer  0s", shown());

    clock.advance(Duration.ofSeconds(2));
    progress.onStatus(handle, new JobStatus.Queued(OptionalInt.of(3)), Duration.ofSeconds(2));
    assertEquals("apixo task-1: queued, position 3  2s", shown());

    clock.advance(Duration.ofSeconds(3));
    progress.onStatus(handle, JobStatus.Running.endingIn(Duration.ofSeconds(20)), null);
    assertEquals("apixo task-1: running, about 20s left  5s", shown());

    clock.advance(Duration.ofSeconds(75));
    progress.redraw();
    assertEquals("apixo task-1: running  1m20s", shown(), "an estimate run out is not shown");

    assertFalse(err.toString().contains("\n"), "nothing but the one line was drawn");
    assertEquals(4, err.toString().split("\r", -1).length - 1, "each draw starts at the column 0");
  }

  @Test
  void the_estimate_counts_down_between_polls() {
    Progress progress = progress(Progress.Mode.LIVE);
    progress.onStatus(handle, JobStatus.Running.endingIn(Duration.ofSeconds(30)), null);
    clock.advance(Duration.ofSeconds(12));
    progress.redraw();
    assertEquals("apixo task-1: running, about 18s left  12s", shown());
  }

  @Test
  void closing_replaces_the_live_line_with_a_lasting_one_and_ends_the_display() {
    Progress progress = progress(Progress.Mode.LIVE);
    clock.advance(Duration.ofMillis(12_300));
    progress.onStatus(handle, new JobStatus.Succeeded(List.of(image())), null);
    progress.close();
    String text = err.toString();
    assertTrue(
        text.endsWith(ERASE + "[  12.3s] apixo task-1: succeeded" + System.lineSeparator()), text);

    int length = text.length();
    progress.redraw();
    progress.onStatus(handle, new JobStatus.Running(), null);
    progress.close();
    assertEquals(length, err.toString().length(), "nothing is drawn after close");
  }

  @Test
  void closing_before_any_answer_clears_the_line_and_prints_nothing_more() {
    Progress progress = progress(Progress.Mode.LIVE);
    progress.close();
    assertTrue(err.toString().endsWith(ERASE), err::toString);
  }

  @Test
  void long_task_ids_are_cut_so_the_line_fits_one_row() {
    JobHandle longId = JobHandle.of("apixo", "x".repeat(200), SUBMITTED);
    Progress progress =
        Progress.drawnByHand(Progress.Mode.LIVE, new PrintWriter(err), clock, longId);
    progress.redraw();
    assertTrue(shown().startsWith("apixo " + "x".repeat(17) + "...: waiting"), shown());
  }

  @Test
  void statuses_of_another_job_are_not_shown() {
    Progress progress = progress(Progress.Mode.LINES);
    progress.onStatus(JobHandle.of("apixo", "other", SUBMITTED), new JobStatus.Running(), null);
    assertEquals("", err.toString());
  }

  @Test
  void lines_mode_prints_each_change_of_state_once() {
    Progress progress = progress(Progress.Mode.LINES);
    assertEquals("", err.toString(), "nothing before the first answer");
    progress.onStatus(handle, new JobStatus.Queued(OptionalInt.of(2)), null);
    progress.onStatus(handle, new JobStatus.Queued(OptionalInt.of(1)), null);
    clock.advance(Duration.ofMillis(1500));
    progress.onStatus(handle, new JobStatus.Running(), null);
    progress.redraw();
    progress.close();
    assertEquals(
        String.join(
            System.lineSeparator(),
            "[   0.0s] apixo task-1: queued (position 2)",
            "[   1.5s] apixo task-1: running",
            ""),
        err.toString());
  }

  @Test
  void none_shows_nothing() {
    Progress progress = progress(Progress.Mode.NONE);
    progress.onStatus(handle, new JobStatus.Running(), null);
    progress.redraw();
    progress.close();
    assertEquals("", err.toString());
  }

  @Test
  void auto_is_live_on_a_terminal_and_lines_elsewhere() {
    assertEquals(Progress.Mode.LIVE, Progress.Mode.AUTO.resolve(true));
    assertEquals(Progress.Mode.LINES, Progress.Mode.AUTO.resolve(false));
    assertEquals(Progress.Mode.NONE, Progress.Mode.NONE.resolve(true));
    assertThrows(
        IllegalArgumentException.class,
        () -> Progress.drawnByHand(Progress.Mode.AUTO, new PrintWriter(err), clock, handle));
  }

  @Test
  void durations_read_as_people_say_them() {
    assertEquals("0s", Progress.seconds(Duration.ofMillis(999)));
    assertEquals("59s", Progress.seconds(Duration.ofSeconds(59)));
    assertEquals("1m00s", Progress.seconds(Duration.ofSeconds(60)));
    assertEquals("59m59s", Progress.seconds(Duration.ofSeconds(3599)));
    assertEquals("2h05m", Progress.seconds(Duration.ofMinutes(125)));
  }

  @Test
  void dumb_terminals_and_ci_services_get_lines() {
    assertFalse(Terminal.stderrIsTerminal(Map.of("TERM", "dumb")));
    assertFalse(Terminal.stderrIsTerminal(Map.of("CI", "true")));
  }

  @Test
  void control_characters_from_a_vendor_are_shown_not_obeyed() {
    String plain = "a plain message, with ünïcode";
    assertSame(plain, Terminal.printable(plain));
    assertEquals(
        "red\\u001b[31m\\u000dover\\u000aforged\\u0085",
        Terminal.printable("red\u001b[31m\rover\nforged\u0085"));
  }

  @Test
  void the_command_draws_a_live_line_when_asked_and_ends_it_before_saving() {
    try (Simulator simulator =
        Simulator.builder()
            .defaultScript(TaskScript.succeed(Duration.ofMillis(50), Duration.ofMillis(50)))
            .start()) {
      CliRun run = generate(simulator, "--progress", "live");
      assertEquals(0, run.exitCode(), run::toString);
      assertTrue(run.err().contains(ERASE), run::toString);
      assertTrue(run.err().contains(": succeeded" + System.lineSeparator()), run::toString);
    }
  }

  @Test
  void the_command_shows_nothing_with_progress_none_and_names_a_bad_mode() {
    try (Simulator simulator =
        Simulator.builder()
            .defaultScript(TaskScript.succeed(Duration.ZERO, Duration.ZERO))
            .start()) {
      CliRun run = generate(simulator, "--progress", "NONE");
      assertEquals(0, run.exitCode(), run::toString);
      assertFalse(run.err().contains("s] apixo"), run::toString);
      assertFalse(run.err().contains("\r"), run::toString);
    }
    CliRun bad =
        CliRun.of("generate", "--provider", "apixo", "--prompt", "x", "--progress", "fancy");
    assertEquals(ExitCodes.USAGE, bad.exitCode());
    assertTrue(bad.err().contains("--progress"), bad::toString);
  }

  @Test
  void a_vendor_failure_message_cannot_drive_the_terminal() {
    try (Simulator simulator =
        Simulator.builder()
            .defaultScript(
                TaskScript.fail(Duration.ZERO, "E1", "bad\u001b[2J\u001b[31m\rstate     succeeded"))
            .start()) {
      CliRun run = generate(simulator);
      assertEquals(ExitCodes.JOB_FAILED, run.exitCode(), run::toString);
      assertFalse(run.out().contains("\u001b"), run::toString);
      assertFalse(run.out().contains("\r"), run::toString);
      assertTrue(run.out().contains("\\u001b[2J"), run::toString);
    }
  }

  /** A quickly polled APIXO generation on {@code simulator}, with {@code more} options. */
  private static CliRun generate(Simulator simulator, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "generate", "--provider", "apixo", "--prompt", "a cat", "--poll-interval", "10ms"));
    args.addAll(List.of(more));
    return CliRun.of(CliRun.env(simulator, "apixo"), args.toArray(String[]::new));
  }

  private static GeneratedImage image() {
    return GeneratedImage.ofUrl(URI.create("https://cdn.example/a.png"), "image/png");
  }
}
