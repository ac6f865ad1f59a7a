package dev.nanobanana4j.cli;

import dev.nanobanana4j.core.application.routing.Budget;
import dev.nanobanana4j.core.application.routing.Route;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.Money;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    mixinStandardHelpOptions = true,
    name = "generate",
    description =
        "Generate an image from a prompt, or edit reference images (--image), and wait for it.",
    footer = ExitCodes.HELP)
final class GenerateCommand implements Callable<Integer> {
  @ParentCommand NanoBananaCli root;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  /** Where the request goes: one provider, or a route among several. */
  static final class Target {
    @Option(
        names = "--provider",
        paramLabel = "ID",
        completionCandidates = ProviderIds.class,
        description = "The provider id, e.g. apixo.")
    String provider;

    @Option(
        names = "--route",
        paramLabel = "ROUTE",
        description =
            "cheapest, fastest, or provider ids in order (apixo,mulerun): the first that accepts"
                + " the request and does not refuse it takes it. Each provider's key and base URL"
                + " come from <ID>_API_KEY and <ID>_BASE_URL.")
    String route;
  }

  @Option(
      names = "--budget",
      paramLabel = "USD",
      description =
          "A spend limit in US dollars: a request whose estimate is over it, or unknown, is"
              + " refused before sending.")
  java.math.BigDecimal budget;

  @Option(
      names = "--unknown-price-ceiling",
      paramLabel = "USD",
      description =
          "With --budget: what to reserve for each image at a provider whose price is unknown,"
              + " instead of refusing the request.")
  java.math.BigDecimal unknownPriceCeiling;

  @Mixin PricingOptions pricing;

  @Option(names = "--metrics", description = "Print the run's meters to stderr at exit.")
  boolean metrics;

  @Mixin RequestOptions what;

  @Mixin WaitOptions waiting;

  @Mixin OutputOptions output;

