package dev.nanobanana4j.store.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A connection of its own for each call, from the JDBC driver, with no pool: for PostgreSQL's
 * {@code LISTEN}, which holds one for as long as the store is open, and for an embedded H2 file,
 * which several processes share by taking turns: the file is open only while a connection is, and a
 * process that finds it in use tries again, with a short random pause, for at most {@code
 * waitMillis}.
 */
final class DriverConnections implements DataSource {
  /** H2's "database may be already in use": another process has the file open. */
  private static final int H2_IN_USE = 90020;

  private final String url;
  private final Properties properties;
  private final long waitMillis;

  DriverConnections(String url, Properties properties, long waitMillis) {
    this.url = url;
    this.properties = properties;
    this.waitMillis = waitMillis;
  }

  @Override
  public Connection getConnection() throws SQLException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
    long pause = 5;
    while (true) {
      try {
        return DriverManager.getConnection(url, properties);
      } catch (SQLException e) {
        if (!inUse(e) || System.nanoTime() - deadline > 0) {
          throw e;
        }
        // Another process has the file for a few milliseconds: take the next turn.
        LockSupport.parkNanos(
            TimeUnit.MILLISECONDS.toNanos(pause + ThreadLocalRandom.current().nextLong(pause)));
        if (Thread.interrupted()) {
          Thread.currentThread().interrupt();
          throw e;
        }
        pause = Math.min(pause * 2, 100);
      }
    }
  }

  /** Whether {@code e} says another process holds the database. */
  static boolean inUse(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getErrorCode() == H2_IN_USE) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the store's user is set when it is built");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper of " + type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }

  @Override
  public String toString() {
    return "DriverConnections{" + JdbcJobStore.redacted(url) + "}";
  }
}
