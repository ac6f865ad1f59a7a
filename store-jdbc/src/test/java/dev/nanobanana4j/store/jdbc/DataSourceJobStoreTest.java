package dev.nanobanana4j.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.nanobanana4j.core.error.JobStoreException;
import dev.nanobanana4j.core.port.StoredJob;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on an application's own pool, as a framework's DataSource gives it: H2 here. */
class DataSourceJobStoreTest extends JobStoreContract {
  @TempDir static Path directory;
  private static HikariDataSource pool;

  @Override
  void execute(String sql) throws java.sql.SQLException {
    try (java.sql.Connection connection = pool.getConnection();
        java.sql.Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  @Override
  JdbcJobStore open() {
    if (pool == null || pool.isClosed()) {
      pool = new HikariDataSource();
      pool.setJdbcUrl("jdbc:h2:mem:app" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
      pool.setMaximumPoolSize(4);
    }
    return JdbcJobStore.builder().dataSource(pool).build();
  }

  @AfterEach
  void closePool() {
    pool.close();
  }

  @Test
  void closing_the_store_leaves_the_applications_pool_open_and_the_jobs_in_it() throws Exception {
    accepted("kept");
    store.close();
    assertFalse(pool.isClosed());
    try (Connection connection = pool.getConnection()) {
      assertTrue(connection.isValid(1));
    }
    store = JdbcJobStore.builder().dataSource(pool).build();
    assertEquals(StoredJob.State.ACCEPTED, store.find("apixo", "kept").orElseThrow().state());
    assertEquals(1, store.list(Set.of(), 10).size());
    assertTrue(store.toString().contains("H2 DataSource"), store.toString());
  }

  @Test
  void a_pool_that_gives_no_connection_is_a_store_error_and_a_schema_is_refused() {
    DataSource broken =
        (DataSource)
            java.lang.reflect.Proxy.newProxyInstance(
                DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                  throw new SQLException("no connection for you");
                });
    JobStoreException refused =
        assertThrows(
            JobStoreException.class, () -> JdbcJobStore.builder().dataSource(broken).build());
    assertTrue(refused.getMessage().contains("no connection for you"), refused.getMessage());
    assertThrows(
        IllegalStateException.class,
        () -> JdbcJobStore.builder().dataSource(pool).schema("jobs").build());
  }
}
