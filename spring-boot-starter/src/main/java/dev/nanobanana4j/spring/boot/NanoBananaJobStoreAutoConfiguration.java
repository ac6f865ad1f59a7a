package dev.nanobanana4j.spring.boot;

import dev.nanobanana4j.core.port.JobStore;
import dev.nanobanana4j.store.jdbc.JdbcJobStore;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The job store on the application's {@code DataSource} (H2 or PostgreSQL), when
 * nanobanana4j-store-jdbc is present: every job the client submits is recorded before it is sent,
 * and outlives the process. Its tables are Flyway's, with their own history table ({@code
 * nanobanana_schema_history}), apart from the application's. Off with {@code
 * nanobanana.store.enabled=false}.
 */
@AutoConfiguration(
    afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
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
  public JdbcJobStore nanoBananaJobStore(DataSource dataSource) {
    return JdbcJobStore.builder().dataSource(dataSource).build();
  }
}
