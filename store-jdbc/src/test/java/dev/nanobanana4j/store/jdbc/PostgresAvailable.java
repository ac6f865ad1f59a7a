package dev.nanobanana4j.store.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only where PostgreSQL answers at {@code NANOBANANA_TEST_PG} (default {@code
 * jdbc:postgresql://127.0.0.1:5432/test}); elsewhere the class is skipped, and the build's output
 * says which and why.
 */
public final class PostgresAvailable implements ExecutionCondition {
  /** The database the tests use. */
  public static final String URL =
      System.getenv().getOrDefault("NANOBANANA_TEST_PG", "jdbc:postgresql://127.0.0.1:5432/test");

  private static volatile String unavailable;
  private static volatile boolean checked;

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String why = why();
    if (why == null) {
      return ConditionEvaluationResult.enabled("PostgreSQL answers at " + URL);
    }
    String message =
        "SKIPPED "
            + context.getDisplayName()
            + ": no PostgreSQL at "
            + JdbcJobStore.redacted(URL)
            + " ("
            + why
            + "); set NANOBANANA_TEST_PG to a reachable database to run it";
    System.err.println(message);
    return ConditionEvaluationResult.disabled(message);
  }

  private static synchronized String why() {
    if (!checked) {
      checked = true;
      try (Connection connection = DriverManager.getConnection(URL)) {
        connection.isValid(5);
      } catch (SQLException e) {
        unavailable = e.getMessage();
      }
    }
    return unavailable;
  }

  /** A new schema name, so that test runs sharing the database never meet. */
  public static String freshSchema() {
    return ("nb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16))
        .toLowerCase(Locale.ROOT);
  }

  /** Drops {@code schema} and everything in it. */
  public static void drop(String schema) {
    try (Connection connection = DriverManager.getConnection(URL)) {
      connection.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      System.err.println("could not drop test schema " + schema + ": " + e.getMessage());
    }
  }
}