  @Option(names = "--no-wait", description = "Submit, print the job token, and return at once.")
  boolean noWait;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    Report report = new Report();
    if (target.provider != null) {
      report.provider(target.provider);
    }
    return NanoBananaCli.reporting(
        report,
        output.json,
        stdout,
        stderr,
        () -> {
          ImageRequest request = what.request();
          waiting.checkOut();
          Route route = target.route == null ? null : Route.parse(target.route);
          List<String> ids =
              target.provider != null
                  ? List.of(target.provider)
                  : routeIds(target.route, root.registry.ids());
          Session.Extras extras =
              new Session.Extras(pricing.overrides(), budget(budget, unknownPriceCeiling));
          try (Session session =
              Session.open(
                  root.registry,
                  ids,
                  connection,
                  root.env,
                  extras,
                  route == null || !List.of("cheapest", "fastest").contains(target.route.trim()))) {
            try {
              if (route == null && splits(session, target.provider, request)) {
                if (noWait) {
                  throw new IllegalArgumentException(
                      "--no-wait takes one job; "
                          + target.provider
                          + " makes fewer images per call than --count "
                          + request.count());
                }
                report.estimate(session.client.estimate(target.provider, request));
                report.warnings(session.client.warnings(target.provider, request), stderr);
                return JobCompletion.generateSplit(
                    session.client,
                    target.provider,
                    request,
                    new JobCompletion.Saving(
                        waiting.out,
                        waiting.timeout,
                        request.count(),
                        session.baseUrl(target.provider),
                        waiting.progress.resolve(root.stderrIsTerminal)),
                    report,
                    stderr);
              }
              if (route != null && request.count() > 1 && !noWait) {
                // Each call of the count routed on its own, as many calls as the first choice
                // needs.
                return JobCompletion.generateSplit(
                    session.client,
                    request,
                    route,
                    new JobCompletion.Saving(
                        waiting.out,
                        waiting.timeout,
                        request.count(),
                        session.baseUrl(ids.get(0)),
                        waiting.progress.resolve(root.stderrIsTerminal)),
                    report,
                    stderr);
              }
              JobHandle handle;
              // --timeout bounds the whole command: the submission, then the wait in what is left.
              java.time.Instant deadline =
                  waiting.timeout == null ? null : java.time.Instant.now().plus(waiting.timeout);
              if (route == null) {
                report.estimate(session.client.estimate(target.provider, request));
                handle =
                    within(
                        session.client.submit(target.provider, request), deadline, target.provider);
              } else {
                handle = within(session.client.submit(request, route), deadline, null);
                report.provider(handle.providerId());
                report.estimate(session.client.estimate(handle.providerId(), request));
              }
              report.handle(handle);
              report.warnings(session.client.warnings(handle.providerId(), request), stderr);
              stderr.println("submitted " + handle.providerId() + " task " + handle.taskId());
              stderr.flush();
              if (noWait) {
                report.state("submitted");
                return ExitCodes.OK;
              }
              return JobCompletion.await(
                  session.client,
                  handle,
                  new JobCompletion.Saving(
                      waiting.out,
                      left(deadline, waiting.timeout),
                      request.count(),
                      session.baseUrl(handle.providerId()),
                      waiting.progress.resolve(root.stderrIsTerminal)),
                  report,
                  stderr);
            } finally {
              if (metrics) {
                session.printMeters(stderr);
              }
            }
          }
        });
  }

  /**
   * The submission's handle, waited for until {@code deadline} (none: as long as it takes); past it
   * the outcome is unknown: the vendor may have taken the job, which the ledger keeps.
   */
  static JobHandle within(
      java.util.concurrent.CompletableFuture<JobHandle> submission,
      java.time.Instant deadline,
      String providerId)
      throws InterruptedException {
    try {
      if (deadline == null) {
        return submission.get();
      }
      long left = java.time.Duration.between(java.time.Instant.now(), deadline).toNanos();
      return submission.get(Math.max(0, left), java.util.concurrent.TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new dev.nanobanana4j.core.error.OutcomeUnknownException(
          "no answer to the submission within --timeout: the vendor may have taken the job; the"
              + " ledger keeps it (nanobanana jobs)",
          dev.nanobanana4j.core.error.ErrorContext.of(
              providerId, dev.nanobanana4j.core.error.Operation.SUBMIT),
          e);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      while (cause instanceof java.util.concurrent.CompletionException
          && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** What is left of the command's {@code --timeout} at its wait (none when it has none). */
  static java.time.Duration left(java.time.Instant deadline, java.time.Duration timeout) {
    if (deadline == null) {
      return timeout;
    }
    java.time.Duration left = java.time.Duration.between(java.time.Instant.now(), deadline);
    return left.compareTo(java.time.Duration.ofMillis(1)) < 0
        ? java.time.Duration.ofMillis(1)
        : left;
  }

  /** Whether one call to {@code providerId} makes fewer images than {@code request} asks for. */
  private static boolean splits(Session session, String providerId, ImageRequest request) {
    return session.client.providers().stream()
        .filter(info -> info.id().equals(providerId))
        .flatMap(info -> info.modelFor(request).stream())
        .anyMatch(model -> model.capabilities().maxCount() < request.count());
  }

  private static final java.util.Currency USD = java.util.Currency.getInstance("USD");

  /** The command's budget, if it sets one, with its ceiling for unknown prices. */
  static Budget budget(java.math.BigDecimal limit, java.math.BigDecimal ceiling) {
    if (limit == null) {
      if (ceiling != null) {
        throw new IllegalArgumentException("--unknown-price-ceiling takes a --budget");
      }
      return null;
    }
    Budget budget = Budget.of(new Money(limit, USD));
    return ceiling == null ? budget : budget.withUnknownPriceCeiling(new Money(ceiling, USD));
  }

  /** The providers a route names, or every installed one for cheapest and fastest. */
  private static List<String> routeIds(String route, List<String> installed) {
    String trimmed = route.trim();
    if (trimmed.equals("cheapest") || trimmed.equals("fastest")) {
      return installed;
    }
    return List.of(trimmed.split("\\s*,\\s*"));
  }
}
