package dev.nanobanana4j.spring.boot;

import dev.nanobanana4j.core.error.JobStoreException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a job store that cannot start into Boot's description and action: a database other than H2
 * or PostgreSQL, tables the store was told not to make, a database it cannot reach.
 */
public class JobStoreFailureAnalyzer extends AbstractFailureAnalyzer<JobStoreException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, JobStoreException cause) {
    String message = String.valueOf(cause.getMessage());
    String action;
    if (message.contains("runs on H2 or PostgreSQL")) {
      action =
          "Keep the jobs on H2 or PostgreSQL: define the job store's own bean"
              + " (JdbcJobStore.builder().url(...)) on one of them, or turn the store off with"
              + " nanobanana.store.enabled=false.";
    } else if (message.contains("tables are not in")) {
      action =
          "Let the store make its tables with nanobanana.store.initialize-schema=always, or run"
              + " its migrations (classpath:dev/nanobanana4j/store/jdbc/migration) with the"
              + " application's own Flyway; or turn the store off with"
              + " nanobanana.store.enabled=false.";
    } else {
      action =
          "Check that the application's DataSource reaches its database, or turn the job store"
              + " off with nanobanana.store.enabled=false.";
    }
    return new FailureAnalysis(
        "The nanobanana4j job store could not start: " + message, action, cause);
  }
}
