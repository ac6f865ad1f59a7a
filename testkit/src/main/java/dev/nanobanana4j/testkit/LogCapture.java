package dev.nanobanana4j.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Turns logging up to its most verbose ({@code java.util.logging}, the default backend of {@link
 * System.Logger}) and keeps every formatted record, so tests can search what was logged.
 */
public final class LogCapture implements AutoCloseable {
  private final Logger root = Logger.getLogger("");
  private final Level previous = root.getLevel();
  private final List<LogRecord> records = new ArrayList<>();
  private final SimpleFormatter formatter = new SimpleFormatter();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          synchronized (records) {
            records.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private LogCapture() {
    handler.setLevel(Level.ALL);
    root.addHandler(handler);
    root.setLevel(Level.ALL);
  }

  /** Starts capturing at {@link Level#ALL}. */
  public static LogCapture start() {
    return new LogCapture();
  }

  /** Every record so far, formatted. */
  public List<String> lines() {
    return lines("");
  }

  /**
   * The records so far of the loggers whose names start with {@code loggerPrefix}, formatted: for
   * example {@code "dev.nanobanana4j"} for the library's own, leaving out the JDK's HTTP client and
   * server that a test's fixtures use.
   */
  public List<String> lines(String loggerPrefix) {
    synchronized (records) {
      return records.stream()
          .filter(
              r ->
                  loggerPrefix.isEmpty()
                      || (r.getLoggerName() != null && r.getLoggerName().startsWith(loggerPrefix)))
          .map(formatter::format)
          .toList();
    }
  }

  /** Stops capturing and restores the previous level. */
  @Override
  public void close() {
    root.removeHandler(handler);
    root.setLevel(previous);
  }
}
