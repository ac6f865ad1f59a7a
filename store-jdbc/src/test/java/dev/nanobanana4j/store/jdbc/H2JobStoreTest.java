package dev.nanobanana4j.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.error.JobStoreException;
import dev.nanobanana4j.core.port.StoredJob;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store: an H2 file, as the command keeps under the user's home. */
class H2JobStoreTest extends JobStoreContract {
  @TempDir Path directory;

  @Override
  void execute(String sql) throws java.sql.SQLException {
    try (java.sql.Connection connection =
            java.sql.DriverManager.getConnection(JdbcJobStore.embeddedUrl(directory));
        java.sql.Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  @Override
  JdbcJobStore open() {
    return JdbcJobStore.open(JdbcJobStore.embeddedUrl(directory));
  }

  @Test
  void jobs_outlive_the_store_that_recorded_them() {
    accepted("kept");
    store.close();
    store = open();
    assertEquals(StoredJob.State.ACCEPTED, store.find("apixo", "kept").orElseThrow().state());
  }

  @Test
  void two_stores_on_one_file_share_it_as_two_processes_would() {
    try (JdbcJobStore other = open()) {
      accepted("shared");
      assertTrue(other.find("apixo", "shared").isPresent());
      assertEquals(1, other.list(Set.of(), 10).size());
    }
  }

  @Test
  void an_h2_store_hears_only_its_own_settlements() {
    assertFalse(store.notifiesAcrossProcesses());
  }

  @Test
  void only_h2_and_postgresql_are_accepted_and_a_password_is_never_shown() {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> JdbcJobStore.builder().url("jdbc:mysql://db/app?password=hunter2"));
    assertFalse(refused.getMessage().contains("hunter2"), refused.getMessage());
    JobStoreException unreachable =
        assertThrows(
            JobStoreException.class,
            () ->
                JdbcJobStore.builder()
                    .url("jdbc:postgresql://127.0.0.1:1/none?password=hunter2")
                    .password("hunter2")
                    .connectTimeout(java.time.Duration.ofMillis(300))
                    .startTimeout(java.time.Duration.ofMillis(600))
                    .build());
    assertFalse(unreachable.getMessage().contains("hunter2"), unreachable.getMessage());
    assertTrue(
        unreachable.getMessage().contains("not reachable for 600 ms"), unreachable.getMessage());
    assertEquals(
        "jdbc:postgresql://127.0.0.1:1/none",
        JdbcJobStore.redacted("jdbc:postgresql://127.0.0.1:1/none?password=hunter2"));
    assertFalse(store.toString().contains("hunter2"));
  }

  @Test
  void the_file_is_shared_with_no_server_and_read_without_being_made() {
    assertFalse(JdbcJobStore.embeddedUrl(directory).toUpperCase().contains("AUTO_SERVER"));
    accepted("kept");
    try (JdbcJobStore reader =
        JdbcJobStore.builder().url(JdbcJobStore.embeddedUrl(directory)).readOnly().build()) {
      assertEquals(1, reader.list(Set.of(), 10).size());
    }
    Path empty = directory.resolve("empty");
    JobStoreException missing =
        assertThrows(
            JobStoreException.class,
            () -> {
              try (JdbcJobStore reader =
                  JdbcJobStore.builder().url(JdbcJobStore.embeddedUrl(empty)).readOnly().build()) {
                reader.list(Set.of(), 10);
              }
            });
    assertFalse(java.nio.file.Files.exists(empty.resolve("jobs.mv.db")), missing.getMessage());
  }
}
