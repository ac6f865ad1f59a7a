package dev.nanobanana4j.core.application.routing;

import dev.nanobanana4j.core.application.NanoBananaClientBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to choose the provider for a request among the client's providers. Candidates are compared
 * like with like: on one model, the request's own, else the route's ({@link #model}), else the
 * default of the provider the route would choose first; a provider that does not sell that model is
 * no candidate, and its quote says so. Only providers whose capabilities accept the request are
 * candidates (each re-validates and maps it its own way). The submission goes to the first
 * candidate; when that provider explicitly refuses it (HTTP 429 or 503, a refused connection,
 * insufficient balance) it goes to the next. Once a vendor may have accepted the job (it did, or
 * the outcome is unknown) it is never sent elsewhere.
 *
 * <pre>{@code
 * client.generate(request, Route.cheapest());
 * client.generate(request, Route.cheapest().model("nano-banana-pro"));
 * client.generate(request, Route.order("apixo", "mulerun"));
 * client.generate(request, Route.of((request, quotes, timings) -> ...));
 * }</pre>
 *
 * <p>A provider that keeps refusing is set aside for a while: see {@link
 * NanoBananaClientBuilder#cooldown}.
 */
public final class Route {
  /** Orders the candidates; returns the provider ids to try, first to last. */
  @FunctionalInterface
  public interface Strategy {
    /**
     * The order in which to try the providers.
     *
     * @param quotes a quote from each candidate (every one accepts the request), cheapest first
     * @param timings the mean time from submission to success observed at each provider so far;
     *     providers without a success yet are absent
     * @return provider ids among the quotes'; the others are not tried
     */
    List<String> order(List<Quote> quotes, Map<String, Duration> timings);
  }

  private final String name;
  private final Strategy strategy;
  private final String model;

  private Route(String name, Strategy strategy) {
    this(name, strategy, null);
  }

  private Route(String name, Strategy strategy, String model) {
    this.name = name;
    this.strategy = strategy;
    this.model = model;
  }

  /**
   * This route, comparing its candidates on {@code modelId} (such as {@code nano-banana-pro}) for a
   * request that names no model of its own: a provider that does not sell it is no candidate.
   */
  public Route model(String modelId) {
    Objects.requireNonNull(modelId, "modelId == null");
    if (modelId.isBlank()) {
      throw new IllegalArgumentException("a model id is not blank");
    }
    return new Route(name, strategy, modelId);
  }

  /** The model this route compares its candidates on, where it names one. */
  public Optional<String> model() {
    return Optional.ofNullable(model);
  }

  /** Cheapest known price first; providers with unknown prices after, in the client's order. */
  public static Route cheapest() {
    return new Route(
        "cheapest", (quotes, timings) -> quotes.stream().map(Quote::providerId).toList());
  }

  /**
   * Shortest observed time to completion first; providers not yet observed after, cheapest first.
   */
  public static Route fastest() {
    return new Route(
        "fastest",
        (quotes, timings) -> {
          List<Quote> sorted = new ArrayList<>(quotes);
          sorted.sort(
              Comparator.comparing(
                  (Quote q) -> Optional.ofNullable(timings.get(q.providerId())),
                  (a, b) ->
                      a.isPresent() && b.isPresent()
                          ? a.get().compareTo(b.get())
                          : Boolean.compare(a.isEmpty(), b.isEmpty())));
          return sorted.stream().map(Quote::providerId).toList();
        });
  }

  /** These providers in this order; those that cannot take a request are skipped. */
  public static Route order(String... providerIds) {
    List<String> ids = List.of(providerIds);
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("a route needs at least one provider");
    }
    return new Route(
        "order " + String.join(",", ids),
        (quotes, timings) ->
            ids.stream()
                .filter(id -> quotes.stream().anyMatch(q -> q.providerId().equals(id)))
                .toList());
  }

  /** The caller's own strategy. */
  public static Route of(Strategy strategy) {
    return new Route("custom", Objects.requireNonNull(strategy, "strategy == null"));
  }

  /**
   * Reads {@code cheapest}, {@code fastest}, or a comma-separated list of provider ids, as the
   * command line takes them.
   */
  public static Route parse(String text) {
    String trimmed = Objects.requireNonNull(text, "text == null").trim();
    return switch (trimmed) {
      case "cheapest" -> cheapest();
      case "fastest" -> fastest();
      default -> {
        List<String> ids =
            List.of(trimmed.split("\\s*,\\s*")).stream().filter(s -> !s.isEmpty()).toList();
        if (ids.isEmpty()) {
          throw new IllegalArgumentException(
              "route '" + text + "' is not cheapest, fastest or a list of provider ids");
        }
        yield order(ids.toArray(String[]::new));
      }
    };
  }

  public Strategy strategy() {
    return strategy;
  }

  @Override
  public String toString() {
    return "Route{" + name + (model == null ? "" : ", model=" + model) + "}";
  }
}
