package dev.nanobanana4j.testkit;

import dev.nanobanana4j.core.domain.JobState;
import dev.nanobanana4j.core.error.Operation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SeaArt's fal-style queue as documented: create, status, response and cancel under {@code
 * /v1/queue/{model}}; {@code Key} or {@code Bearer} keys; {@code IN_QUEUE}, {@code IN_PROGRESS} and
 * {@code COMPLETED} (with {@code error} and {@code error_type} on failure); {@code /response}
 * answering 202 until the task ends; the gateway's and the app's error shapes; and webhooks
 * refused.
 */
final class SeaArtSimulation extends VendorSimulation {
  private static final Pattern CREATE = Pattern.compile("/v1/queue/([a-z0-9_]+)");
  private static final Pattern REQUEST =
      Pattern.compile("/v1/queue/([a-z0-9_]+)/requests/([^/?]+)/(status|response|cancel)");
  private static final List<String> NB2_RATIOS =
      List.of(
          "1:8", "1:4", "1:1", "2:3", "3:2", "3:4", "4:1", "4:3", "4:5", "5:4", "8:1", "9:16",
          "16:9", "21:9");
  private static final List<String> PRO_RATIOS =
      List.of("1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9");
  private static final Set<String> MODELS = Set.of("nano_banana_2", "nano_banana_pro");

  private final Map<String, Boolean> cancelled = new ConcurrentHashMap<>();

  SeaArtSimulation(String apiKey) {
    super("seaart", apiKey);
  }

  @Override
  public String basePath() {
    return "";
  }

  @Override
  protected Optional<Operation> classify(String method, String path) {
    if (method.equals("POST") && CREATE.matcher(path).matches()) {
      return Optional.of(Operation.SUBMIT);
    }
    Matcher request = REQUEST.matcher(path);
    if (request.matches()) {
      return Optional.of(request.group(3).equals("cancel") ? Operation.CANCEL : Operation.STATUS);
    }
    return Optional.empty();
  }

  @Override
  protected Reply handle(
      String method, String path, Map<String, List<String>> headers, String body) {
    String auth = header(headers, "authorization");
    if (!auth.equals("Bearer " + apiKey()) && !auth.equals("Key " + apiKey())) {
      return gatewayError(401, "error-unauthorized.json");
    }
    if (path.contains("webhook")) {
      return detail(400, "webhook not supported");
    }
    Matcher create = CREATE.matcher(path);
    if (method.equals("POST") && create.matches()) {
      if (!MODELS.contains(create.group(1))) {
        return detail(404, "App not found: " + create.group(1));
      }
      return create(create.group(1), body);
    }
    Matcher request = REQUEST.matcher(path);
    if (request.matches()) {
      Optional<SimulatedTask> task = task(request.group(2));
      if (task.isEmpty() || !MODELS.contains(request.group(1))) {
        return request.group(3).equals("cancel")
            ? status(404, "NOT_FOUND")
            : detail(404, "Request not found");
      }
      return switch (request.group(3)) {
        case "status" ->
            method.equals("GET")
                ? statusAnswer(request.group(1), task.get())
                : detail(405, "Method not allowed");
        case "response" ->
            method.equals("GET")
                ? responseAnswer(request.group(1), task.get())
                : detail(405, "Method not allowed");
        default -> method.equals("PUT") ? cancel(task.get()) : detail(405, "Method not allowed");
      };
    }
    return detail(404, "Request not found");
  }

  private Reply create(String model, String body) {
    Map<String, Object> request;
    try {
      request = Json.parseObject(body);
    } catch (IllegalArgumentException e) {
      return detail(400, "Invalid JSON body");
    }
    if (request.keySet().stream()
        .anyMatch(k -> k.toLowerCase(java.util.Locale.ROOT).contains("webhook"))) {
      return detail(400, "webhook not supported");
    }
    boolean pro = model.equals("nano_banana_pro");
    if (!(request.get("prompt") instanceof String prompt)
        || prompt.isEmpty()
        || prompt.length() > 2500) {
      return detail(400, "prompt is required and must be 1-2500 characters");
    }
    Object urls = request.get("image_urls");
    if (urls != null) {
      int max = pro ? 14 : 3;
      if (!(urls instanceof List<?> list) || list.size() > max) {
        return detail(400, "image_urls supports up to " + max + " images");
      }
      for (Object url : list) {
        if (!(url instanceof String s) || !(s.startsWith("https://") || s.startsWith("http://"))) {
          return detail(400, "image_urls must hold image URLs");
        }
      }
    }
    Object ratio = request.get("aspect_ratio");
    if (ratio != null && !(pro ? PRO_RATIOS : NB2_RATIOS).contains(ratio)) {
      return detail(400, "aspect_ratio is not an allowed value");
    }
    Object imageSize = request.get("image_size");
    Set<String> sizes = pro ? Set.of("1K", "2K", "4K") : Set.of("512", "1K", "2K", "4K");
    if (imageSize != null && !sizes.contains(imageSize)) {
      return detail(400, "image_size is not an allowed value");
    }
    Object resolution = request.get("resolution");
    if (resolution != null && (pro || !Set.of("0.5K", "1K", "2K", "4K").contains(resolution))) {
      return detail(400, "resolution is not an allowed value");
    }
    Object modalities = request.get("response_modalities");
    if (modalities != null
        && (pro
            || !(modalities instanceof List<?> names)
            || names.isEmpty()
            || !Set.of("Text", "Image").containsAll(names))) {
      return detail(400, "response_modalities is not an allowed value");
    }
    int[] pixels = size(ratio == null ? "1:1" : ratio.toString());
    SimulatedTask task = accept("mmsu_01hxyz", request, "png", 1, pixels[0], pixels[1], prompt);
    Map<String, Object> answer = Json.fixture("seaart/create-response.json");
    String requestUrl = requestUrl(model, task.id());
    answer.put("request_id", task.id());
    answer.put("response_url", requestUrl + "/response");
    answer.put("status_url", requestUrl + "/status");
    answer.put("cancel_url", requestUrl + "/cancel");
    return Reply.json(200, answer);
  }

