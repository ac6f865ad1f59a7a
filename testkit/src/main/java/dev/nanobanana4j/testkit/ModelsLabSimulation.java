package dev.nanobanana4j.testkit;

import dev.nanobanana4j.core.domain.JobState;
import dev.nanobanana4j.core.error.Operation;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ModelsLab's enterprise Nano Banana server as documented: {@code text2img}, {@code img2img} and
 * {@code multi_ref}, the key in the JSON body, width and height of 1024–2048 divisible by 32, 1–4
 * samples, yes/no strings, and {@code fetch/{id}}. A task that is done at once answers {@code
 * success}; otherwise {@code processing} with {@code eta}, {@code fetch_result} and {@code
 * future_links}.
 */
final class ModelsLabSimulation extends VendorSimulation {
  private static final Pattern GENERATE =
      Pattern.compile("/enterprise/nano_banana/(text2img|img2img|multi_ref)");
  private static final Pattern FETCH = Pattern.compile("/enterprise/nano_banana/fetch/([^/?]+)");

  ModelsLabSimulation(String apiKey) {
    super("modelslab", apiKey);
  }

  @Override
  public String basePath() {
    return "/api/v1";
  }

  @Override
  protected Optional<Operation> classify(String method, String path) {
    if (method.equals("POST") && GENERATE.matcher(path).matches()) {
      return Optional.of(Operation.SUBMIT);
    }
    if (method.equals("POST") && FETCH.matcher(path).matches()) {
      return Optional.of(Operation.STATUS);
    }
    return Optional.empty();
  }

  @Override
  protected Reply handle(
      String method, String path, Map<String, List<String>> headers, String body) {
    Map<String, Object> request;
    try {
      request = Json.parseObject(body);
    } catch (IllegalArgumentException e) {
      return error(400, "Invalid JSON body");
    }
    if (!apiKey().equals(request.get("key"))) {
      return error(401, "Invalid API key");
    }
    Matcher generate = GENERATE.matcher(path);
    if (method.equals("POST") && generate.matches()) {
      return generate(generate.group(1), request);
    }
    Matcher fetch = FETCH.matcher(path);
    if (method.equals("POST") && fetch.matches()) {
      return fetch(fetch.group(1));
    }
    return error(404, "Not found");
  }

  private Reply generate(String endpoint, Map<String, Object> request) {
    if (!(request.get("prompt") instanceof String prompt) || prompt.isEmpty()) {
      return error(400, "prompt is required");
    }
    Object ref = request.get("ref_image");
    if (endpoint.equals("img2img")
        && !(ref instanceof String || ref instanceof List<?> l && !l.isEmpty())) {
      return error(400, "ref_image is required");
    }
    if (endpoint.equals("multi_ref") && !(ref instanceof List<?> l && !l.isEmpty())) {
      return error(400, "ref_image must be an array of image URLs");
    }
    for (String side : List.of("width", "height")) {
      Object value = request.get(side);
      if (value != null && !(value instanceof Long n && n >= 1024 && n <= 2048 && n % 32 == 0)) {
        return error(400, side + " must be between 1024 and 2048 and divisible by 32");
      }
    }
    Object samples = request.getOrDefault("samples", 1L);
    if (!(samples instanceof Long n && n >= 1 && n <= 4)) {
      return error(400, "samples must be between 1 and 4");
    }
    for (String flag : List.of("keep_original_aspect", "watermark", "temp", "base64")) {
      Object value = request.get(flag);
      if (value != null && !"yes".equals(value) && !"no".equals(value)) {
        return error(400, flag + " must be \"yes\" or \"no\"");
      }
    }
    Object webhook = request.get("webhook");
    if (webhook != null && !(webhook instanceof String url && ApixoSimulation.isCallbackUrl(url))) {
      return error(400, "webhook must be an HTTPS URL");
    }
    long width = request.get("width") instanceof Long w ? w : 2048;
    long height = request.get("height") instanceof Long h ? h : 2048;
    int[] pixels = size(width + ":" + height);
    SimulatedTask task =
        accept("", request, "png", (int) (long) (Long) samples, pixels[0], pixels[1], prompt);
    if (task.stateAt(clock().instant()) == JobState.SUCCEEDED) {
      Map<String, Object> answer = Json.fixture("modelslab/generation-success.json");
      answer.put("id", Long.valueOf(task.id()));
      answer.put("output", output(task));
      answer.put("generationTime", 0.0);
      return Reply.json(200, answer);
    }
    return Reply.json(200, processing(task));
  }

