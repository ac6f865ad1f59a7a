package dev.nanobanana4j.core.application.internal;

import dev.nanobanana4j.core.application.routing.Budget;
import dev.nanobanana4j.core.application.routing.Route;
import dev.nanobanana4j.core.application.waiting.AwaitOptions;
import dev.nanobanana4j.core.domain.CostEstimate;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.GenerationResult;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.JobFailedException;
import dev.nanobanana4j.core.error.JobTimeoutException;
import dev.nanobanana4j.core.error.NanoBananaException;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.error.RequestValidationException;
import dev.nanobanana4j.core.port.ImageProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The generate use case at one provider, or by a route: one job when the provider makes the
 * request's count in one call; otherwise the request split into calls of at most what one call
 * makes, sent at once (the provider's call slots pace them), each reserving its own budget, and one
 * result of all of them. A split generation some of whose jobs fail gives the images of the others,
 * with the failures; it fails only when no job gave an image.
 */
public final class FanOut {
  /** The most calls one request is split into. */
  public static final int MAX_CALLS = 32;

  private final ConfiguredProviders providers;
  private final Pricing pricing;
  private final Ledger ledger;
  private final Submitting submitting;
  private final Waiting waiting;
  private final Routing routing;
  private final Clock clock;

  public FanOut(
      ConfiguredProviders providers,
      Pricing pricing,
      Ledger ledger,
      Submitting submitting,
      Waiting waiting,
      Routing routing,
      Clock clock) {
    this.routing = routing;
    this.providers = providers;
    this.pricing = pricing;
    this.ledger = ledger;
    this.submitting = submitting;
    this.waiting = waiting;
    this.clock = clock;
  }

  /** How many images one call to {@code provider} makes of {@code request}'s count. */
  public static int perCall(ImageProvider provider, ImageRequest request) {
    return provider
        .info()
        .modelFor(request)
        .map(model -> Math.min(request.count(), model.capabilities().maxCount()))
        .orElse(request.count());
  }

  /**
   * The calls {@code request} is split into at {@code provider}: itself when one call makes its
   * count; else calls of {@code perCall} images, the last with the rest.
   *
   * @throws RequestValidationException when that is more than {@value #MAX_CALLS} calls
   */
  public static List<ImageRequest> split(ImageProvider provider, ImageRequest request) {
    int perCall = perCall(provider, request);
    int count = request.count();
    if (count <= perCall) {
      return List.of(request);
    }
    int calls = (count + perCall - 1) / perCall;
    if (calls > MAX_CALLS) {
      throw new RequestValidationException(
          List.of(
              "count is "
                  + count
                  + "; "
                  + provider.id()
                  + " makes "
                  + perCall
                  + (perCall == 1 ? " image" : " images")
                  + " per call, and the client splits a request into at most "
                  + MAX_CALLS
                  + " calls"),
          ErrorContext.of(provider.id(), Operation.VALIDATE));
    }
    ImageRequest[] parts = new ImageRequest[calls];
    for (int i = 0; i < calls; i++) {
      parts[i] = request.newBuilder().count(Math.min(perCall, count - i * perCall)).build();
    }
    return List.of(parts);
  }

  /**
   * The estimate of {@code request} at {@code provider}, split or not: a split request is checked
   * as its calls are, and priced whole.
   */
  public CostEstimate estimate(ImageProvider provider, ImageRequest request) {
    List<ImageRequest> parts = split(provider, request);
    if (parts.size() == 1) {
      return pricing.estimate(provider, request);
    }
    for (ImageRequest part : List.of(parts.get(0), parts.get(parts.size() - 1))) {
      pricing.estimate(provider, part);
    }
    return pricing.priced(provider, pricing.relax(provider, request).request());
  }

  /** Generates {@code request} at {@code providerId}: split where one call makes too few. */
  public CompletableFuture<GenerationResult> generate(
      String providerId, ImageRequest request, AwaitOptions options) {
    List<ImageRequest> parts;
    CostEstimate whole;
    try {
      ImageProvider provider = providers.require(providerId);
      parts = split(provider, request);
      if (parts.size() == 1) {
        return waiting.generate(submitting.submit(providerId, request), options);
      }
      whole = checkedWhole(provider, request);
    } catch (NanoBananaException e) {
      return CompletableFuture.failedFuture(e);
    }
    return all(parts, part -> submitting.submit(providerId, part), whole, options);
  }

  /**
   * Generates {@code request} by {@code route}: split, where the provider the route chooses first
   * makes fewer than its count in one call, into calls of what that provider makes, each call
   * routed (so each goes to whichever candidate takes it) and reserved on its own.
   */
  public CompletableFuture<GenerationResult> generate(
      ImageRequest request, Route route, AwaitOptions options) {
    List<ImageRequest> parts;
    CostEstimate whole;
    try {
      First first = first(request, route);
      parts = split(first.provider(), first.request());
      if (parts.size() == 1) {
        return waiting.generate(routing.submit(first.request(), route), options);
      }
      whole = checkedWhole(first.provider(), first.request());
    } catch (NanoBananaException e) {
      return CompletableFuture.failedFuture(e);
    }
    return all(parts, part -> routing.submit(part, route), whole, options);
  }

  /** The provider a route chooses first for a request, and the request on its one model. */
  private record First(ImageProvider provider, ImageRequest request) {}

  private First first(ImageRequest request, Route route) {
    java.util.Objects.requireNonNull(request, "request == null");
    // The first choice for one image: the model compared on, and how many one call makes.
    Routing.Plan plan =
        routing.plan(request.count() == 1 ? request : request.newBuilder().count(1).build(), route);
    ImageRequest resolved =
        plan.request().model().map(m -> request.newBuilder().model(m).build()).orElse(request);
    return new First(providers.require(plan.order().get(0).providerId()), resolved);
  }

  /**
   * The estimate of {@code request} by {@code route}: at the provider the route chooses first, on
   * the one model it compares, split or not as {@link #generate(ImageRequest, Route, AwaitOptions)}
   * sends it.
   */
  public CostEstimate estimate(ImageRequest request, Route route) {
    First first = first(request, route);
    return estimate(first.provider(), first.request());
  }

  /**
   * The whole of a split request priced at {@code provider}, checked against the budget: each call
   * reserves its own share, and a whole that does not fit now is refused before any is paid for.
   */
  private CostEstimate checkedWhole(ImageProvider provider, ImageRequest request) {
    CostEstimate whole = estimate(provider, request);
    Budget.Reservation check = ledger.reserve(whole);
    if (check != null) {
      check.release();
    }
    return whole;
  }

  /** Sends every part at once by {@code send}, waits for each, and gives one result of all. */
  private CompletableFuture<GenerationResult> all(
      List<ImageRequest> parts,
      java.util.function.Function<ImageRequest, CompletableFuture<Priced>> send,
      CostEstimate whole,
      AwaitOptions options) {
    Instant started = clock.instant();
    List<CompletableFuture<GenerationResult>> jobs = new ArrayList<>(parts.size());
    for (ImageRequest part : parts) {
      jobs.add(waiting.generate(send.apply(part), options));
    }
    CompletableFuture<GenerationResult> result =
        CompletableFuture.allOf(
                jobs.stream().map(job -> job.handle((r, e) -> r)).toArray(CompletableFuture[]::new))
            .thenApply(done -> combine(parts, jobs, whole, started));
    // Cancelling the generation stops the waits of its jobs (the jobs go on at the vendor).
    Waits.cancelling(result, jobs);
    return result;
  }

  private GenerationResult combine(
      List<ImageRequest> parts,
      List<CompletableFuture<GenerationResult>> jobs,
      CostEstimate whole,
      Instant started) {
    List<GeneratedImage> images = new ArrayList<>();
    List<JobHandle> handles = new ArrayList<>();
    List<GenerationResult.Failure> failures = new ArrayList<>();
    JobHandle first = null;
    // The sum of the charges, while every job that made images reported one in one currency.
    Optional<dev.nanobanana4j.core.domain.Money> charged = Optional.empty();
    for (int i = 0; i < jobs.size(); i++) {
      CompletableFuture<GenerationResult> job = jobs.get(i);
      GenerationResult done = job.isCompletedExceptionally() ? null : job.join();
      if (done != null) {
        charged = first == null ? done.charged() : sum(charged, done.charged());
        first = first == null ? done.handle() : first;
        images.addAll(done.images());
        handles.add(done.handle());
        continue;
      }
      Throwable error = errorOf(job);
      Optional<JobHandle> handle = handleOf(error);
      handle.ifPresent(handles::add);
      failures.add(new GenerationResult.Failure(parts.get(i).count(), handle, error));
    }
    if (first == null) {
      Throwable error = failures.get(0).error();
      for (int i = 1; i < failures.size(); i++) {
        if (failures.get(i).error() != error) {
          error.addSuppressed(failures.get(i).error());
        }
      }
      throw error instanceof RuntimeException runtime
          ? runtime
          : new java.util.concurrent.CompletionException(error);
    }
    return new GenerationResult(
        first,
        images,
        whole,
        Duration.between(started, clock.instant()),
        handles,
        failures,
        charged);
  }

  /** {@code so far} plus {@code next}: empty once either is, or their currencies differ. */
  private static Optional<dev.nanobanana4j.core.domain.Money> sum(
      Optional<dev.nanobanana4j.core.domain.Money> soFar,
      Optional<dev.nanobanana4j.core.domain.Money> next) {
    if (soFar.isEmpty()
        || next.isEmpty()
        || !soFar.get().currency().equals(next.get().currency())) {
      return Optional.empty();
    }
    return Optional.of(soFar.get().plus(next.get()));
  }

  private static Throwable errorOf(CompletableFuture<?> job) {
    try {
      job.join();
      throw new IllegalStateException("the job did not fail");
    } catch (java.util.concurrent.CompletionException e) {
      return Waits.unwrap(e);
    } catch (java.util.concurrent.CancellationException e) {
      return e;
    }
  }

  private static Optional<JobHandle> handleOf(Throwable error) {
    if (error instanceof JobFailedException failed) {
      return Optional.of(failed.handle());
    }
    if (error instanceof JobTimeoutException timeout) {
      return Optional.of(timeout.handle());
    }
    return Optional.empty();
  }
}
