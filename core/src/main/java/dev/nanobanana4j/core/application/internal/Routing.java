package dev.nanobanana4j.core.application.internal;

import dev.nanobanana4j.core.application.routing.Budget;
import dev.nanobanana4j.core.application.routing.Quote;
import dev.nanobanana4j.core.application.routing.Route;
import dev.nanobanana4j.core.domain.CostEstimate;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.InsufficientBalanceException;
import dev.nanobanana4j.core.error.NanoBananaException;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.error.RequestValidationException;
import dev.nanobanana4j.core.port.ClientObserver;
import dev.nanobanana4j.core.port.ImageProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The submit use case for a {@link Route}: orders the providers that accept the request, and moves
 * past a provider only when it certainly refused, so a job a vendor may have accepted is never sent
 * elsewhere.
 */
public final class Routing {
  private static final System.Logger LOG = System.getLogger(Routing.class.getName());

  private final ConfiguredProviders providers;
  private final Pricing pricing;
  private final Ledger ledger;
  private final CallbackMarks marks;
  private final ProviderHealth health;
  private final ClientObserver observer;

  private final Uploads uploads;
  private final StoredJobs stored;

  public Routing(
      ConfiguredProviders providers,
      Pricing pricing,
      Ledger ledger,
      CallbackMarks marks,
      ProviderHealth health,
      ClientObserver observer,
      Uploads uploads,
      StoredJobs stored) {
    this.stored = stored;
    this.uploads = uploads;
    this.providers = providers;
    this.pricing = pricing;
    this.ledger = ledger;
    this.marks = marks;
    this.health = health;
    this.observer = observer;
  }

  /**
   * The request as a route sends it (on the one model its candidates are compared on), and the
   * candidates in the order they are tried.
   */
  public record Plan(ImageRequest request, List<Quote> order) {}

  /**
   * Plans {@code request} by {@code route}: resolves the one model every candidate is compared on,
   * then orders the providers that accept it.
   *
   * @throws RequestValidationException when no provider can take it
   */
  public Plan plan(ImageRequest request, Route route) {
    Objects.requireNonNull(route, "route == null");
    Objects.requireNonNull(request, "request == null");
    ImageRequest resolved = oneModel(request, route);
    List<Quote> all = pricing.quotes(providers.all(), resolved);
    List<Quote> order = order(all, route);
    if (order.isEmpty()) {
      List<String> refusals = all.stream().flatMap(q -> q.violations().stream()).toList();
      throw new RequestValidationException(
          refusals.isEmpty() ? List.of(route + " chose no provider") : refusals,
          ErrorContext.of(null, Operation.VALIDATE));
    }
    List<Quote> setAside = order.stream().filter(q -> health.isSetAside(q.providerId())).toList();
    order.removeAll(setAside);
    order.addAll(setAside);
    return new Plan(resolved, order);
  }

  /** The quotes that accept the request, in the order {@code route} chooses them. */
  private List<Quote> order(List<Quote> all, Route route) {
    List<Quote> accepted = all.stream().filter(Quote::accepted).toList();
    List<Quote> order = new ArrayList<>();
    for (String id : route.strategy().order(accepted, health.timings())) {
      accepted.stream()
          .filter(q -> q.providerId().equals(id) && !order.contains(q))
          .findFirst()
          .ifPresent(order::add);
    }
    return order;
  }

  /**
   * {@code request} naming the one model a route compares its candidates on: its own, else the
   * route's, else the default of the provider the route would choose first.
   */
  private ImageRequest oneModel(ImageRequest request, Route route) {
    if (request.model().isPresent()) {
      return request;
    }
    if (route.model().isPresent()) {
      return request.newBuilder().model(route.model().get()).build();
    }
    List<Quote> first = order(pricing.quotes(providers.all(), request), route);
    if (first.isEmpty()) {
      return request;
    }
    return request
        .newBuilder()
        .model(providers.require(first.get(0).providerId()).info().defaultModel().id())
        .build();
  }

  /** Quotes {@code request} at every provider on the one model {@code route} would compare. */
  public List<Quote> quotes(ImageRequest request, Route route) {
    return pricing.quotes(providers.all(), oneModel(request, route));
  }

  public CompletableFuture<Priced> submit(ImageRequest request, Route route) {
    Plan plan;
    try {
      plan = plan(request, route);
    } catch (RequestValidationException e) {
      return CompletableFuture.failedFuture(e);
    }
    return submit(plan);
  }

  /** Sends {@code plan}'s request to its first candidate, and on to the next after a refusal. */
  public CompletableFuture<Priced> submit(Plan plan) {
    CompletableFuture<Priced> result = new CompletableFuture<>();
    tryNext(plan.order(), 0, plan.request(), result, null);
    return result;
  }

  private void tryNext(
      List<Quote> order,
      int index,
      ImageRequest request,
      CompletableFuture<Priced> result,
      Throwable previous) {
    if (index == order.size()) {
      result.completeExceptionally(previous);
      return;
    }
    ImageProvider provider = providers.require(order.get(index).providerId());
    CostEstimate estimate = order.get(index).estimate().orElseThrow();
    Budget.Reservation reservation;
    try {
      reservation = ledger.reserve(estimate);
    } catch (NanoBananaException e) {
      tryNext(order, index + 1, request, result, withSuppressed(e, previous));
      return;
    }
    ImageRequest prepared =
        marks.withCallback(provider, Waits.relaxed(pricing.relax(provider, request)));
    ledger
        .track(
            provider,
            uploads
                .upload(provider, prepared)
                .thenCompose(
                    uploaded ->
                        StoredJobs.recorded(
                            stored,
                            provider.id(),
                            uploaded,
                            estimate,
                            reservation,
                            () -> provider.submit(uploaded),
                            handle -> marks.mark(provider, uploaded, handle))),
            estimate,
            reservation)
        .whenComplete(
            (handle, error) -> {
              if (error == null) {
                result.complete(new Priced(handle, estimate));
                return;
              }
              Throwable cause = Waits.unwrap(error);
              if (cause instanceof NanoBananaException e && isRefusal(e)) {
                LOG.log(
                    System.Logger.Level.DEBUG,
                    "route: {0} refused the submission ({1}); trying the next provider",
                    provider.id(),
                    e.getMessage());
                health.refused(provider.id());
                observer.fellBack(provider.id(), e.getClass().getSimpleName());
                tryNext(order, index + 1, request, result, withSuppressed(cause, previous));
              } else {
                result.completeExceptionally(withSuppressed(cause, previous));
              }
            });
  }

  /** Whether the vendor certainly did not take the submission and said so. */
  private static boolean isRefusal(NanoBananaException e) {
    return e.isSafeToResubmit() || e instanceof InsufficientBalanceException;
  }

  private static Throwable withSuppressed(Throwable error, Throwable previous) {
    if (previous != null && previous != error) {
      error.addSuppressed(previous);
    }
    return error;
  }
}
