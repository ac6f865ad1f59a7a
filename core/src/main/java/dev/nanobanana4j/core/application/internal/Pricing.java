package dev.nanobanana4j.core.application.internal;

import dev.nanobanana4j.core.application.routing.PriceOverrides;
import dev.nanobanana4j.core.application.routing.Quote;
import dev.nanobanana4j.core.domain.CostEstimate;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.ModelInfo;
import dev.nanobanana4j.core.domain.PriceTable;
import dev.nanobanana4j.core.domain.ProviderInfo;
import dev.nanobanana4j.core.domain.RelaxedRequest;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.error.RequestValidationException;
import dev.nanobanana4j.core.port.ImageProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The quotes use case: checks requests against providers and prices them, calling nobody. */
public final class Pricing {
  private static final System.Logger LOG = System.getLogger(Pricing.class.getName());

  private final PriceOverrides overrides;
  private final Uploads uploads;
  private final java.time.Clock clock;

  /** The stale price tables warned of already: provider and model. */
  private final java.util.Set<String> warned = java.util.concurrent.ConcurrentHashMap.newKeySet();

  public Pricing(PriceOverrides overrides, Uploads uploads, java.time.Clock clock) {
    this.overrides = overrides;
    this.uploads = uploads;
    this.clock = clock;
  }

  /** What {@code provider} checks of {@code request}: local files it gets uploaded as URLs. */
  private List<String> violations(ImageProvider provider, ImageRequest request) {
    return provider.violations(uploads.standIn(provider, request));
  }

  /**
   * @throws RequestValidationException listing every reason {@code provider} cannot take it
   */
  public void validate(ImageProvider provider, ImageRequest request) {
    List<String> violations = violations(provider, request);
    if (!violations.isEmpty()) {
      throw new RequestValidationException(
          violations, ErrorContext.of(provider.id(), Operation.VALIDATE));
    }
  }

  /**
   * The provider's estimate, or the override table's where the user gave one. A price from a table
   * more than {@value CostEstimate#STALE_AFTER_DAYS} days old is logged once, as a warning.
   */
  public CostEstimate priced(ImageProvider provider, ImageRequest request) {
    CostEstimate estimate = null;
    if (!overrides.isEmpty()) {
      ModelInfo model = provider.info().modelFor(request).orElse(null);
      PriceTable table =
          model == null ? null : overrides.table(provider.id(), model.id()).orElse(null);
      if (table != null) {
        estimate = model.estimate(provider.id(), request, table);
      }
    }
    if (estimate == null) {
      estimate = provider.estimate(request);
    }
    warnIfStale(estimate);
    return estimate;
  }

  private void warnIfStale(CostEstimate estimate) {
    if (estimate == null || !estimate.isKnown()) {
      return;
    }
    estimate
        .staleness(java.time.LocalDate.now(clock))
        .filter(warning -> warned.add(estimate.providerId() + '/' + estimate.model()))
        .ifPresent(warning -> LOG.log(System.Logger.Level.WARNING, warning));
  }

  /**
   * {@code request} as {@code provider} can take it: without what it cannot honour when the request
   * is lenient ({@link ProviderInfo#relax}); as it is otherwise.
   */
  public RelaxedRequest relax(ImageProvider provider, ImageRequest request) {
    return provider.info().relax(request);
  }

  /** Relaxes a lenient request, validates, then prices. */
  public CostEstimate estimate(ImageProvider provider, ImageRequest request) {
    return estimateRelaxed(provider, relax(provider, request).request());
  }

  /** Validates, then prices, a request already {@linkplain #relax relaxed} for {@code provider}. */
  public CostEstimate estimateRelaxed(ImageProvider provider, ImageRequest relaxed) {
    validate(provider, relaxed);
    return priced(provider, relaxed);
  }

  /**
   * A quote at each provider: those that accept the request cheapest first, unknown prices after,
   * then those that cannot take it with the reasons.
   */
  public List<Quote> quotes(Collection<ImageProvider> providers, ImageRequest request) {
    List<Quote> quotes = new ArrayList<>();
    for (ImageProvider provider : providers) {
      ImageRequest relaxed = relax(provider, request).request();
      List<String> violations = violations(provider, relaxed);
      quotes.add(
          violations.isEmpty()
              ? new Quote(provider.id(), Optional.of(priced(provider, relaxed)), List.of())
              : new Quote(provider.id(), Optional.empty(), violations));
    }
    quotes.sort(Quote.CHEAPEST_FIRST);
    return List.copyOf(quotes);
  }
}
