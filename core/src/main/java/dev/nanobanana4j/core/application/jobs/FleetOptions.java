package dev.nanobanana4j.core.application.jobs;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * How a client with a {@link dev.nanobanana4j.core.port.JobStore} shares its jobs with the other
 * instances of a fleet.
 *
 * <p>A wait for a job takes the job's lease first: the instance that holds it polls the vendor, and
 * renews the lease every {@link #checkEvery()} while it does; every other instance waiting for the
 * same job is told by the store when it settles (or sees it at its next check). When an instance
 * dies its leases expire after {@link #lease()}, and another instance takes the waits over; with
 * {@link #takeOverOrphans()} (the default) an instance also polls the jobs nobody waits for any
 * more, so that every job a dead instance left settles.
 *
 * <pre>{@code
 * NanoBananaClient.builder()
 *     .jobStore(store)
 *     .fleet(FleetOptions.defaults().withInstanceId("web-1"))
 * }</pre>
 *
 * @param instanceId this instance's name in the store's leases (default: random)
 * @param lease how long a lease lasts without renewal; at least three times {@code checkEvery}
 * @param checkEvery how often leases are renewed and the store is checked for settled jobs and
 *     expired leases (the fallback where the store cannot notify)
 * @param takeOverOrphans whether this instance polls jobs whose lease expired though nobody here
 *     waits for them
 * @param orphansPerCheck the most jobs taken over at one check
 * @param orphanTimeout how long a job taken over is waited for
 * @param unansweredAfter how long a submission may stay without its recorded answer before any
 *     instance marks it outcome-unknown (the process that sent it died, or its write was lost); at
 *     least {@code lease}
 * @param storeTimeout how long a submission or a wait waits for the store: past it a submission is
 *     refused unsent, and a wait polls the vendor itself
 * @param retention how long jobs that ended are kept: older ones are deleted, an hour's worth at a
 *     time, by one instance at a time (outcome-unknown jobs stay until resolved)
 */
public record FleetOptions(
    String instanceId,
    Duration lease,
    Duration checkEvery,
    boolean takeOverOrphans,
    int orphansPerCheck,
    Duration orphanTimeout,
    Duration unansweredAfter,
    Duration storeTimeout,
    Duration retention) {

  /** Checks the fields. */
  public FleetOptions {
    Objects.requireNonNull(instanceId, "instanceId == null");
    if (instanceId.isBlank() || instanceId.length() > 100) {
      throw new IllegalArgumentException("an instance id has 1 to 100 characters");
    }
    Objects.requireNonNull(lease, "lease == null");
    Objects.requireNonNull(checkEvery, "checkEvery == null");
    Objects.requireNonNull(orphanTimeout, "orphanTimeout == null");
    if (checkEvery.compareTo(Duration.ofMillis(10)) < 0) {
      throw new IllegalArgumentException("checkEvery must be at least 10ms, got " + checkEvery);
    }
    if (lease.compareTo(checkEvery.multipliedBy(3)) < 0) {
      throw new IllegalArgumentException(
          "a lease of "
              + lease
              + " would expire between renewals every "
              + checkEvery
              + ": make it at least three times as long");
    }
    if (orphansPerCheck < 1 || orphansPerCheck > 10_000) {
      throw new IllegalArgumentException("orphansPerCheck must be 1 to 10000");
    }
    if (orphanTimeout.isNegative() || orphanTimeout.isZero()) {
      throw new IllegalArgumentException("orphanTimeout must be positive");
    }
    Objects.requireNonNull(unansweredAfter, "unansweredAfter == null");
    Objects.requireNonNull(storeTimeout, "storeTimeout == null");
    if (unansweredAfter.compareTo(lease) < 0) {
      throw new IllegalArgumentException(
          "unansweredAfter of " + unansweredAfter + " is shorter than the lease of " + lease);
    }
    Objects.requireNonNull(retention, "retention == null");
    if (retention.compareTo(Duration.ofHours(1)) < 0) {
      throw new IllegalArgumentException("retention must be at least an hour, got " + retention);
    }
    if (storeTimeout.compareTo(Duration.ofMillis(10)) < 0) {
      throw new IllegalArgumentException("storeTimeout must be at least 10ms, got " + storeTimeout);
    }
  }

  /**
   * A random instance id, leases of 30 seconds checked every 5 seconds, orphans taken over (every
   * job an instance that died left settles, wherever the store is shared; a short-lived process
   * such as a command-line run turns it off with {@code withTakeOverOrphans(false)}), submissions
   * without an answer marked outcome-unknown after 10 minutes, 2 seconds to wait for the store, and
   * jobs that ended kept for 30 days.
   */
  public static FleetOptions defaults() {
    return new FleetOptions(
        "instance-" + UUID.randomUUID(),
        Duration.ofSeconds(30),
        Duration.ofSeconds(5),
        true,
        100,
        Duration.ofMinutes(30),
        Duration.ofMinutes(10),
        Duration.ofSeconds(2),
        Duration.ofDays(30));
  }

  /** These options with instance id {@code id}. */
  public FleetOptions withInstanceId(String id) {
    return new FleetOptions(
        id,
        lease,
        checkEvery,
        takeOverOrphans,
        orphansPerCheck,
        orphanTimeout,
        unansweredAfter,
        storeTimeout,
        retention);
  }

  /**
   * These options with leases of {@code lease}, checked every {@code checkEvery}; submissions stay
   * unanswered for at least a lease.
   */
  public FleetOptions withLease(Duration lease, Duration checkEvery) {
    return new FleetOptions(
        instanceId,
        lease,
        checkEvery,
        takeOverOrphans,
        orphansPerCheck,
        orphanTimeout,
        unansweredAfter.compareTo(lease) < 0 ? lease : unansweredAfter,
        storeTimeout,
        retention);
  }

  /** These options, taking over orphaned jobs or not. */
  public FleetOptions withTakeOverOrphans(boolean takeOver) {
    return new FleetOptions(
        instanceId,
        lease,
        checkEvery,
        takeOver,
        orphansPerCheck,
        orphanTimeout,
        unansweredAfter,
        storeTimeout,
        retention);
  }

  /** These options, marking submissions unanswered after {@code after} as outcome-unknown. */
  public FleetOptions withUnansweredAfter(Duration after) {
    return new FleetOptions(
        instanceId,
        lease,
        checkEvery,
        takeOverOrphans,
        orphansPerCheck,
        orphanTimeout,
        after,
        storeTimeout,
        retention);
  }

  /** These options, waiting at most {@code timeout} for the store. */
  public FleetOptions withStoreTimeout(Duration timeout) {
    return new FleetOptions(
        instanceId,
        lease,
        checkEvery,
        takeOverOrphans,
        orphansPerCheck,
        orphanTimeout,
        unansweredAfter,
        timeout,
        retention);
  }

  /** These options, keeping jobs that ended for {@code retention}. */
  public FleetOptions withRetention(Duration retention) {
    return new FleetOptions(
        instanceId,
        lease,
        checkEvery,
        takeOverOrphans,
        orphansPerCheck,
        orphanTimeout,
        unansweredAfter,
        storeTimeout,
        retention);
  }

  @Override
  public String toString() {
    return "FleetOptions{instanceId="
        + instanceId
        + ", lease="
        + lease
        + ", checkEvery="
        + checkEvery
        + ", takeOverOrphans="
        + takeOverOrphans
        + "}";
  }
}
