package dev.nanobanana4j.cli;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.nanobanana4j.core.domain.CostEstimate;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.GenerationResult;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.RequestWarning;
import dev.nanobanana4j.core.domain.VendorReport;
import dev.nanobanana4j.core.error.NanoBananaException;
import dev.nanobanana4j.core.error.OutcomeUnknownException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a command tells the user: as {@code key: value} lines, or with {@code --json} as exactly one
 * JSON object on stdout.
 */
final class Report {
  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);

  /** The version of the {@code --json} object's schema (README: "The --json object"). */
  static final int SCHEMA = 1;

  private final Map<String, Object> fields = new LinkedHashMap<>();

  Report() {
    fields.put("schema", SCHEMA);
  }

  Report provider(String providerId) {
    fields.put("provider", providerId);
    return this;
  }

  Report handle(JobHandle handle) {
    fields.put("provider", handle.providerId());
    fields.put("token", handle.toToken());
    fields.put("taskId", handle.taskId());
    return this;
  }

  Report field(String name, Object value) {
    fields.put(name, value);
    return this;
  }

  Report state(String state) {
    fields.put("state", state);
    return this;
  }

  Report status(JobStatus status) {
    state(status.state().label());
    if (status instanceof JobStatus.Queued queued && queued.position().isPresent()) {
      fields.put("queuePosition", queued.position().getAsInt());
    }
    if (status instanceof JobStatus.Succeeded succeeded) {
      images(succeeded.images());
      vendor(succeeded);
    }
    if (status instanceof JobStatus.Failed failed) {
      Map<String, Object> failure = new LinkedHashMap<>();
      failure.put("reason", failed.reason().name());
      failure.put("vendorCode", failed.vendorCode().orElse(null));
      failure.put("message", failed.message());
      fields.put("failure", failure);
    }
    return this;
  }

  Report images(List<GeneratedImage> images) {
    List<String> urls = new ArrayList<>();
    for (GeneratedImage image : images) {
      urls.add(
          image
              .url()
              .map(Object::toString)
              .orElse("(inline " + image.mediaType().orElse("image") + ")"));
    }
    fields.put("images", urls);
    // Each image's size in pixels as the vendor reports it, in the order of images, where known.
    if (images.stream().anyMatch(image -> image.width().isPresent())) {
      List<String> sizes = new ArrayList<>();
      for (GeneratedImage image : images) {
        sizes.add(
            image.width().isPresent()
                ? image.width().getAsInt() + "x" + image.height().getAsInt()
                : null);
      }
      fields.put("sizes", sizes);
    }
    // When the vendor deletes each image (in the order of images), where that is known.
    if (images.stream().anyMatch(image -> image.expiresAt().isPresent())) {
      List<String> expiry = new ArrayList<>();
      for (GeneratedImage image : images) {
        expiry.add(image.expiresAt().map(Object::toString).orElse(null));
      }
      fields.put("expiresAt", expiry);
    }
    return this;
  }

  /**
   * What the vendor said of a finished job besides its images, where it said anything ({@code
   * vendor}: {@code requestId}, {@code createdAt}, {@code completedAt}, {@code durationMs}, {@code
   * text}, {@code charged} with {@code amount} and {@code currency}, and its other {@code fields}).
   */
  private void vendor(JobStatus.Succeeded succeeded) {
    VendorReport report = succeeded.report();
    Map<String, Object> vendor = new LinkedHashMap<>();
    report.requestId().ifPresent(id -> vendor.put("requestId", id));
    report.createdAt().ifPresent(at -> vendor.put("createdAt", at.toString()));
    report.completedAt().ifPresent(at -> vendor.put("completedAt", at.toString()));
    succeeded.vendorReportedDuration().ifPresent(d -> vendor.put("durationMs", d.toMillis()));
    report.text().ifPresent(text -> vendor.put("text", text));
    report
        .charged()
        .ifPresent(
            money ->
                vendor.put(
                    "charged",
                    Map.of(
                        "amount",
                        money.amount().toPlainString(),
                        "currency",
                        money.currency().getCurrencyCode())));
    if (!report.fields().isEmpty()) {
      vendor.put("fields", report.fields());
    }
    if (!vendor.isEmpty()) {
      fields.put("vendor", vendor);
    }
  }

  /**
   * The options a lenient request dropped at its provider: each on stderr as a {@code warning:}
   * line, and with {@code --json} in {@code warnings} ({@code option}, {@code message}).
   */
  Report warnings(List<RequestWarning> warnings, PrintWriter stderr) {
    if (warnings.isEmpty()) {
      return this;
    }
    List<Map<String, Object>> list = new ArrayList<>();
    for (RequestWarning warning : warnings) {
      stderr.println("warning: " + Terminal.printable(warning.message()));
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("option", warning.option());
      w.put("message", warning.message());
      list.add(w);
    }
    fields.put("warnings", list);
    return this;
  }

  /**
   * A generation split into several calls: every job's token and task id ({@code tokens}, {@code
   * taskIds}), the images, and each call that made none ({@code failures}: {@code count}, {@code
   * taskId} when it was submitted, {@code code}, {@code message}), and what the vendors charged for
   * them all where each reported it ({@code charged}: {@code amount}, {@code currency}).
   */
  Report generation(GenerationResult result) {
    fields.put("provider", result.handle().providerId());
    fields.put("tokens", result.handles().stream().map(JobHandle::toToken).toList());
    fields.put("taskIds", result.handles().stream().map(JobHandle::taskId).toList());
    estimate(result.estimate());
    result
        .charged()
        .ifPresent(
            charged -> {
              Map<String, Object> money = new LinkedHashMap<>();
              money.put("amount", charged.amount().toPlainString());
              money.put("currency", charged.currency().getCurrencyCode());
              fields.put("charged", money);
            });
    state(result.isPartial() ? "partial" : "succeeded");
    images(result.images());
    if (result.isPartial()) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (GenerationResult.Failure failure : result.failures()) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("count", failure.count());
        f.put("taskId", failure.handle().map(JobHandle::taskId).orElse(null));
        f.put("code", code(failure.error()));
        f.put("message", failure.error().getMessage());
        list.add(f);
      }
      fields.put("failures", list);
    }
    return this;
  }

  Report files(List<Path> files) {
    fields.put("files", files.stream().map(Path::toString).toList());
    return this;
  }

  Report estimate(CostEstimate estimate) {
    Map<String, Object> cost = new LinkedHashMap<>();
    cost.put("known", estimate.isKnown());
    estimate
        .total()
        .ifPresent(
            total -> {
              cost.put("amount", total.amount().toPlainString());
              cost.put("currency", total.currency().getCurrencyCode());
            });
    cost.put("basis", estimate.basis());
    fields.put("estimatedCost", cost);
    return this;
  }

  Report error(Throwable error) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("code", code(error));
    e.put("message", error.getMessage());
    if (error instanceof NanoBananaException n) {
      n.httpStatus().ifPresent(s -> e.put("httpStatus", s));
      n.vendorCode().ifPresent(c -> e.put("vendorCode", c));
      n.taskId().ifPresent(t -> e.put("taskId", t));
      e.put("outcomeUnknown", error instanceof OutcomeUnknownException);
    }
    fields.put("error", e);
    if (!fields.containsKey("state")) {
      fields.put("state", "error");
    }
    return this;
  }

  /**
   * The error's stable code, documented in the README; it names what the user can do, not a Java
   * class, and it does not change when the classes do.
   */
  static String code(Throwable error) {
    if (error instanceof SaveFailedException) {
      return "saving_failed";
    }
    if (error instanceof dev.nanobanana4j.core.error.OutcomeUnknownException) {
      return "outcome_unknown";
    }
    if (error instanceof dev.nanobanana4j.core.error.JobTimeoutException) {
      return "job_timeout";
    }
    if (error instanceof dev.nanobanana4j.core.error.JobFailedException) {
      return "job_failed";
    }
    if (error instanceof dev.nanobanana4j.core.error.JobNotFoundException) {
      return "job_not_found";
    }
    if (error instanceof dev.nanobanana4j.core.error.RequestValidationException
        || error instanceof dev.nanobanana4j.core.error.InvalidRequestException) {
      return "invalid_request";
    }
    if (error instanceof dev.nanobanana4j.core.error.BudgetExceededException) {
      return "budget_exceeded";
    }
    if (error instanceof dev.nanobanana4j.core.error.AuthenticationException) {
      return "authentication";
    }
    if (error instanceof dev.nanobanana4j.core.error.InsufficientBalanceException) {
      return "insufficient_balance";
    }
    if (error instanceof dev.nanobanana4j.core.error.RateLimitException) {
      return "rate_limited";
    }
    if (error instanceof dev.nanobanana4j.core.error.ContentPolicyException) {
      return "content_policy";
    }
    if (error instanceof dev.nanobanana4j.core.error.ProviderUnavailableException) {
      return "provider_unavailable";
    }
    if (error instanceof dev.nanobanana4j.core.error.ProtocolException) {
      return "protocol_error";
    }
    if (error instanceof dev.nanobanana4j.core.error.OperationNotSupportedException) {
      return "not_supported";
    }
    if (error instanceof dev.nanobanana4j.core.error.ProviderNotFoundException
        || error instanceof dev.nanobanana4j.core.error.ProviderConfigurationException) {
      return "configuration";
    }
    if (error instanceof IllegalArgumentException) {
      return "invalid_usage";
    }
    return "error";
  }

  void print(boolean json, PrintWriter out) {
    if (json) {
      out.println(JSON.toJson(fields));
    } else {
      // For people the error goes to stderr alone, where the command prints it.
      fields.forEach(
          (key, value) -> {
            if (!key.equals("error") && !key.equals("schema")) {
              printHuman(out, key, value);
            }
          });
    }
    out.flush();
  }

  /** Prints one field for people; vendor text in it cannot drive the terminal. */
  private static void printHuman(PrintWriter out, String key, Object value) {
    if (value == null) {
      return;
    }
    if (value instanceof String text) {
      value = Terminal.printable(text);
    }
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        out.printf(
            "%-10s %s%n",
            singular(key) + " " + (i + 1), Terminal.printable(String.valueOf(list.get(i))));
      }
    } else if (value instanceof Map<?, ?> map) {
      if (key.equals("estimatedCost")) {
        out.printf(
            "%-10s %s%n",
            "estimate",
            Boolean.TRUE.equals(map.get("known"))
                ? map.get("amount") + " " + map.get("currency") + " (" + map.get("basis") + ")"
                : "unknown (" + map.get("basis") + ")");
      } else {
        map.forEach(
            (k, v) -> {
              if (v != null) {
                out.printf("%-10s %s%n", key + "." + k, Terminal.printable(String.valueOf(v)));
              }
            });
      }
    } else {
      out.printf("%-10s %s%n", key, value);
    }
  }

  private static String singular(String key) {
    return key.endsWith("s") ? key.substring(0, key.length() - 1) : key;
  }
}
