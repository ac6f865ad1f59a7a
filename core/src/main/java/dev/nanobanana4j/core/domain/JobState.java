package dev.nanobanana4j.core.domain;

import java.util.Locale;

/** The name of a {@link JobStatus}, for display, logs and metric tags. */
public enum JobState {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  private final String label = name().toLowerCase(Locale.ROOT);

  /** Whether a job in this state will change no more. */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }

  /** The lower-case name, such as {@code succeeded}. */
  public String label() {
    return label;
  }
}
