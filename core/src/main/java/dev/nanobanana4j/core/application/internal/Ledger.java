package dev.nanobanana4j.core.application.internal;

import dev.nanobanana4j.core.application.routing.Budget;
import dev.nanobanana4j.core.domain.CostEstimate;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.error.OutcomeUnknownException;
import dev.nanobanana4j.core.port.ClientObserver;
import dev.nanobanana4j.core.port.ImageProvider;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client's books on the jobs it submitted: each submission's outcome, the budget reserved for a
 * job until it ends, its spend when it succeeds, and the provider's health.
 */
public final class Ledger {
  /** Jobs submitted and not yet awaited to their end whose estimates are kept for the meters. */
  private static final int MAX_PENDING = 100_000;

  /** What the client keeps of a job it submitted until the job ends: its price and reservation. */
  private record Pending(CostEstimate estimate, Budget.Reservation reservation) {}

  private final Map<Waits.TaskKey, Pending> pending = new ConcurrentHashMap<>();
  private final Budget budget;
  private final ClientObserver observer;
  private final ProviderHealth health;
  private final StoredJobs stored;
  private final boolean storeBooksShared;

  /**
   * @param budget the spend limit, or null for none
   * @param stored the client's job store, or null for none: what the ledger writes to a shared
   *     budget then goes through the store's queue of writes, never on the caller's thread
   * @param storeBooksShared whether the job store is the shared budget's ledger too: it records
   *     each job with its reservation and books it with the job's answer and end (in the same
   *     transaction), so the ledger leaves such reservations to it
   */
  public Ledger(
      Budget budget,
      ClientObserver observer,
      ProviderHealth health,
      StoredJobs stored,
      boolean storeBooksShared) {
    this.budget = budget;
    this.observer = observer;
    this.health = health;
    this.stored = stored;
    this.storeBooksShared = stored != null && storeBooksShared;
  }

  /** Commits ({@code spent}) or releases a reservation this ledger books, where it books it. */
  private void book(Budget.Reservation reservation, boolean spent) {
    if (reservation == null) {
      return;
    }
    if (reservation.id().isPresent() && stored != null) {
      if (!storeBooksShared) {
        stored.write(
            spent ? "committing a reservation" : "releasing a reservation",
            spent ? reservation::commit : reservation::release);
      }
      return;
    }
    if (spent) {
      reservation.commit();
    } else {
      reservation.release();
    }
  }

  /**
   * Reserves {@code estimate} in the budget, or returns null when there is no budget.
   *
   * @throws dev.nanobanana4j.core.error.BudgetExceededException when it does not fit
   */
  public Budget.Reservation reserve(CostEstimate estimate) {
    return budget == null ? null : budget.reserve(estimate);
  }

  /**
   * Counts a submission's outcome and keeps its budget reservation with the job, or frees it when
   * the vendor certainly did not take the job.
   */
  public CompletableFuture<JobHandle> track(
      ImageProvider provider,
      CompletableFuture<JobHandle> submission,
      CostEstimate estimate,
      Budget.Reservation reservation) {
    return submission.whenComplete(
        (handle, error) -> submitted(provider, handle, error, estimate, reservation));
  }

  /**
   * As {@link #track}, for a caller that learns the outcome itself: {@code handle} when the vendor
   * accepted the job, else the {@code error}.
   */
  public void submitted(
      ImageProvider provider,
      JobHandle handle,
      Throwable error,
      CostEstimate estimate,
      Budget.Reservation reservation) {
    if (error == null) {
      observer.submitted(provider.id(), "accepted");
      health.accepted(provider.id());
      if (reservation != null || pending.size() < MAX_PENDING) {
        pending.put(key(handle), new Pending(estimate, reservation));
      }
      return;
    }
    boolean unknown = Waits.unwrap(error) instanceof OutcomeUnknownException;
    observer.submitted(provider.id(), unknown ? "unknown" : "rejected");
    if (reservation != null && !unknown) {
      if (stored != null && reservation.id().isPresent()) {
        // Also where the store books it (a submission the store could not record has no row
        // there), written in the store's queue: a database that does not answer holds nobody.
        stored.write("releasing a reservation", reservation::release);
      } else {
        reservation.release();
      }
    }
  }

  /**
   * Commits or releases the budget reservation of a job this client submitted, counts its spend,
   * and learns its time to success.
   *
   * @param status how the job ended, or null when the wait ended without a status
   * @param took from submission to the end of the wait
   */
  public void settle(JobHandle handle, JobStatus status, Duration took) {
    if (status == null) {
      return; // timed out or stopped: the vendor may still charge, so the reservation stays
    }
    Pending job = pending.remove(key(handle));
    Budget.Reservation reservation = job == null ? null : job.reservation();
    if (status instanceof JobStatus.Succeeded succeeded) {
      health.succeeded(handle.providerId(), took);
      if (job != null) {
        observer.spent(job.estimate());
      }
      // What the vendor says it charged, metered apart from the estimate.
      succeeded
          .report()
          .charged()
          .ifPresent(amount -> observer.charged(handle.providerId(), amount));
      book(reservation, true);
    } else {
      book(reservation, false);
    }
  }

  /**
   * As {@link #settle}, for a job this client submitted that another instance of the fleet saw end:
   * its reservation and spend are this client's to settle. Does nothing for a job submitted
   * elsewhere, whose books are its submitter's.
   */
  public void settledElsewhere(JobHandle handle, JobStatus status, Duration took) {
    if (pending.containsKey(key(handle))) {
      settle(handle, status, took);
    }
  }

  private static Waits.TaskKey key(JobHandle handle) {
    return Waits.key(handle.providerId(), handle.taskId());
  }
}