  private Map<String, Object> processing(SimulatedTask task) {
    Map<String, Object> answer = Json.fixture("modelslab/generation-processing.json");
    answer.put("id", Long.valueOf(task.id()));
    long eta = Math.max(0, Duration.between(clock().instant(), task.completedAt()).toSeconds());
    answer.put("eta", eta);
    answer.put(
        "fetch_result",
        rootUrl() + "/" + id() + basePath() + "/enterprise/nano_banana/fetch/" + task.id());
    answer.put("future_links", task.imageUrls());
    return answer;
  }

  private Reply fetch(String id) {
    Optional<SimulatedTask> found = task(id);
    if (found.isEmpty()) {
      return error(404, "Request not found");
    }
    SimulatedTask task = found.get();
    return switch (task.stateAt(clock().instant())) {
      case QUEUED, RUNNING -> Reply.json(200, processing(task));
      case SUCCEEDED -> {
        Map<String, Object> answer = Json.fixture("modelslab/fetch-success.json");
        answer.put("output", output(task));
        yield Reply.json(200, answer);
      }
      default -> {
        Map<String, Object> answer = Json.fixture("modelslab/failed.json");
        answer.put("id", task.id());
        answer.put("message", task.script().failMessage());
        answer.put("track_id", ((Map<?, ?>) task.request()).get("track_id"));
        yield Reply.json(200, answer);
      }
    };
  }

  /**
   * With a {@code webhook} URL in the request, ModelsLab posts the webhook payload there when the
   * generation ends; it signs nothing (docs-v2 webhooks.mdx).
   */
  @Override
  protected Optional<CallbackDelivery> callback(SimulatedTask task) {
    Map<?, ?> request = (Map<?, ?>) task.request();
    if (!(request.get("webhook") instanceof String target)) {
      return Optional.empty();
    }
    boolean succeeded = task.stateAt(clock().instant()) == JobState.SUCCEEDED;
    Map<String, Object> payload =
        Json.fixture(succeeded ? "modelslab/webhook-success.json" : "modelslab/failed.json");
    payload.put("id", Long.valueOf(task.id()));
    payload.put("track_id", request.get("track_id"));
    if (succeeded) {
      payload.put("output", output(task));
      payload.put(
          "generationTime",
          Duration.between(task.createdAt(), task.completedAt()).toMillis() / 1000.0);
      @SuppressWarnings("unchecked")
      Map<String, Object> meta = (Map<String, Object>) payload.get("meta");
      meta.put("prompt", request.get("prompt"));
      meta.put("model_id", "nano_banana");
    } else {
      payload.put("message", task.script().failMessage());
    }
    return Optional.of(
        new CallbackDelivery(id(), task.id(), URI.create(target), Map.of(), Json.write(payload)));
  }

  /** URLs, or the images themselves in base64 when the request asked for {@code base64: yes}. */
  private List<Object> output(SimulatedTask task) {
    if (!"yes".equals(((Map<?, ?>) task.request()).get("base64"))) {
      return new ArrayList<>(task.imageUrls());
    }
    List<Object> encoded = new ArrayList<>();
    for (int i = 0; i < task.imageUrls().size(); i++) {
      byte[] png = SampleImages.render("png", 64, 64, task.id() + "#" + i);
      encoded.add(Base64.getEncoder().encodeToString(png));
    }
    return encoded;
  }

  /** ModelsLab's error body; a rate limit also carries {@code retry_after}. */
  @Override
  protected Reply error(int httpStatus, String message) {
    if (httpStatus == 429) {
      return Reply.json(429, Json.fixture("modelslab/error-rate-limit.json"));
    }
    Map<String, Object> body = Json.fixture("modelslab/error.json");
    body.put("message", message);
    return Reply.json(httpStatus, body);
  }
}