  private Reply statusAnswer(String model, SimulatedTask task) {
    JobState state = stateOf(task);
    Map<String, Object> answer =
        Json.fixture(
            switch (state) {
              case QUEUED -> "seaart/status-in-queue.json";
              case RUNNING -> "seaart/status-in-progress.json";
              case SUCCEEDED -> "seaart/status-completed.json";
              default -> "seaart/status-completed-error.json";
            });
    answer.put("request_id", task.id());
    answer.put("response_url", requestUrl(model, task.id()) + "/response");
    if (state == JobState.SUCCEEDED) {
      metrics(answer).put("inference_time", task.script().total().toMillis() / 1000.0);
    }
    if (state == JobState.FAILED) {
      answer.put("error", task.script().failMessage());
      answer.put("error_type", task.script().failCode().orElseThrow());
    }
    if (state == JobState.CANCELLED) {
      answer.put("error", "Request cancelled");
      answer.put("error_type", "CANCELLED");
    }
    return Reply.json(200, answer);
  }

  private Reply responseAnswer(String model, SimulatedTask task) {
    JobState state = stateOf(task);
    if (state == JobState.QUEUED || state == JobState.RUNNING) {
      Map<String, Object> waiting = Json.fixture("seaart/status-in-progress.json");
      waiting.put("status", state == JobState.QUEUED ? "IN_QUEUE" : "IN_PROGRESS");
      waiting.put("request_id", task.id());
      waiting.put("response_url", requestUrl(model, task.id()) + "/response");
      return Reply.json(202, waiting);
    }
    if (state != JobState.SUCCEEDED) {
      return statusAnswer(model, task); // not documented: the failed status is repeated (inferred)
    }
    Map<String, Object> answer = Json.fixture("seaart/response-success.json");
    answer.put("request_id", task.id());
    @SuppressWarnings("unchecked")
    Map<String, Object> output =
        (Map<String, Object>) ((List<Object>) answer.get("outputs")).get(0);
    output.put("url", task.imageUrls().get(0));
    output.put("file_name", "image.png");
    int[] pixels = size(String.valueOf(((Map<?, ?>) task.request()).get("aspect_ratio")));
    output.put("width", (long) pixels[0]);
    output.put("height", (long) pixels[1]);
    metadata(answer).put("prompt", ((Map<?, ?>) task.request()).get("prompt"));
    return Reply.json(200, answer);
  }

  private Reply cancel(SimulatedTask task) {
    JobState state = stateOf(task);
    if (state.isTerminal()) {
      return status(400, "ALREADY_COMPLETED");
    }
    cancelled.put(task.id(), true);
    return status(202, "CANCELLATION_REQUESTED");
  }

  private JobState stateOf(SimulatedTask task) {
    return cancelled.containsKey(task.id()) ? JobState.CANCELLED : task.stateAt(clock().instant());
  }

  private String requestUrl(String model, String requestId) {
    return rootUrl() + "/" + id() + "/v1/queue/" + model + "/requests/" + requestId;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> metrics(Map<String, Object> answer) {
    return (Map<String, Object>) answer.get("metrics");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> metadata(Map<String, Object> answer) {
    return (Map<String, Object>) answer.get("metadata");
  }

  private static Reply status(int httpStatus, String word) {
    return Reply.json(httpStatus, Map.of("status", word));
  }

  private static Reply detail(int httpStatus, String detail) {
    Map<String, Object> body = Json.fixture("seaart/error-detail.json");
    body.put("detail", detail);
    return Reply.json(httpStatus, body);
  }

  private Reply gatewayError(int httpStatus, String fixture) {
    Map<String, Object> body = Json.fixture("seaart/" + fixture);
    body.put("request_id", "req_" + Long.toHexString(clock().millis()));
    return Reply.json(httpStatus, body);
  }

  /** The gateway's shape for rate limits, the app's {@code detail} for the rest. */
  @Override
  protected Reply error(int httpStatus, String message) {
    if (httpStatus == 429) {
      return gatewayError(429, "error-rate-limit.json");
    }
    if (httpStatus == 401) {
      return gatewayError(401, "error-unauthorized.json");
    }
    return detail(httpStatus, message);
  }
}
