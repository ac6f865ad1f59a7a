package dev.nanobanana4j.spi;

import dev.nanobanana4j.core.domain.JobState;
import java.util.Locale;
import java.util.Map;

/**
 * The words vendors use for a task's state, read as a {@link JobState}. Each vendor documents a few
 * of them; the rest are accepted because its older pages, its own SDKs or neighbouring vendors use
 * them: inferred, not documented, and harmless to accept. Case, spaces, hyphens and underscores do
 * not matter ({@code IN_PROGRESS}, {@code in-progress}).
 */
public final class TaskStates {
  private TaskStates() {}

  private static final Map<String, JobState> WORDS =
      Map.ofEntries(
          Map.entry("pending", JobState.QUEUED),
          Map.entry("queued", JobState.QUEUED),
          Map.entry("queuing", JobState.QUEUED),
          Map.entry("inqueue", JobState.QUEUED),
          Map.entry("waiting", JobState.QUEUED),
          Map.entry("submitted", JobState.QUEUED),
          Map.entry("created", JobState.QUEUED),
          Map.entry("processing", JobState.RUNNING),
          Map.entry("running", JobState.RUNNING),
          Map.entry("inprogress", JobState.RUNNING),
          Map.entry("generating", JobState.RUNNING),
          Map.entry("success", JobState.SUCCEEDED),
          Map.entry("succeeded", JobState.SUCCEEDED),
          Map.entry("completed", JobState.SUCCEEDED),
          Map.entry("complete", JobState.SUCCEEDED),
          Map.entry("done", JobState.SUCCEEDED),
          Map.entry("failed", JobState.FAILED),
          Map.entry("fail", JobState.FAILED),
          Map.entry("failure", JobState.FAILED),
          Map.entry("error", JobState.FAILED),
          Map.entry("cancelled", JobState.CANCELLED),
          Map.entry("canceled", JobState.CANCELLED));

  /**
   * The state {@code word} names.
   *
   * @throws MalformedBodyException when it is blank or names no state
   */
  public static JobState read(String word) {
    if (JsonValues.isBlank(word)) {
      throw new MalformedBodyException("the answer has no task state");
    }
    JobState state = WORDS.get(word); // most answers spell a state as documented
    if (state == null) {
      state = WORDS.get(key(word));
    }
    if (state == null) {
      throw new MalformedBodyException("unknown task state '" + word + "'");
    }
    return state;
  }

  /** The word in lower case without spaces, hyphens and underscores; read on every poll. */
  private static String key(String word) {
    StringBuilder key = new StringBuilder(word.length());
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      // The separators skipped: underscore, hyphen and the ASCII white space of regex \s.
      if ("_- \t\n\u000B\f\r".indexOf(c) < 0) {
        key.append(c);
      }
    }
    return key.toString().toLowerCase(Locale.ROOT);
  }
}
