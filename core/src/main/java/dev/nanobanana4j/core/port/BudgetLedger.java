package dev.nanobanana4j.core.port;

import dev.nanobanana4j.core.domain.Money;
import java.util.Optional;

/**
 * Where a {@link dev.nanobanana4j.core.application.routing.Budget#shared shared budget} keeps its
 * books, so that a fleet of clients spends one budget: each reservation taken atomically, each
 * committed or released once, whichever instance does it. {@code nanobanana4j-store-jdbc}
 * implements it beside the job store, and settles a job's reservation in the same transaction as
 * the job.
 */
public interface BudgetLedger {
  /** Makes budget {@code name} with {@code limit}, or sets the limit of the one there. */
  void define(String name, Money limit);

  /**
   * Reserves {@code amount} of budget {@code name} when it fits in what is left, atomically;
   * returns the reservation's id, or empty when it does not fit.
   */
  Optional<String> reserve(String name, Money amount);

  /** The job succeeded: the reservation counts as spent. Only the first call counts. */
  void commit(String reservationId);

  /** The job failed, or was never accepted: the reservation is free again. Only once. */
  void release(String reservationId);

  /** Committed so far. */
  Money spent(String name);

  /** Reserved for jobs not yet ended (or whose outcome is unknown). */
  Money reserved(String name);
}
