package dev.nanobanana4j.spring.boot;

import com.zaxxer.hikari.HikariDataSource;
import dev.nanobanana4j.core.error.JobStoreException;
import dev.nanobanana4j.core.port.JobStore;
import dev.nanobanana4j.store.jdbc.JdbcJobStore;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;

/**
 * The job store on the application's {@code DataSource} (H2 or PostgreSQL), when
 * nanobanana4j-store-jdbc is present: every job the client submits is recorded before it is sent,
 * and outlives the process. Its tables are Flyway's, with their own history table ({@code
 * nanobanana_schema_history}), apart from the application's, made as {@code
 * nanobanana.store.initialize-schema} says (by default on an embedded database only), after the
 * application's own Flyway or Liquibase. On PostgreSQL the store listens for settled jobs on a
 * connection of its own, apart from the application's pool, when the pool is HikariCP. Off with
 * {@code nanobanana.store.enabled=false}; a database the store cannot run on stops the application
 * with a description and an action ({@link JobStoreFailureAnalyzer}).
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
      "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration"
    })
@ConditionalOnClass({JdbcJobStore.class, DataSource.class})
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(
    prefix = "nanobanana.store",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
public class NanoBananaJobStoreAutoConfiguration {
  /** The store; closing it leaves the application's pool open. */
  @Bean
  @ConditionalOnMissingBean(JobStore.class)
  @DependsOnDatabaseInitialization
  public JdbcJobStore nanoBananaJobStore(DataSource dataSource, NanoBananaProperties properties) {
    JdbcJobStore.Builder builder =
        JdbcJobStore.builder()
            .dataSource(dataSource)
            .migrate(migrates(properties.getStore().getInitializeSchema(), dataSource));
    HikariDataSource hikari = hikari(dataSource);
    if (hikari != null && hikari.getJdbcUrl() != null) {
      builder
          .listenOn(hikari.getJdbcUrl())
          .user(hikari.getUsername())
          .password(hikari.getPassword());
    }
    return builder.build();
  }

  /** Whether the store makes its tables on {@code dataSource}. */
  static boolean migrates(NanoBananaProperties.Store.InitializeSchema mode, DataSource dataSource) {
    return switch (mode) {
      case ALWAYS -> true;
      case NEVER -> false;
      case EMBEDDED -> embedded(dataSource);
    };
  }

  /** Whether {@code dataSource} is an embedded database: H2 in the process, not over TCP. */
  static boolean embedded(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      String url = connection.getMetaData().getURL();
      return "H2".equals(connection.getMetaData().getDatabaseProductName())
          && url != null
          && !url.startsWith("jdbc:h2:tcp:")
          && !url.startsWith("jdbc:h2:ssl:");
    } catch (SQLException e) {
      throw new JobStoreException(null, "cannot open the job store on the DataSource: " + e, e);
    }
  }

  private static HikariDataSource hikari(DataSource dataSource) {
    if (dataSource instanceof HikariDataSource hikari) {
      return hikari;
    }
    try {
      return dataSource.isWrapperFor(HikariDataSource.class)
          ? dataSource.unwrap(HikariDataSource.class)
          : null;
    } catch (SQLException e) {
      return null;
    }
  }
}
