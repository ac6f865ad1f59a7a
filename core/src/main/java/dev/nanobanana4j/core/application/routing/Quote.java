package dev.nanobanana4j.core.application.routing;

import dev.nanobanana4j.core.domain.CostEstimate;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.ModelInfo;
import dev.nanobanana4j.core.domain.ProviderInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one provider would charge for a request, or why it cannot take it.
 *
 * @param providerId the provider
 * @param estimate the price, known or explicitly unknown; empty when the provider cannot take the
 *     request
 * @param violations why the provider cannot take the request; empty when it can
 */
public record Quote(String providerId, Optional<CostEstimate> estimate, List<String> violations) {
  /** Orders quotes: those that can take the request first, cheapest first, unknown prices last. */
  public static final Comparator<Quote> CHEAPEST_FIRST =
      Comparator.comparing((Quote q) -> !q.accepted())
          .thenComparing(q -> !q.isPriceKnown())
          .thenComparing(
              q -> q.estimate().flatMap(CostEstimate::total).orElse(null),
              Comparator.nullsLast(Comparator.naturalOrder()));

  /** Checks the fields and copies the violations. */
  public Quote {
    Objects.requireNonNull(providerId, "providerId == null");
    Objects.requireNonNull(estimate, "estimate == null");
    violations = List.copyOf(violations);
    if (estimate.isPresent() != violations.isEmpty()) {
      throw new IllegalArgumentException("a quote has an estimate or violations, not both");
    }
  }

  /** Whether the provider can take the request. */
  public boolean accepted() {
    return estimate.isPresent();
  }

  /** Whether the provider can take the request and its price is known. */
  public boolean isPriceKnown() {
    return estimate.map(CostEstimate::isKnown).orElse(false);
  }

  /**
   * Quotes {@code request} at each provider, from its price tables or the overrides, without
   * calling any vendor; sorted by {@link #CHEAPEST_FIRST}. Like with like: a request that names no
   * model is quoted everywhere on the default model of the provider with the cheapest quote (as
   * {@link Route#cheapest()} resolves it), and a provider that does not sell it says so.
   */
  public static List<Quote> of(
      Collection<ProviderInfo> providers, ImageRequest request, PriceOverrides overrides) {
    Objects.requireNonNull(request, "request == null");
    Objects.requireNonNull(overrides, "overrides == null");
    List<Quote> quotes = each(providers, request, overrides);
    if (request.model().isPresent()) {
      return quotes;
    }
    Optional<String> model =
        quotes.stream()
            .filter(Quote::accepted)
            .findFirst()
            .flatMap(Quote::estimate)
            .map(CostEstimate::model);
    return model.isEmpty()
        ? quotes
        : each(providers, request.newBuilder().model(model.get()).build(), overrides);
  }

  private static List<Quote> each(
      Collection<ProviderInfo> providers, ImageRequest request, PriceOverrides overrides) {
    List<Quote> quotes = new ArrayList<>();
    for (ProviderInfo provider : providers) {
      List<String> violations = provider.violations(request);
      quotes.add(
          violations.isEmpty()
              ? new Quote(
                  provider.id(), Optional.of(price(provider, request, overrides)), List.of())
              : new Quote(provider.id(), Optional.empty(), violations));
    }
    quotes.sort(CHEAPEST_FIRST);
    return List.copyOf(quotes);
  }

  /** The price of a request the provider accepts, from the override table where there is one. */
  static CostEstimate price(ProviderInfo provider, ImageRequest request, PriceOverrides overrides) {
    ModelInfo model = provider.modelFor(request).orElseThrow();
    return model.estimate(
        provider.id(), request, overrides.table(provider.id(), model.id()).orElse(model.prices()));
  }
}
