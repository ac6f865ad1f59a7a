package dev.nanobanana4j.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fleet's store: PostgreSQL, with notices across processes. */
@ExtendWith(PostgresAvailable.class)
class PostgresJobStoreTest extends JobStoreContract {
  private final String schema = PostgresAvailable.freshSchema();

  @Override
  void execute(String sql) throws java.sql.SQLException {
    try (java.sql.Connection connection =
            java.sql.DriverManager.getConnection(PostgresAvailable.URL);
        java.sql.Statement statement = connection.createStatement()) {
      statement.execute("SET search_path TO " + schema);
      statement.execute(sql);
    }
  }

  @Override
  JdbcJobStore open() {
    return JdbcJobStore.builder().url(PostgresAvailable.URL).schema(schema).build();
  }

  @AfterEach
  void dropSchema() {
    PostgresAvailable.drop(schema);
  }

  @Test
  void another_process_hears_of_a_settlement_through_notify() throws Exception {
    assertTrue(store.notifiesAcrossProcesses());
    // A second pool and listener on the same schema: what another JVM of the fleet holds.
    try (JdbcJobStore other = open()) {
      CompletableFuture<String> heard = new CompletableFuture<>();
      AutoCloseable subscription = other.subscribe((p, t) -> heard.complete(p + "/" + t));
      {
        JobHandle handle = accepted("notified");
        // The listener's LISTEN may start after this NOTIFY: settle again until it hears one.
        store.settle(handle, new JobStatus.Cancelled(), "a", T0);
        String got;
        try {
          got = heard.get(3, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException first) {
          store.settle(accepted("notified-2"), new JobStatus.Cancelled(), "a", T0);
          got = heard.get(10, TimeUnit.SECONDS);
        }
        assertTrue(got.startsWith("apixo/notified"), got);
      }
    }
  }

  @Test
  void a_schema_of_its_own_is_made_and_kept_by_flyway() {
    try (JdbcJobStore again = open()) {
      accepted("x");
      assertEquals(1, again.list(java.util.Set.of(), 10).size());
    }
  }
}
