package dev.nanobanana4j.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * PostgreSQL's {@code LISTEN} on one connection of its own, read by a daemon thread: each {@code
 * NOTIFY} on the channel is passed on. A broken connection is opened again after a pause; what was
 * sent in between is missed, which the client's periodic check of the store makes up for.
 */
final class PgListener implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(PgListener.class.getName());
  private static final int WAIT_MILLIS = 500;
  private static final long RETRY_MILLIS = 2_000;

  private final DataSource dataSource;
  private final String channel;
  private final Consumer<String> heard;
  private final Thread thread;
  private volatile boolean closed;

  PgListener(DataSource dataSource, String channel, Consumer<String> heard) {
    this.dataSource = dataSource;
    this.channel = channel;
    this.heard = heard;
    this.thread = new Thread(this::run, "nanobanana-jobs-listener");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (!closed) {
      try (Connection connection = dataSource.getConnection()) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("LISTEN " + channel);
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        while (!closed) {
          PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
          if (notifications == null) {
            continue;
          }
          for (PGNotification notification : notifications) {
            try {
              heard.accept(notification.getParameter());
            } catch (RuntimeException e) {
              LOG.log(System.Logger.Level.WARNING, "a settled job's notice was not handled", e);
            }
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (closed) {
          return;
        }
        LOG.log(
            System.Logger.Level.WARNING,
            "listening for settled jobs failed; trying again in " + RETRY_MILLIS + " ms",
            e);
        try {
          Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(2 * WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
