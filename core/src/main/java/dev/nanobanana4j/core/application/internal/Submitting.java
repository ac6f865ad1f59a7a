package dev.nanobanana4j.core.application.internal;

import dev.nanobanana4j.core.application.routing.Budget;
import dev.nanobanana4j.core.application.waiting.RetryPolicy;
import dev.nanobanana4j.core.application.waiting.Scheduler;
import dev.nanobanana4j.core.domain.CostEstimate;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.error.NanoBananaException;
import dev.nanobanana4j.core.port.ImageProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.DoubleSupplier;

/**
 * The submit use case for one named provider: validate, price, reserve, then send once, sending
 * again only what the vendor certainly refused, within the retry policy.
 */
public final class Submitting {
  private static final System.Logger LOG = System.getLogger(Submitting.class.getName());

  private final ConfiguredProviders providers;
  private final Pricing pricing;
  private final Ledger ledger;
  private final CallbackMarks marks;
  private final Scheduler scheduler;
  private final Clock clock;
  private final RetryPolicy retryPolicy;
  private final DoubleSupplier random;
  private final Duration defaultTimeout;
  private final Uploads uploads;
  private final StoredJobs stored;

  public Submitting(
      ConfiguredProviders providers,
      Pricing pricing,
      Ledger ledger,
      CallbackMarks marks,
      Scheduler scheduler,
      Clock clock,
      RetryPolicy retryPolicy,
      DoubleSupplier random,
      Duration defaultTimeout,
      Uploads uploads,
      StoredJobs stored) {
    this.stored = stored;
    this.uploads = uploads;
    this.providers = providers;
    this.pricing = pricing;
    this.ledger = ledger;
    this.marks = marks;
    this.scheduler = scheduler;
    this.clock = clock;
    this.retryPolicy = retryPolicy;
    this.random = random;
    this.defaultTimeout = defaultTimeout;
  }

  /** Submits {@code request} to {@code providerId}; fails, sending nothing, on a local mistake. */
  public CompletableFuture<Priced> submit(String providerId, ImageRequest request) {
    return submit(providerId, request, Priced::new);
  }

  /** As {@link #submit(String, ImageRequest)}, for a caller that needs the handle alone. */
  public CompletableFuture<JobHandle> submitForHandle(String providerId, ImageRequest request) {
    return submit(providerId, request, (handle, estimate) -> handle);
  }

  private <R> CompletableFuture<R> submit(
      String providerId, ImageRequest request, BiFunction<JobHandle, CostEstimate, R> outcome) {
    Objects.requireNonNull(request, "request == null");
    ImageProvider provider;
    CostEstimate estimate;
    Budget.Reservation reservation;
    ImageRequest relaxed;
    try {
      provider = providers.require(providerId);
      relaxed = Waits.relaxed(pricing.relax(provider, request));
      estimate = pricing.estimateRelaxed(provider, relaxed);
      reservation = ledger.reserve(estimate);
    } catch (NanoBananaException e) {
      return CompletableFuture.failedFuture(e);
    }
    return new Send<>(
            provider, marks.withCallback(provider, relaxed), estimate, reservation, outcome)
        .start();
  }

  /**
   * One submission, sent once and again only where the vendor certainly refused it; the ledger
   * learns its outcome before the caller does.
   */
  private final class Send<R> {
    private final ImageProvider provider;
    private ImageRequest request;
    private final CostEstimate estimate;
    private final Budget.Reservation reservation;
    private final Instant deadline;
    private final BiFunction<JobHandle, CostEstimate, R> outcome;
    private final CompletableFuture<R> result = new CompletableFuture<>();
    private String recordId;

    Send(
        ImageProvider provider,
        ImageRequest request,
        CostEstimate estimate,
        Budget.Reservation reservation,
        BiFunction<JobHandle, CostEstimate, R> outcome) {
      this.outcome = outcome;
      this.provider = provider;
      this.request = request;
      this.estimate = estimate;
      this.reservation = reservation;
      this.deadline = clock.instant().plus(defaultTimeout);
    }

    /** Uploads the request's local files where the vendor takes URLs only, then sends it. */
    CompletableFuture<R> start() {
      uploads
          .upload(provider, request)
          .whenComplete(
              (uploaded, error) -> {
                if (error != null) {
                  end(Waits.unwrap(error));
                } else {
                  request = uploaded;
                  record();
                }
              });
      return result;
    }

    /**
     * Records the submission in the job store, if any, then sends it; ends with the store's error,
     * sending nothing, when it cannot be recorded.
     */
    private void record() {
      if (stored == null) {
        attempt(1);
        return;
      }
      stored
          .submitting(provider.id(), request, estimate, reservation)
          .whenComplete(
              (id, error) -> {
                if (error != null) {
                  end(Waits.unwrap(error));
                } else {
                  recordId = id;
                  attempt(1);
                }
              });
    }

    private void attempt(int attempt) {
      if (result.isDone()) {
        return;
      }
      Waits.call(() -> provider.submit(request))
          .whenComplete(
              (handle, error) -> {
                if (error == null) {
                  accepted(handle);
                } else {
                  refused(Waits.unwrap(error), attempt);
                }
              });
    }

    private void accepted(JobHandle handle) {
      JobHandle marked;
      try {
        marked = StoredJobs.named(marks.mark(provider, request, handle), recordId);
      } catch (RuntimeException e) {
        end(e);
        return;
      }
      books(marked, null);
      if (recordId == null) {
        complete(marked);
        return;
      }
      // Seen by the caller once in the store too (unless the store is slow; it lands later).
      stored.answered(recordId, marked, null).whenComplete((done, ignored) -> complete(marked));
    }

    private void complete(JobHandle marked) {
      try {
        result.complete(outcome.apply(marked, estimate));
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    }

    private void refused(Throwable cause, int attempt) {
      if (cause instanceof NanoBananaException e
          && e.isSafeToResubmit()
          && attempt < retryPolicy.maxAttempts()) {
        Duration wait = retryPolicy.delayAfter(e, attempt, random.getAsDouble());
        if (!clock.instant().plus(wait).isAfter(deadline)) {
          LOG.log(
              System.Logger.Level.DEBUG,
              "{0} refused submission attempt {1} ({2}); sending again in {3}",
              provider.id(),
              attempt,
              e.getMessage(),
              wait);
          scheduler.schedule(() -> attempt(attempt + 1), wait);
          return;
        }
      }
      end(cause);
    }

    private void end(Throwable error) {
      books(null, error);
      if (recordId != null) {
        stored.answered(recordId, null, error);
      }
      result.completeExceptionally(error);
    }

    /** Tells the ledger; a meter that throws must not lose a job, nor leave the caller waiting. */
    private void books(JobHandle handle, Throwable error) {
      try {
        ledger.submitted(provider, handle, error, estimate, reservation);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "ignored a failure of the submission's books", e);
      }
    }
  }
}
