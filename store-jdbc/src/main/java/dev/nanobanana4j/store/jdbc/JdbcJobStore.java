package dev.nanobanana4j.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.nanobanana4j.core.domain.FailureReason;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.Money;
import dev.nanobanana4j.core.error.JobStoreException;
import dev.nanobanana4j.core.port.BudgetLedger;
import dev.nanobanana4j.core.port.JobStore;
import dev.nanobanana4j.core.port.StoredJob;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Core's {@link JobStore} on JDBC: an embedded H2 file for one machine, PostgreSQL for a fleet. The
 * schema is Flyway's to keep (its history in table {@code nanobanana_schema_history}, apart from an
 * application's own); connections come from a HikariCP pool the store opens, or from the
 * application's own {@link Builder#dataSource DataSource}.
 *
 * <pre>{@code
 * try (JdbcJobStore store = JdbcJobStore.builder()
 *         .url("jdbc:postgresql://db.internal:5432/app")
 *         .user("app").password(System.getenv("DB_PASSWORD"))
 *         .build();
 *     NanoBananaClient client = NanoBananaClient.builder()
 *         .provider("apixo", config)
 *         .jobStore(store)
 *         .fleet(FleetOptions.defaults().withInstanceId("web-1"))
 *         .build()) {
 *   ...
 * }
 * }</pre>
 *
 * <p>Every settlement is one transaction that locks the job's row and changes it only while the job
 * is in flight, so a job settles once however many instances see it end; on PostgreSQL the same
 * transaction sends {@code NOTIFY}, and every instance's listener hears it. Leases are plain
 * columns changed by conditional updates (on PostgreSQL, orphans are taken with {@code FOR UPDATE
 * SKIP LOCKED}). Times compare the clients' clocks, which a fleet keeps in step.
 *
 * <p>Safe for concurrent use. The password never appears in messages or {@link #toString()}.
 */
public final class JdbcJobStore implements JobStore, BudgetLedger {
  private static final System.Logger LOG = System.getLogger(JdbcJobStore.class.getName());

  static final String IN_FLIGHT = "('ACCEPTED', 'QUEUED', 'RUNNING')";
  private static final String COLUMNS =
      "id, provider_id, task_id, token, state, prompt, summary, estimate_amount,"
          + " estimate_currency, created_at, updated_at, settled_at, failure_reason, vendor_code,"
          + " message, lease_owner, lease_until";

  private final DataSource pool;
  private final HikariDataSource owned;
  private final String description;
  private final boolean postgres;
  private final String channel;
  private final String processNonce = java.util.UUID.randomUUID().toString();
  private final List<BiConsumer<String, String>> listeners = new CopyOnWriteArrayList<>();
  private final PgListener pgListener;

  private JdbcJobStore(Builder b) {
    if (b.dataSource != null) {
      // The application's pool: used, never closed.
      this.owned = null;
      this.pool = b.dataSource;
      String product = product(b.dataSource);
      this.postgres = product.equals("PostgreSQL");
      this.description = product + " DataSource" + (b.schema == null ? "" : " schema " + b.schema);
    } else {
      this.postgres = b.url.startsWith("jdbc:postgresql:");
      this.description = redacted(b.url) + (b.schema == null ? "" : " schema " + b.schema);
      if (b.url.startsWith("jdbc:h2:file:") && b.schema == null) {
        // An embedded file, shared by the processes of one machine: each holds it only while it
        // uses it, with no server and no listening port of any kind.
        this.owned = null;
        this.pool =
            new DriverConnections(
                b.readOnly ? withIfExists(b.url) : b.url,
                b.driverProperties(),
                b.connectTimeoutMillis);
      } else {
        this.owned = openPool(b, description);
        this.pool = owned;
      }
    }
    try {
      if (!b.readOnly && b.migrate) {
        migrate(pool, b.schema, b.startTimeoutMillis, description);
      } else if (!b.readOnly) {
        requireTables(pool, description);
      }
      this.channel = channel(b.schema);
      String listenUrl = b.url != null ? b.url : b.listenUrl;
      this.pgListener =
          postgres && !b.readOnly
              ? new PgListener(
                  listenUrl == null
                      ? pool // an application's pool whose URL is not known: one of its connections
                      : new DriverConnections(
                          listenUrl, b.driverProperties(listenUrl), b.connectTimeoutMillis),
                  channel,
                  this::heard)
              : null;
    } catch (RuntimeException e) {
      if (owned != null) {
        owned.close();
      }
      throw e instanceof JobStoreException
          ? e
          : new JobStoreException(
              null, "cannot prepare the job store at " + description + ": " + e, e);
    }
  }

  /** Fails typed when the store's tables are not there: made by nobody, as the store was told. */
  private static void requireTables(DataSource dataSource, String description) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement probe =
            connection.prepareStatement("SELECT COUNT(*) FROM nb_jobs WHERE 1 = 0")) {
      probe.executeQuery().close();
    } catch (SQLException e) {
      throw new JobStoreException(
          null,
          "the job store's tables are not in "
              + description
              + ", and the store was told not to make them (it makes them only when asked to"
              + " migrate; its Flyway migrations are classpath:dev/nanobanana4j/store/jdbc/migration): "
              + e.getMessage(),
          e);
    }
  }

  /** The pool the store opens: HikariCP, with every connection's timeouts set. */
  private static HikariDataSource openPool(Builder b, String description) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(b.url);
    config.setDataSourceProperties(b.driverProperties());
    if (b.schema != null) {
      config.setSchema(b.schema);
    }
    config.setMaximumPoolSize(b.maxPoolSize);
    config.setMinimumIdle(1);
    config.setPoolName("nanobanana-jobs");
    config.setConnectionTimeout(b.connectTimeoutMillis);
    config.setValidationTimeout(Math.min(b.connectTimeoutMillis, 5_000));
    // The pool starts even when the database is away; the first calls wait for it, bounded.
    config.setInitializationFailTimeout(-1);
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new JobStoreException(
          null, "cannot open the job store at " + description + ": " + e, e);
    }
  }

  /** An H2 URL that opens the file only where it exists: a read makes nothing. */
  private static String withIfExists(String url) {
    return url.toUpperCase(java.util.Locale.ROOT).contains(";IFEXISTS=")
        ? url
        : url + ";IFEXISTS=TRUE";
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A store at {@code url}, with no user or password (an H2 file, or a trusted PostgreSQL). */
  public static JdbcJobStore open(String url) {
    return builder().url(url).build();
  }

  /**
   * The URL of an embedded H2 store in {@code directory} (file {@code jobs.mv.db}), which several
   * processes on one machine share without a server: each holds the file only while it reads or
   * writes, and waits its turn (at most {@link Builder#connectTimeout}) when another has it.
   */
  public static String embeddedUrl(Path directory) {
    return "jdbc:h2:file:"
        + directory.toAbsolutePath().resolve("jobs").toString().replace('\\', '/');
  }

  /** Whether this store tells other processes when jobs settle (PostgreSQL). */
  /** The database behind {@code dataSource}: H2 or PostgreSQL, or a {@link JobStoreException}. */
  private static String product(DataSource dataSource) {
    String product;
    try (Connection connection = dataSource.getConnection()) {
      product = connection.getMetaData().getDatabaseProductName();
    } catch (java.sql.SQLException | RuntimeException e) {
      throw new JobStoreException(null, "cannot open the job store on the DataSource: " + e, e);
    }
    if (!"H2".equals(product) && !"PostgreSQL".equals(product)) {
      throw new JobStoreException(
          null, "the job store runs on H2 or PostgreSQL, and the DataSource is " + product, null);
    }
    return product;
  }

  @Override
  public boolean notifiesAcrossProcesses() {
    return postgres;
  }

  /**
   * Makes or updates the tables. A database that cannot be reached yet (restarting, starting up) is
   * tried again with a growing pause for at most {@code boundMillis}; then, or at once for any
   * other failure, the store fails typed, naming the database without credentials.
   */
  private static void migrate(
      DataSource dataSource, String schema, long boundMillis, String description) {
    var configure =
        Flyway.configure(JdbcJobStore.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:dev/nanobanana4j/store/jdbc/migration")
            .table("nanobanana_schema_history")
            .baselineOnMigrate(true)
            .baselineVersion("0");
    if (schema != null) {
      configure = configure.schemas(schema).defaultSchema(schema).createSchemas(true);
    }
    Flyway flyway = configure.load();
    long deadline =
        System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(boundMillis);
    long pause = 250;
    while (true) {
      try {
        flyway.migrate();
        return;
      } catch (RuntimeException e) {
        if (!unreachable(e) || System.nanoTime() - deadline > 0) {
          throw new JobStoreException(
              null,
              "cannot prepare the job store at "
                  + description
                  + (unreachable(e) ? " (not reachable for " + boundMillis + " ms)" : "")
                  + ": "
                  + e.getMessage(),
              e);
        }
        LOG.log(
            System.Logger.Level.WARNING,
            "the job store at {0} is not reachable yet; trying again in {1} ms",
            description,
            pause);
        java.util.concurrent.locks.LockSupport.parkNanos(
            java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(pause));
        if (Thread.currentThread().isInterrupted()) {
          throw new JobStoreException(null, "interrupted opening the job store", e);
        }
        pause = Math.min(pause * 2, 5_000);
      }
    }
  }

  /**
   * Whether {@code e} says the database cannot be reached now (connection refused or lost, the
   * server starting or shutting down, an H2 file another process holds), as opposed to a mistake.
   */
  static boolean unreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException || t instanceof java.net.SocketTimeoutException) {
        return true;
      }
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState();
        if (DriverConnections.inUse(sql)
            || (state != null
                && (state.startsWith("08")
                    || state.equals("57P01")
                    || state.equals("57P02")
                    || state.equals("57P03")
                    || state.startsWith("53")))) {
          return true;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static String channel(String schema) {
    String base = "nanobanana_jobs" + (schema == null ? "" : "_" + schema);
    return base.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
  }

  /** The URL without its query or parameters, which may carry a password. */
  static String redacted(String url) {
    int cut = url.length();
    for (char c : new char[] {'?', ';'}) {
      int at = url.indexOf(c);
      if (at >= 0 && at < cut) {
        cut = at;
      }
    }
    String base = url.substring(0, cut);
    int at = base.indexOf('@');
    return at < 0 ? base : "jdbc:" + base.substring(at + 1);
  }

  // ---------------------------------------------------------------------------------------------
  // Submissions

  @Override
  public void submitting(Submission s) {
    update(
        "INSERT INTO nb_jobs (id, provider_id, state, prompt, summary, estimate_amount,"
            + " estimate_currency, reservation_id, created_at, updated_at, reference, model)"
            + " VALUES (?, ?, 'SUBMITTING', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        s.id(),
        s.providerId(),
        cut(s.prompt(), StoredJob.MAX_PROMPT),
        cut(s.summary(), 500),
        s.estimate().map(Money::amount).orElse(null),
        s.estimate().map(m -> m.currency().getCurrencyCode()).orElse(null),
        s.reservationId().orElse(null),
        s.at().toEpochMilli(),
        s.at().toEpochMilli(),
        s.reference().orElse(null),
        s.model().map(m -> cut(m, 100)).orElse(null));
  }

  /** A submission still waiting for its answer: never answered, or swept for want of one. */
  private static final String UNANSWERED =
      "(state = 'SUBMITTING' OR (state = 'OUTCOME_UNKNOWN' AND task_id IS NULL))";

  @Override
  public void accepted(String id, JobHandle handle, Instant at) {
    int updated =
        update(
            "UPDATE nb_jobs SET task_id = ?, token = ?, state = 'ACCEPTED', updated_at = ?,"
                + " settled_at = NULL, message = NULL WHERE id = ? AND "
                + UNANSWERED,
            handle.taskId(),
            handle.toToken(),
            at.toEpochMilli(),
            id);
    if (updated == 1) {
      reused(id, handle);
    }
  }

  /** Logs a task id the vendor gave to an earlier job as well: each is kept as its own job. */
  private void reused(String id, JobHandle handle) {
    int others =
        call(
            connection -> {
              try (PreparedStatement count =
                  connection.prepareStatement(
                      "SELECT COUNT(*) FROM nb_jobs WHERE provider_id = ? AND task_id = ? AND id"
                          + " <> ?")) {
                bind(count, handle.providerId(), handle.taskId(), id);
                try (ResultSet rows = count.executeQuery()) {
                  rows.next();
                  return rows.getInt(1);
                }
              }
            });
    if (others > 0) {
      LOG.log(
          System.Logger.Level.WARNING,
          "vendor anomaly: {0} answered submission {1} with task id {2}, which it gave to {3}"
              + " earlier job(s) in this store; each is kept and followed as its own job",
          handle.providerId(),
          id,
          handle.taskId(),
          others);
    }
  }

  @Override
  public void notAccepted(String id, StoredJob.State state, String message, Instant at) {
    if (state != StoredJob.State.REFUSED && state != StoredJob.State.OUTCOME_UNKNOWN) {
      throw new IllegalArgumentException("not an answer: " + state);
    }
    inTransaction(
        connection -> {
          String reservation;
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT reservation_id FROM nb_jobs WHERE id = ? AND "
                      + UNANSWERED
                      + " FOR UPDATE")) {
            bind(select, id);
            try (ResultSet rows = select.executeQuery()) {
              if (!rows.next()) {
                return null; // answered already
              }
              reservation = rows.getString(1);
            }
          }
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE nb_jobs SET state = ?, message = ?, updated_at = ?, settled_at = ?"
                      + " WHERE id = ?")) {
            bind(
                update, state.name(), cut(message, 1000), at.toEpochMilli(), at.toEpochMilli(), id);
            update.executeUpdate();
          }
          if (reservation != null) {
            book(
                connection,
                reservation,
                state == StoredJob.State.REFUSED ? Booking.RELEASE : Booking.PRESUME);
          }
          return null;
        },
        ignored -> {});
  }

  @Override
  public List<StoredJob> sweepUnanswered(Instant before, Instant at) {
    String message =
        "no answer to this submission was recorded (the process that sent it stopped, or the"
            + " store lost its write): the vendor may have taken it";
    return inTransaction(
        connection -> {
          List<StoredJob> swept = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + ", reservation_id FROM nb_jobs WHERE state = 'SUBMITTING' AND created_at <"
                      + " ? ORDER BY created_at LIMIT 500 FOR UPDATE"
                      + (postgres ? " SKIP LOCKED" : ""))) {
            bind(select, before.toEpochMilli());
            List<String> reservations = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                swept.add(row(rows, List.of()));
                reservations.add(rows.getString("reservation_id"));
              }
            }
            for (int i = 0; i < swept.size(); i++) {
              try (PreparedStatement update =
                  connection.prepareStatement(
                      "UPDATE nb_jobs SET state = 'OUTCOME_UNKNOWN', message = ?, updated_at = ?,"
                          + " settled_at = ? WHERE id = ? AND state = 'SUBMITTING'")) {
                bind(update, message, at.toEpochMilli(), at.toEpochMilli(), swept.get(i).id());
                update.executeUpdate();
              }
              if (reservations.get(i) != null) {
                book(connection, reservations.get(i), Booking.PRESUME);
              }
            }
          }
          releaseUnrecorded(connection, before);
          return swept;
        },
        ignored -> {});
  }

  /**
   * Releases the reservations held since before {@code before} that no job names: each was taken
   * while its caller had given up waiting for the database (the commit landed after the timeout),
   * so its submission was refused and nothing was sent.
   */
  private static void releaseUnrecorded(Connection connection, Instant before) throws SQLException {
    List<String> unrecorded = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT r.id FROM nb_reservations r WHERE r.state = 'HELD' AND r.created_at < ? AND"
                + " NOT EXISTS (SELECT 1 FROM nb_jobs j WHERE j.reservation_id = r.id) LIMIT"
                + " 500")) {
      bind(select, before.toEpochMilli());
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          unrecorded.add(rows.getString(1));
        }
      }
    }
    for (String id : unrecorded) {
      LOG.log(
          System.Logger.Level.WARNING,
          "reservation {0} names no job: its submission was refused unsent; released",
          id);
      book(connection, id, Booking.RELEASE);
    }
  }

  @Override
  public boolean resolve(String id, Optional<JobHandle> handle, String message, Instant at) {
    return inTransaction(
        connection -> {
          String reservation;
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT reservation_id FROM nb_jobs WHERE id = ? AND state = 'OUTCOME_UNKNOWN'"
                      + " FOR UPDATE")) {
            bind(select, id);
            try (ResultSet rows = select.executeQuery()) {
              if (!rows.next()) {
                return false;
              }
              reservation = rows.getString(1);
            }
          }
          if (handle.isPresent()) {
            JobHandle job = handle.get().withAttribute(JobHandle.SUBMISSION, id);
            try (PreparedStatement update =
                connection.prepareStatement(
                    "UPDATE nb_jobs SET task_id = ?, token = ?, state = 'ACCEPTED', message = ?,"
                        + " updated_at = ?, settled_at = NULL, lease_owner = NULL, lease_until ="
                        + " NULL WHERE id = ?")) {
              bind(update, job.taskId(), job.toToken(), cut(message, 1000), at.toEpochMilli(), id);
              update.executeUpdate();
            }
          } else {
            try (PreparedStatement update =
                connection.prepareStatement(
                    "UPDATE nb_jobs SET state = 'REFUSED', message = ?, updated_at = ?, settled_at"
                        + " = ? WHERE id = ?")) {
              bind(update, cut(message, 1000), at.toEpochMilli(), at.toEpochMilli(), id);
              update.executeUpdate();
            }
            if (reservation != null) {
              book(connection, reservation, Booking.RELEASE);
            }
          }
          return true;
        },
        ignored -> {});
  }

  @Override
  public void track(JobHandle handle, Instant at) {
    if (find(handle).isPresent()) {
      return;
    }
    try {
      update(
          "INSERT INTO nb_jobs (id, provider_id, task_id, token, state, prompt, summary,"
              + " created_at, updated_at) VALUES (?, ?, ?, ?, 'ACCEPTED', '', ?, ?, ?)",
          handle.submissionId().orElseGet(() -> java.util.UUID.randomUUID().toString()),
          handle.providerId(),
          handle.taskId(),
          handle.toToken(),
          "resumed from its token",
          handle.submittedAt().toEpochMilli(),
          at.toEpochMilli());
    } catch (JobStoreException e) {
      if (!(e.getCause() instanceof SQLException sql && isDuplicate(sql))) {
        throw e;
      }
      // Recorded by another instance in the meantime.
    }
  }

  private static boolean isDuplicate(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  @Override
  public void progressed(JobHandle handle, JobStatus status, Instant at) {
    if (status.isTerminal()) {
      throw new IllegalArgumentException("a terminal status settles the job: " + status);
    }
    String state = StoredJob.State.of(status).name();
    Target target = target(handle);
    update(
        "UPDATE nb_jobs SET state = ?, updated_at = ? WHERE "
            + target.where
            + " AND state IN "
            + IN_FLIGHT
            + " AND state <> ?",
        target.with(new Object[] {state, at.toEpochMilli()}, state));
  }

  // ---------------------------------------------------------------------------------------------
  // Settling

  @Override
  public boolean settle(JobHandle handle, JobStatus status, String by, Instant at) {
    if (!status.isTerminal()) {
      throw new IllegalArgumentException("not a terminal status: " + status);
    }
    JobStatus.Failed failed = status instanceof JobStatus.Failed f ? f : null;
    // What the vendor says it charged (or its usage makes computable): a plain, bounded amount.
    Optional<Money> charged =
        status instanceof JobStatus.Succeeded s
            ? s.report()
                .charged()
                .filter(m -> m.amount().signum() >= 0 && m.amount().precision() <= 20)
            : Optional.empty();
    Object[] values = {
      StoredJob.State.of(status).name(),
      at.toEpochMilli(),
      at.toEpochMilli(),
      cut(by, 100),
      failed == null ? null : failed.reason().name(),
      failed == null ? null : failed.vendorCode().map(code -> cut(code, 128)).orElse(null),
      failed == null ? null : cut(failed.message(), 1000),
      charged.map(m -> m.amount().setScale(8, java.math.RoundingMode.HALF_UP)).orElse(null),
      charged.map(m -> m.currency().getCurrencyCode()).orElse(null)
    };
    String set =
        "UPDATE nb_jobs SET state = ?, updated_at = ?, settled_at = ?, settled_by = ?,"
            + " failure_reason = ?, vendor_code = ?, message = ?, charged_amount = ?,"
            + " charged_currency = ?, lease_owner = NULL, lease_until = NULL";
    Target target = target(handle);
    return inTransaction(
        connection -> {
          String id;
          String reservation;
          if (postgres) {
            // One round trip: the row is locked, changed only while in flight, and the fleet told.
            try (PreparedStatement update =
                connection.prepareStatement(
                    "WITH settled AS ("
                        + set
                        + " WHERE "
                        + target.where
                        + " AND state IN "
                        + IN_FLIGHT
                        + " RETURNING id, reservation_id) SELECT id, reservation_id, pg_notify(?, ?)"
                        + " FROM settled")) {
              bind(update, target.with(values, channel, payload(handle)));
              try (ResultSet rows = update.executeQuery()) {
                if (!rows.next()) {
                  return false; // settled already, or unknown here
                }
                id = rows.getString(1);
                reservation = rows.getString(2);
              }
            }
          } else {
            try (PreparedStatement select =
                connection.prepareStatement(
                    "SELECT id, reservation_id FROM nb_jobs WHERE "
                        + target.where
                        + " AND state IN "
                        + IN_FLIGHT
                        + " FOR UPDATE")) {
              bind(select, target.parameters);
              try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                  return false; // settled already, or unknown here
                }
                id = rows.getString(1);
                reservation = rows.getString(2);
              }
            }
            try (PreparedStatement update = connection.prepareStatement(set + " WHERE id = ?")) {
              bind(update, values);
              bindFrom(update, values.length + 1, id);
              update.executeUpdate();
            }
          }
          if (status instanceof JobStatus.Succeeded succeeded) {
            insertImages(connection, id, succeeded.images());
          }
          if (reservation != null) {
            book(
                connection,
                reservation,
                status instanceof JobStatus.Succeeded ? Booking.COMMIT : Booking.RELEASE);
          }
          return true;
        },
        settled -> {
          if (settled) {
            tellListeners(handle.providerId(), handle.taskId());
          }
        });
  }

  private static void insertImages(Connection connection, String id, List<GeneratedImage> images)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO nb_job_images (job_id, position, url, media_type, width, height,"
                + " expires_at, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      int position = 0;
      for (GeneratedImage image : images) {
        bind(
            insert,
            id,
            position++,
            image.url().map(URI::toString).map(url -> cut(url, 4096)).orElse(null),
            image.mediaType().map(type -> cut(type, 100)).orElse(null),
            image.width().isPresent() ? image.width().getAsInt() : null,
            image.height().isPresent() ? image.height().getAsInt() : null,
            image.expiresAt().map(Instant::toEpochMilli).orElse(null),
            image.storedAt().map(URI::toString).map(url -> cut(url, 4096)).orElse(null));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** The payload of a NOTIFY: who settled, and which job; at most 8000 bytes as PostgreSQL asks. */
  private String payload(JobHandle handle) {
    return processNonce + '\n' + handle.providerId() + '\n' + handle.taskId();
  }

  /** A NOTIFY heard: jobs settled by this process were told already. */
  private void heard(String payload) {
    String[] parts = payload.split("\n", 3);
    if (parts.length == 3 && !parts[0].equals(processNonce)) {
      tellListeners(parts[1], parts[2]);
    }
  }

  private void tellListeners(String providerId, String taskId) {
    for (BiConsumer<String, String> listener : listeners) {
      try {
        listener.accept(providerId, taskId);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "a listener of settled jobs failed", e);
      }
    }
  }

  @Override
  public AutoCloseable subscribe(BiConsumer<String, String> settled) {
    Objects.requireNonNull(settled, "settled == null");
    listeners.add(settled);
    return () -> listeners.remove(settled);
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  @Override
  public Optional<StoredJob> find(String providerId, String taskId) {
    return newest("task_id", providerId, taskId);
  }

  /** The newest job at {@code providerId} whose {@code column} (a constant) is {@code value}. */
  private Optional<StoredJob> newest(String column, String providerId, String value) {
    return query(
            "SELECT "
                + COLUMNS
                + " FROM nb_jobs WHERE provider_id = ? AND "
                + column
                + " = ? ORDER BY created_at DESC, id DESC LIMIT 1",
            providerId,
            value)
        .stream()
        .findFirst();
  }

  @Override
  public Optional<StoredJob> findByReference(String providerId, String reference) {
    return newest("reference", providerId, reference);
  }

  @Override
  public Optional<StoredJob> get(String id) {
    return query("SELECT " + COLUMNS + " FROM nb_jobs WHERE id = ?", id).stream().findFirst();
  }

  /** The row a handle names, as a condition: its submission, else the newest with its task id. */
  private record Target(String where, Object[] parameters) {
    /** {@code before}, this target's parameters, then {@code after}. */
    Object[] with(Object[] before, Object... after) {
      Object[] all = new Object[before.length + parameters.length + after.length];
      System.arraycopy(before, 0, all, 0, before.length);
      System.arraycopy(parameters, 0, all, before.length, parameters.length);
      System.arraycopy(after, 0, all, before.length + parameters.length, after.length);
      return all;
    }
  }

  private static Target target(JobHandle handle) {
    Optional<String> id = handle.submissionId();
    if (id.isPresent()) {
      return new Target("id = ?", new Object[] {id.get()});
    }
    return new Target(
        "id = (SELECT newest.id FROM nb_jobs newest WHERE newest.provider_id = ? AND"
            + " newest.task_id = ? ORDER BY newest.created_at DESC, newest.id DESC LIMIT 1)",
        new Object[] {handle.providerId(), handle.taskId()});
  }

  @Override
  public List<StoredJob> findAll(String providerId, java.util.Collection<String> taskIds) {
    List<StoredJob> found = new ArrayList<>();
    List<String> all = List.copyOf(taskIds);
    for (int from = 0; from < all.size(); from += 500) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
      Object[] parameters = new Object[chunk.size() + 1];
      parameters[0] = providerId;
      for (int i = 0; i < chunk.size(); i++) {
        parameters[i + 1] = chunk.get(i);
      }
      found.addAll(
          query(
              "SELECT "
                  + COLUMNS
                  + " FROM nb_jobs WHERE provider_id = ? AND task_id IN ("
                  + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"))
                  + ")",
              parameters));
    }
    return found;
  }

  @Override
  public List<StoredJob> list(Set<StoredJob.State> states, int limit) {
    return list(states, null, limit);
  }

  /**
   * A page of the most recent jobs, newest first: at most {@code limit} in any of {@code states}
   * (all when empty) recorded before {@code after} (the last job of the page before; null for the
   * first page). Read through an index, a page at a time, with one query for the page's images.
   */
  public List<StoredJob> list(Set<StoredJob.State> states, StoredJob after, int limit) {
    if (limit < 1) {
      return List.of();
    }
    List<String> where = new ArrayList<>();
    List<Object> parameters = new ArrayList<>();
    if (!states.isEmpty()) {
      where.add(
          "state IN ("
              + states.stream()
                  .map(state -> "'" + state.name() + "'")
                  .collect(Collectors.joining(", "))
              + ")");
    }
    if (after != null) {
      where.add("(created_at < ? OR (created_at = ? AND id < ?))");
      parameters.add(after.createdAt().toEpochMilli());
      parameters.add(after.createdAt().toEpochMilli());
      parameters.add(after.id());
    }
    return query(
        "SELECT "
            + COLUMNS
            + " FROM nb_jobs"
            + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
            + " ORDER BY created_at DESC, id DESC LIMIT "
            + Math.min(limit, 10_000),
        parameters.toArray());
  }

  /**
   * Deletes at most {@code max} jobs that ended (succeeded, failed, cancelled or refused) before
   * {@code endedBefore}, with their images and their settled reservations; outcome-unknown jobs
   * stay until they are resolved. On PostgreSQL one instance of a fleet prunes at a time (the
   * others return 0 meanwhile). Returns how many were deleted.
   */
  @Override
  public long count(Set<StoredJob.State> states) {
    return call(
        connection -> {
          try (PreparedStatement count =
                  connection.prepareStatement(
                      "SELECT COUNT(*) FROM nb_jobs"
                          + (states.isEmpty()
                              ? ""
                              : " WHERE state IN ("
                                  + states.stream()
                                      .map(state -> "'" + state.name() + "'")
                                      .collect(Collectors.joining(", "))
                                  + ")"));
              ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1);
          }
        });
  }

  // ---------------------------------------------------------------------------------------------
  // Instances

  @Override
  public void heartbeat(String instanceId, Set<String> providerIds, Instant now) {
    String providers = cut(String.join(",", new java.util.TreeSet<>(providerIds)), 2000);
    int updated =
        update(
            "UPDATE nb_instances SET providers = ?, seen_at = CASE WHEN seen_at < ? THEN ? ELSE"
                + " seen_at END WHERE id = ?",
            providers,
            now.toEpochMilli(),
            now.toEpochMilli(),
            cut(instanceId, 100));
    if (updated == 0) {
      try {
        update(
            "INSERT INTO nb_instances (id, providers, started_at, seen_at) VALUES (?, ?, ?, ?)",
            cut(instanceId, 100),
            providers,
            now.toEpochMilli(),
            now.toEpochMilli());
      } catch (JobStoreException e) {
        if (!(e.getCause() instanceof SQLException sql && isDuplicate(sql))) {
          throw e;
        }
      }
    }
  }

  @Override
  public void stopped(String instanceId) {
    update("DELETE FROM nb_instances WHERE id = ?", cut(instanceId, 100));
  }

  @Override
  public List<Instance> instances(Instant since) {
    return call(
        connection -> {
          List<Instance> instances = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT id, providers, started_at, seen_at FROM nb_instances WHERE seen_at >= ?"
                      + " ORDER BY seen_at DESC, id LIMIT 1000")) {
            bind(select, since.toEpochMilli());
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                String providers = rows.getString(2);
                instances.add(
                    new Instance(
                        rows.getString(1),
                        providers.isEmpty() ? Set.of() : Set.of(providers.split(",")),
                        Instant.ofEpochMilli(rows.getLong(3)),
                        Instant.ofEpochMilli(rows.getLong(4))));
              }
            }
          }
          return instances;
        });
  }

  /** How {@link #spend} groups the jobs. */
  public enum SpendBy {
    /** By provider id. */
    PROVIDER,
    /** By the model each job was priced on ({@code ""} where unknown). */
    MODEL,
    /** By the UTC day each job was submitted. */
    DAY
  }

  /**
   * What one group of jobs cost, in one currency.
   *
   * @param key the provider id, the model, or the day ({@code 2026-12-07})
   * @param currency the currency of the amounts ({@code ""} for jobs without a price)
   * @param jobs how many jobs the group holds, in any state
   * @param succeeded how many succeeded
   * @param outcomeUnknown how many may have been taken, their outcome unknown (presumed spent)
   * @param estimated the estimates of the jobs that succeeded or whose outcome is unknown
   * @param unpriced how many of those had no estimate (an unknown price)
   * @param charged what the vendors say they charged, where they say
   * @param chargedJobs how many jobs have a charge
   * @param estimatedOfCharged the estimates of the jobs that have a charge: what {@code charged}
   *     compares with
   */
  public record Spend(
      String key,
      String currency,
      long jobs,
      long succeeded,
      long outcomeUnknown,
      java.math.BigDecimal estimated,
      long unpriced,
      java.math.BigDecimal charged,
      long chargedJobs,
      java.math.BigDecimal estimatedOfCharged) {}

  /**
   * The spend of the jobs submitted since {@code since}, grouped {@code by} provider, model or day:
   * one aggregate query, in key order.
   */
  public List<Spend> spend(Instant since, SpendBy by) {
    String key =
        switch (by) {
          case PROVIDER -> "provider_id";
          case MODEL -> "COALESCE(model, '')";
          case DAY -> "created_at / 86400000";
        };
    String spent = "state IN ('SUCCEEDED', 'OUTCOME_UNKNOWN')";
    return call(
        connection -> {
          List<Spend> groups = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  // Grouped over a derived table: H2 takes neither positions nor aliases there.
                  "SELECT k, cur, COUNT(*), SUM(CASE WHEN state = 'SUCCEEDED' THEN 1 ELSE 0 END),"
                      + " SUM(CASE WHEN state = 'OUTCOME_UNKNOWN' THEN 1 ELSE 0 END),"
                      + " SUM(CASE WHEN "
                      + spent
                      + " THEN estimate_amount END), SUM(CASE WHEN "
                      + spent
                      + " AND estimate_amount IS NULL THEN 1 ELSE 0 END), SUM(charged_amount),"
                      + " SUM(CASE WHEN charged_amount IS NOT NULL THEN 1 ELSE 0 END),"
                      + " SUM(CASE WHEN charged_amount IS NOT NULL THEN estimate_amount END)"
                      + " FROM (SELECT "
                      + key
                      + " AS k, COALESCE(estimate_currency, charged_currency, '') AS cur, state,"
                      + " estimate_amount, charged_amount FROM nb_jobs WHERE created_at >= ?) j"
                      + " GROUP BY k, cur ORDER BY k, cur LIMIT 10000")) {
            bind(select, since.toEpochMilli());
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                String name =
                    by == SpendBy.DAY
                        ? java.time.LocalDate.ofEpochDay(rows.getLong(1)).toString()
                        : rows.getString(1);
                groups.add(
                    new Spend(
                        name,
                        rows.getString(2),
                        rows.getLong(3),
                        rows.getLong(4),
                        rows.getLong(5),
                        amount(rows.getBigDecimal(6)),
                        rows.getLong(7),
                        amount(rows.getBigDecimal(8)),
                        rows.getLong(9),
                        amount(rows.getBigDecimal(10))));
              }
            }
          }
          return groups;
        });
  }

  private static java.math.BigDecimal amount(java.math.BigDecimal sum) {
    return sum == null ? java.math.BigDecimal.ZERO : sum.stripTrailingZeros();
  }

  @Override
  public int prune(Instant endedBefore, int max) {
    if (max < 1) {
      return 0;
    }
    return inTransaction(
        connection -> {
          if (postgres) {
            try (PreparedStatement lock =
                connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
              bind(lock, (long) ("nanobanana-prune:" + channel).hashCode());
              try (ResultSet rows = lock.executeQuery()) {
                rows.next();
                if (!rows.getBoolean(1)) {
                  return 0;
                }
              }
            }
          }
          List<String> ids = new ArrayList<>();
          List<String> reservations = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT id, reservation_id FROM nb_jobs WHERE state IN ('SUCCEEDED', 'FAILED',"
                      + " 'CANCELLED', 'REFUSED') AND settled_at < ? ORDER BY settled_at LIMIT "
                      + Math.min(max, 10_000))) {
            bind(select, endedBefore.toEpochMilli());
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                ids.add(rows.getString(1));
                if (rows.getString(2) != null) {
                  reservations.add(rows.getString(2));
                }
              }
            }
          }
          try (PreparedStatement gone =
              connection.prepareStatement("DELETE FROM nb_instances WHERE seen_at < ?")) {
            bind(gone, endedBefore.toEpochMilli());
            gone.executeUpdate();
          }
          int deleted = 0;
          for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            String in = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement images =
                connection.prepareStatement(
                    "DELETE FROM nb_job_images WHERE job_id IN (" + in + ")")) {
              bind(images, chunk.toArray());
              images.executeUpdate();
            }
            try (PreparedStatement jobs =
                connection.prepareStatement("DELETE FROM nb_jobs WHERE id IN (" + in + ")")) {
              bind(jobs, chunk.toArray());
              deleted += jobs.executeUpdate();
            }
          }
          for (int from = 0; from < reservations.size(); from += 500) {
            List<String> chunk =
                reservations.subList(from, Math.min(reservations.size(), from + 500));
            try (PreparedStatement booked =
                connection.prepareStatement(
                    "DELETE FROM nb_reservations WHERE state IN ('COMMITTED', 'RELEASED') AND id IN ("
                        + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"))
                        + ")")) {
              bind(booked, chunk.toArray());
              booked.executeUpdate();
            }
          }
          return deleted;
        },
        ignored -> {});
  }

  private List<StoredJob> query(String sql, Object... parameters) {
    return call(
        connection -> {
          List<StoredJob> jobs = new ArrayList<>();
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
              while (rows.next()) {
                jobs.add(row(rows, List.of()));
              }
            }
          }
          return withImages(connection, jobs);
        });
  }

  /** {@code jobs}, each succeeded one with its images: one query for up to 500 jobs. */
  private static List<StoredJob> withImages(Connection connection, List<StoredJob> jobs)
      throws SQLException {
    List<String> succeeded = new ArrayList<>();
    for (StoredJob job : jobs) {
      if (job.state() == StoredJob.State.SUCCEEDED) {
        succeeded.add(job.id());
      }
    }
    if (succeeded.isEmpty()) {
      return jobs;
    }
    java.util.Map<String, List<GeneratedImage>> images = new java.util.HashMap<>();
    for (int from = 0; from < succeeded.size(); from += 500) {
      List<String> chunk = succeeded.subList(from, Math.min(succeeded.size(), from + 500));
      images.putAll(images(connection, chunk));
    }
    List<StoredJob> withImages = new ArrayList<>(jobs.size());
    for (StoredJob job : jobs) {
      List<GeneratedImage> kept = images.get(job.id());
      withImages.add(kept == null ? job : withImages(job, kept));
    }
    return withImages;
  }

  private static java.util.Map<String, List<GeneratedImage>> images(
      Connection connection, List<String> ids) throws SQLException {
    java.util.Map<String, List<GeneratedImage>> images = new java.util.HashMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT job_id, url, media_type, width, height, expires_at, stored_at FROM"
                + " nb_job_images WHERE job_id IN ("
                + String.join(", ", java.util.Collections.nCopies(ids.size(), "?"))
                + ") ORDER BY job_id, position")) {
      bind(statement, ids.toArray());
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          String url = rows.getString(2);
          if (url == null) {
            continue; // an image that came as bytes: not kept
          }
          GeneratedImage image = GeneratedImage.ofUrl(URI.create(url), rows.getString(3));
          int width = rows.getInt(4);
          boolean sized = !rows.wasNull();
          int height = rows.getInt(5);
          if (sized && !rows.wasNull()) {
            image = image.withSize(width, height);
          }
          long expires = rows.getLong(6);
          if (!rows.wasNull()) {
            image = image.withExpiresAt(Instant.ofEpochMilli(expires));
          }
          String storedAt = rows.getString(7);
          if (storedAt != null) {
            image = image.withStoredAt(URI.create(storedAt));
          }
          images.computeIfAbsent(rows.getString(1), id -> new ArrayList<>()).add(image);
        }
      }
    } catch (IllegalArgumentException e) {
      throw new java.sql.SQLDataException(
          "an image in the store breaks the ledger's rules: " + e, "22000");
    }
    return images;
  }

  private static StoredJob withImages(StoredJob job, List<GeneratedImage> images) {
    return new StoredJob(
        job.id(),
        job.providerId(),
        job.taskId(),
        job.token(),
        job.state(),
        job.prompt(),
        job.summary(),
        job.estimate(),
        job.createdAt(),
        job.updatedAt(),
        job.settledAt(),
        images,
        job.failure(),
        job.leaseOwner(),
        job.leaseUntil());
  }

  /**
   * A row read as a job; a row that breaks the ledger's rules (a state or an amount no code of the
   * store writes) is an error, never trusted.
   */
  private static StoredJob row(ResultSet rows, List<GeneratedImage> images) throws SQLException {
    try {
      return rowUnchecked(rows, images);
    } catch (IllegalArgumentException | NullPointerException | java.time.DateTimeException e) {
      throw new java.sql.SQLDataException(
          "job " + rows.getString("id") + " in the store breaks the ledger's rules: " + e, "22000");
    }
  }

  private static StoredJob rowUnchecked(ResultSet rows, List<GeneratedImage> images)
      throws SQLException {
    StoredJob.State state = StoredJob.State.valueOf(rows.getString("state"));
    BigDecimal amount = rows.getBigDecimal("estimate_amount");
    String currency = rows.getString("estimate_currency");
    Optional<Money> estimate =
        amount == null || currency == null
            ? Optional.empty()
            : Optional.of(new Money(amount.stripTrailingZeros(), Currency.getInstance(currency)));
    if (amount != null && amount.signum() < 0) {
      throw new IllegalArgumentException("its estimate is negative");
    }
    Optional<JobStatus.Failed> failure = Optional.empty();
    if (state == StoredJob.State.FAILED) {
      String reason = rows.getString("failure_reason");
      failure =
          Optional.of(
              new JobStatus.Failed(
                  reason == null ? FailureReason.UNKNOWN : failureReason(reason),
                  Optional.ofNullable(rows.getString("vendor_code")),
                  Objects.requireNonNullElse(rows.getString("message"), "failed")));
    }
    return new StoredJob(
        rows.getString("id"),
        rows.getString("provider_id"),
        Optional.ofNullable(rows.getString("task_id")),
        Optional.ofNullable(rows.getString("token")),
        state,
        rows.getString("prompt"),
        rows.getString("summary"),
        estimate,
        Instant.ofEpochMilli(rows.getLong("created_at")),
        Instant.ofEpochMilli(rows.getLong("updated_at")),
        optionalInstant(rows, "settled_at"),
        images,
        failure,
        Optional.ofNullable(rows.getString("lease_owner")),
        optionalInstant(rows, "lease_until"));
  }

  private static FailureReason failureReason(String name) {
    try {
      return FailureReason.valueOf(name);
    } catch (IllegalArgumentException e) {
      return FailureReason.UNKNOWN;
    }
  }

  private static Optional<Instant> optionalInstant(ResultSet rows, String column)
      throws SQLException {
    long millis = rows.getLong(column);
    return rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
  }

  // ---------------------------------------------------------------------------------------------
  // Leases

  @Override
  public boolean claim(JobHandle handle, String owner, Instant now, Instant until) {
    Target target = target(handle);
    return update(
            "UPDATE nb_jobs SET lease_owner = ?, lease_until = ? WHERE "
                + target.where
                + " AND state IN "
                + IN_FLIGHT
                + " AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ?)",
            target.with(new Object[] {owner, until.toEpochMilli()}, owner, now.toEpochMilli()))
        == 1;
  }

  @Override
  public List<StoredJob> claimOrphans(
      String owner, Set<String> providerIds, Instant now, Instant until, int max) {
    if (max < 1 || providerIds.isEmpty()) {
      return List.of();
    }
    // Provider ids are the installed factories' own: letters, digits and dashes, checked here.
    for (String id : providerIds) {
      if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
        throw new IllegalArgumentException("not a provider id: " + id);
      }
    }
    String free =
        "state IN "
            + IN_FLIGHT
            + " AND provider_id IN ("
            + providerIds.stream()
                .sorted()
                .map(id -> "'" + id + "'")
                .collect(Collectors.joining(", "))
            + ") AND (lease_owner IS NULL OR lease_until < ?)";
    if (postgres) {
      // One statement: rows another instance is claiming right now are skipped, not waited for.
      return call(
          connection -> {
            List<StoredJob> claimed = new ArrayList<>();
            try (PreparedStatement statement =
                connection.prepareStatement(
                    "UPDATE nb_jobs SET lease_owner = ?, lease_until = ? WHERE id IN (SELECT id"
                        + " FROM nb_jobs WHERE "
                        + free
                        + " ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING "
                        + COLUMNS)) {
              bind(statement, owner, until.toEpochMilli(), now.toEpochMilli(), max);
              try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                  claimed.add(row(rows, List.of()));
                }
              }
            }
            return claimed;
          });
    }
    // Elsewhere: the candidates, each taken by a conditional update that only one instance wins.
    List<StoredJob> candidates =
        query(
            "SELECT "
                + COLUMNS
                + " FROM nb_jobs WHERE "
                + free
                + " ORDER BY created_at LIMIT "
                + max,
            now.toEpochMilli());
    List<StoredJob> claimed = new ArrayList<>();
    for (StoredJob job : candidates) {
      int taken =
          update(
              "UPDATE nb_jobs SET lease_owner = ?, lease_until = ? WHERE id = ? AND " + free,
              owner,
              until.toEpochMilli(),
              job.id(),
              now.toEpochMilli());
      if (taken == 1) {
        claimed.add(job);
      }
    }
    return claimed;
  }

  @Override
  public int renew(String owner, Instant until) {
    return update(
        "UPDATE nb_jobs SET lease_until = ? WHERE lease_owner = ? AND state IN " + IN_FLIGHT,
        until.toEpochMilli(),
        owner);
  }

  @Override
  public void release(JobHandle handle, String owner) {
    Target target = target(handle);
    update(
        "UPDATE nb_jobs SET lease_owner = NULL, lease_until = NULL WHERE "
            + target.where
            + " AND lease_owner = ?",
        target.with(new Object[0], owner));
  }

  @Override
  public void releaseAll(String owner) {
    update(
        "UPDATE nb_jobs SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?", owner);
  }

  // ---------------------------------------------------------------------------------------------
  // Budgets

  @Override
  public void define(String name, Money limit) {
    inTransaction(
        connection -> {
          int updated;
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE nb_budgets SET limit_amount = ? WHERE name = ? AND currency = ?")) {
            bind(update, limit.amount(), name, limit.currency().getCurrencyCode());
            updated = update.executeUpdate();
          }
          if (updated == 0) {
            try (PreparedStatement insert =
                connection.prepareStatement(
                    "INSERT INTO nb_budgets (name, currency, limit_amount, reserved, spent) VALUES"
                        + " (?, ?, ?, 0, 0)")) {
              bind(insert, name, limit.currency().getCurrencyCode(), limit.amount());
              insert.executeUpdate();
            }
          }
          return null;
        },
        ignored -> {});
  }

  @Override
  public Optional<String> reserve(String name, Money amount) {
    String id = java.util.UUID.randomUUID().toString();
    boolean taken =
        inTransaction(
            connection -> {
              try (PreparedStatement take =
                  connection.prepareStatement(
                      "UPDATE nb_budgets SET reserved = reserved + ? WHERE name = ? AND currency ="
                          + " ? AND limit_amount - reserved - spent >= ?")) {
                bind(
                    take,
                    amount.amount(),
                    name,
                    amount.currency().getCurrencyCode(),
                    amount.amount());
                if (take.executeUpdate() == 0) {
                  return false;
                }
              }
              try (PreparedStatement insert =
                  connection.prepareStatement(
                      "INSERT INTO nb_reservations (id, budget_name, amount, state, created_at)"
                          + " VALUES (?, ?, ?, 'HELD', ?)")) {
                bind(insert, id, name, amount.amount(), System.currentTimeMillis());
                insert.executeUpdate();
              }
              return true;
            },
            ignored -> {});
    return taken ? Optional.of(id) : Optional.empty();
  }

  @Override
  public void commit(String reservationId) {
    inTransaction(
        connection -> {
          book(connection, reservationId, Booking.COMMIT);
          return null;
        },
        ignored -> {});
  }

  @Override
  public void release(String reservationId) {
    inTransaction(
        connection -> {
          book(connection, reservationId, Booking.RELEASE);
          return null;
        },
        ignored -> {});
  }

  /** What becomes of a reservation. */
  private enum Booking {
    /** The job succeeded: spent. */
    COMMIT,
    /** The job failed, was cancelled or never sent: free again. */
    RELEASE,
    /** The job's outcome is unknown: counted as spent until it is known. */
    PRESUME
  }

  /**
   * Books a reservation: one held is committed, released or presumed spent; one presumed spent is
   * committed (nothing moves) or released (its amount is free again). One committed or released is
   * left as it is.
   */
  private static void book(Connection connection, String id, Booking booking) throws SQLException {
    String budget;
    BigDecimal amount;
    String state;
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT budget_name, amount, state FROM nb_reservations WHERE id = ? AND state IN"
                + " ('HELD', 'PRESUMED') FOR UPDATE")) {
      bind(select, id);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          return;
        }
        budget = rows.getString(1);
        amount = rows.getBigDecimal(2);
        state = rows.getString(3);
      }
    }
    boolean held = state.equals("HELD");
    if (!held && booking == Booking.PRESUME) {
      return;
    }
    String next =
        switch (booking) {
          case COMMIT -> "COMMITTED";
          case RELEASE -> "RELEASED";
          case PRESUME -> "PRESUMED";
        };
    try (PreparedStatement mark =
        connection.prepareStatement("UPDATE nb_reservations SET state = ? WHERE id = ?")) {
      bind(mark, next, id);
      mark.executeUpdate();
    }
    BigDecimal reserved = held ? amount : BigDecimal.ZERO;
    BigDecimal spent =
        held
            ? (booking == Booking.RELEASE ? BigDecimal.ZERO : amount)
            : (booking == Booking.RELEASE ? amount.negate() : BigDecimal.ZERO);
    try (PreparedStatement books =
        connection.prepareStatement(
            "UPDATE nb_budgets SET reserved = reserved - ?, spent = spent + ? WHERE name = ?")) {
      bind(books, reserved, spent, budget);
      books.executeUpdate();
    }
  }

  @Override
  public Money spent(String name) {
    return budgetColumn(name, "spent");
  }

  @Override
  public Money reserved(String name) {
    return budgetColumn(name, "reserved");
  }

  private Money budgetColumn(String name, String column) {
    return call(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT " + column + ", currency FROM nb_budgets WHERE name = ?")) {
            bind(select, name);
            try (ResultSet rows = select.executeQuery()) {
              if (!rows.next()) {
                throw new IllegalArgumentException("no budget named " + name);
              }
              return new Money(
                  rows.getBigDecimal(1).stripTrailingZeros(),
                  Currency.getInstance(rows.getString(2)));
            }
          }
        });
  }

  // ---------------------------------------------------------------------------------------------
  // JDBC

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T call(Work<T> work) {
    try (Connection connection = pool.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private <T> T inTransaction(Work<T> work, java.util.function.Consumer<T> afterCommit) {
    T result =
        call(
            connection -> {
              connection.setAutoCommit(false);
              try {
                T value = work.run(connection);
                connection.commit();
                return value;
              } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
              } finally {
                connection.setAutoCommit(true);
              }
            });
    afterCommit.accept(result);
    return result;
  }

  private int update(String sql, Object... parameters) {
    return call(
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
          }
        });
  }

  private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
    bindFrom(statement, 1, parameters);
  }

  /** Binds {@code parameters} from position {@code first} on. */
  private static void bindFrom(PreparedStatement statement, int first, Object... parameters)
      throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      Object value = parameters[i];
      int at = first + i;
      if (value == null) {
        statement.setNull(at, Types.NULL);
      } else if (value instanceof String text) {
        statement.setString(at, text);
      } else if (value instanceof Long number) {
        statement.setLong(at, number);
      } else if (value instanceof Integer number) {
        statement.setInt(at, number);
      } else if (value instanceof BigDecimal number) {
        statement.setBigDecimal(at, number);
      } else {
        throw new IllegalArgumentException("cannot bind a " + value.getClass());
      }
    }
  }

  private JobStoreException failure(SQLException e) {
    String state = e.getSQLState();
    // Integrity (23), data (22) and syntax (42) errors come back however often the call is made.
    boolean lasting =
        state != null
            && (state.startsWith("23") || state.startsWith("22") || state.startsWith("42"));
    return new JobStoreException(
        null,
        "the job store at " + description + " failed: " + e.getMessage() + " (" + state + ")",
        e,
        lasting);
  }

  private static String cut(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }

  @Override
  public void close() {
    if (pgListener != null) {
      pgListener.close();
    }
    if (owned != null) {
      owned.close();
    }
  }

  @Override
  public String toString() {
    return "JdbcJobStore{" + description + "}";
  }

  /** Builds a {@link JdbcJobStore}. */
  public static final class Builder {
    private String url;
    private DataSource dataSource;
    private String user;
    private String password;
    private String schema;
    private int maxPoolSize = 4;
    private long connectTimeoutMillis = 5_000;
    private long socketTimeoutMillis = 10_000;
    private long statementTimeoutMillis = 5_000;
    private long startTimeoutMillis = 30_000;
    private boolean readOnly;
    private boolean migrate = true;
    private String listenUrl;

    private Builder() {}

    /**
     * What the driver is given with each connection: the user and password, and on PostgreSQL the
     * timeouts (a URL's own parameters win).
     */
    Properties driverProperties() {
      return driverProperties(url);
    }

    Properties driverProperties(String url) {
      Properties properties = new Properties();
      if (user != null) {
        properties.setProperty("user", user);
      }
      if (password != null) {
        properties.setProperty("password", password);
      }
      if (url != null && url.startsWith("jdbc:postgresql:")) {
        properties.setProperty("connectTimeout", String.valueOf(seconds(connectTimeoutMillis)));
        properties.setProperty("socketTimeout", String.valueOf(seconds(socketTimeoutMillis)));
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("options", "-c statement_timeout=" + statementTimeoutMillis);
        properties.setProperty("ApplicationName", "nanobanana4j");
      }
      return properties;
    }

    private static long seconds(long millis) {
      return Math.max(1, (millis + 999) / 1000);
    }

    /** The JDBC URL: {@code jdbc:h2:file:...} or {@code jdbc:postgresql://...}. Required. */
    public Builder url(String url) {
      Objects.requireNonNull(url, "url == null");
      if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException(
            "the job store runs on H2 (jdbc:h2:...) or PostgreSQL (jdbc:postgresql://...), not "
                + redacted(url));
      }
      this.url = url;
      return this;
    }

    /**
     * Keeps the jobs in the application's own pool instead of one the store opens (for a
     * framework's {@code DataSource}; H2 or PostgreSQL). The store borrows connections and never
     * closes the pool; on PostgreSQL it holds one connection for as long as it is open, to listen
     * for settled jobs. Replaces {@link #url}, {@link #user}, {@link #password} and {@link
     * #maxPoolSize}.
     */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
      return this;
    }

    /** The database user. */
    public Builder user(String user) {
      this.user = user;
      return this;
    }

    /** The database password; never shown. */
    public Builder password(String password) {
      this.password = password;
      return this;
    }

    /** The schema to keep the tables in, made if missing (default: the connection's). */
    public Builder schema(String schema) {
      if (schema != null && !schema.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
        throw new IllegalArgumentException("a schema name is a plain identifier: " + schema);
      }
      this.schema = schema;
      return this;
    }

    /** The most connections held (default 4). */
    public Builder maxPoolSize(int size) {
      if (size < 2 || size > 100) {
        throw new IllegalArgumentException("maxPoolSize must be 2 to 100");
      }
      this.maxPoolSize = size;
      return this;
    }

    /**
     * How long to wait for a connection (default 5 seconds): from the pool, from PostgreSQL, or for
     * another process to be done with an H2 file.
     */
    public Builder connectTimeout(java.time.Duration timeout) {
      this.connectTimeoutMillis = Math.max(250, timeout.toMillis());
      return this;
    }

    /**
     * How long a PostgreSQL connection waits for the server to answer before it is given up
     * (default 10 seconds): a server that stopped answering holds no call longer.
     */
    public Builder socketTimeout(java.time.Duration timeout) {
      this.socketTimeoutMillis = Math.max(1_000, timeout.toMillis());
      return this;
    }

    /** How long PostgreSQL lets one statement run (default 5 seconds). */
    public Builder statementTimeout(java.time.Duration timeout) {
      this.statementTimeoutMillis = Math.max(100, timeout.toMillis());
      return this;
    }

    /**
     * How long opening the store keeps trying a database it cannot reach yet (default 30 seconds),
     * as one that restarts while the fleet starts; a wrong password or URL fails at once.
     */
    public Builder startTimeout(java.time.Duration timeout) {
      this.startTimeoutMillis = Math.max(0, timeout.toMillis());
      return this;
    }

    /**
     * Opens the store to read it only: its tables are neither made nor updated, and an H2 file that
     * does not exist is not made (the store then fails typed).
     */
    public Builder readOnly() {
      this.readOnly = true;
      return this;
    }

    /**
     * Whether the store makes and updates its tables when it opens (default true): false where the
     * application's own migrations make them from the store's ({@code
     * classpath:dev/nanobanana4j/store/jdbc/migration}), and the store then fails typed when they
     * are not there.
     */
    public Builder migrate(boolean migrate) {
      this.migrate = migrate;
      return this;
    }

    /**
     * Where a store on an application's {@link #dataSource DataSource} opens the one connection it
     * holds for PostgreSQL's {@code LISTEN}, apart from the application's pool (with {@link #user}
     * and {@link #password}). Without it that connection is taken from the pool for as long as the
     * store is open.
     */
    public Builder listenOn(String url) {
      this.listenUrl = Objects.requireNonNull(url, "url == null");
      return this;
    }

    /**
     * Opens the store, making or updating its tables.
     *
     * @throws JobStoreException when the database cannot be reached or prepared
     */
    public JdbcJobStore build() {
      if (url == null && dataSource == null) {
        throw new IllegalStateException("a url or a dataSource is required");
      }
      if (dataSource != null && schema != null) {
        // The store's statements name no schema: on a borrowed pool, the pool's own default holds.
        throw new IllegalStateException(
            "a schema is set on the DataSource's connections (PostgreSQL: currentSchema), not"
                + " here");
      }
      return new JdbcJobStore(this);
    }
  }
}
