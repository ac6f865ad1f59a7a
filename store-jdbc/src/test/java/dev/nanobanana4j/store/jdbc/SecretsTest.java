package dev.nanobanana4j.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.application.waiting.AwaitOptions;
import dev.nanobanana4j.core.application.waiting.PollingPolicy;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.testkit.Simulator;
import dev.nanobanana4j.testkit.TaskScript;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing secret reaches the store: the whole database, dumped, holds no API key. */
class SecretsTest {
  @Test
  void the_api_key_is_nowhere_in_the_store(@TempDir Path directory) throws Exception {
    String url = JdbcJobStore.embeddedUrl(directory);
    try (Simulator simulator =
            Simulator.builder()
                .defaultScript(TaskScript.succeed(Duration.ZERO, Duration.ofMillis(100)))
                .start();
        JdbcJobStore store = JdbcJobStore.open(url);
        NanoBananaClient client =
            NanoBananaClient.builder()
                .provider("apixo", simulator.config("apixo"))
                .pollingPolicy(PollingPolicy.fixed(Duration.ofMillis(20), Duration.ofMillis(20)))
                .jobStore(store)
                .build()) {
      JobHandle handle =
          client
              .submit("apixo", ImageRequest.builder().prompt("a fox").build())
              .get(20, TimeUnit.SECONDS);
      assertInstanceOf(
          JobStatus.Succeeded.class,
          client
              .await(handle, AwaitOptions.timeout(Duration.ofSeconds(20)))
              .get(20, TimeUnit.SECONDS));
      String key = simulator.apiKey("apixo");
      StringBuilder dump = new StringBuilder();
      try (Connection connection = DriverManager.getConnection(url);
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SCRIPT")) {
        while (rows.next()) {
          dump.append(rows.getString(1)).append('\n');
        }
      }
      assertTrue(dump.toString().contains(handle.taskId()), "the dump holds the job");
      assertFalse(dump.toString().contains(key), "the dump holds no key");
    }
  }
}
