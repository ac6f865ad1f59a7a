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

  public Submitting(
      ConfiguredProviders providers,
      Pricing pricing,
      Ledger ledger,
      CallbackMarks marks,
      Scheduler scheduler,
      Clock clock,
      RetryPolicy retryPolicy,
      DoubleSupplier random,
      Duration defaultTimeout) {
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
    Objects.requireNonNull(request, "request == null");
    ImageProvider provider;
    CostEstimate estimate;
    Budget.Reservation reservation;
    try {
      provider = providers.require(providerId);
      estimate = pricing.estimate(provider, request);
      reservation = ledger.reserve(estimate);
    } catch (NanoBananaException e) {
      return CompletableFuture.failedFuture(e);
    }
    return ledger
        .track(provider, send(provider, request), estimate, reservation)
        .thenApply(handle -> new Priced(handle, estimate));
  }

  /** Sends a request that has passed validation, resending only what the vendor refused. */
  private CompletableFuture<JobHandle> send(ImageProvider provider, ImageRequest request) {
    ImageRequest prepared = marks.withCallback(provider, request);
    CompletableFuture<JobHandle> result = new CompletableFuture<>();
    attempt(provider, prepared, 1, clock.instant().plus(defaultTimeout), result);
    return result;
  }

  private void attempt(
      ImageProvider provider,
      ImageRequest request,
      int attempt,
      Instant deadline,
      CompletableFuture<JobHandle> result) {
    if (result.isDone()) {
      return;
    }
    Waits.call(() -> provider.submit(request))
        .whenComplete(
            (handle, error) -> {
              if (error == null) {
                try {
                  result.complete(marks.mark(provider, request, handle));
                } catch (RuntimeException e) {
                  result.completeExceptionally(e);
                }
                return;
              }
              Throwable cause = Waits.unwrap(error);
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
                  scheduler.schedule(
                      () -> attempt(provider, request, attempt + 1, deadline, result), wait);
                  return;
                }
              }
              result.completeExceptionally(cause);
            });
  }
}
