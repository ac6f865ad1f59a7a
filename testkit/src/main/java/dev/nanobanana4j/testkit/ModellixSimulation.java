package dev.nanobanana4j.testkit;

import dev.nanobanana4j.core.domain.JobState;
import dev.nanobanana4j.core.error.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Modellix's task API as documented: {@code POST /google/{model}/async} (and the suffix-less path
 * its newest CLI uses), {@code GET /tasks/{task_id}}, bearer keys, the {@code code: 0} envelope
 * with {@code get_result.url}, states pending, processing, success and failed, and images in {@code
 * data.result.resources[]}. A failed task carries no detail, as documented.
 */
final class ModellixSimulation extends VendorSimulation {
  private static final Pattern SUBMIT = Pattern.compile("/google/([a-z0-9-]+)(/async)?");
  private static final Pattern TASK = Pattern.compile("/tasks/([^/?]+)");
  private static final Set<String> TEXT_TO_IMAGE =
      Set.of("nano-banana-2", "nano-banana-pro", "nano-banana", "nano-banana-2-lite");
  private static final Set<String> EDIT = Set.of("nano-banana-2-edit", "nano-banana-pro-edit");
  private static final List<String> RATIOS =
      List.of(
          "1:1", "1:4", "1:8", "2:3", "3:2", "3:4", "4:1", "4:3", "4:5", "5:4", "8:1", "9:16",
          "16:9", "21:9");
  private static final Set<String> SIZES = Set.of("512", "1K", "2K", "4K");

  private static final String VALIDATE = "/apikey/validate";
  private static final String BALANCE = "/team/balance";

  /** The team balance {@code GET /team/balance} reports. */
  private static final double BALANCE_USD = 100.0;

  ModellixSimulation(String apiKey) {
    super("modellix", apiKey);
  }

  @Override
  public String basePath() {
    return "/api/v1";
  }

  @Override
  protected Optional<Operation> classify(String method, String path) {
    if (method.equals("POST") && SUBMIT.matcher(path).matches()) {
      return Optional.of(Operation.SUBMIT);
    }
    if (method.equals("GET") && TASK.matcher(path).matches()) {
      return Optional.of(Operation.STATUS);
    }
    if (method.equals("GET") && (path.equals(VALIDATE) || path.equals(BALANCE))) {
      return Optional.of(Operation.ACCOUNT);
    }
    return Optional.empty();
  }

  @Override
  protected Reply handle(
      String method, String path, Map<String, List<String>> headers, String body) {
    if (!hasBearerKey(headers)) {
      return error(401, "Authentication failed: invalid or missing API key");
    }
    Matcher submit = SUBMIT.matcher(path);
    if (method.equals("POST") && submit.matches()) {
      String slug = submit.group(1);
      if (!TEXT_TO_IMAGE.contains(slug) && !EDIT.contains(slug)) {
        return error(404, "Model not found: google/" + slug);
      }
      return submit(slug, body);
    }
    Matcher task = TASK.matcher(path);
    if (method.equals("GET") && task.matches()) {
      return taskAnswer(task.group(1));
    }
    // Key validation and the team's balance, as Modellix's own CLI reads them.
    if (method.equals("GET") && path.equals(VALIDATE)) {
      return Reply.json(
          200, Map.of("code", 0L, "message", "success", "data", Map.of("is_valid", true)));
    }
    if (method.equals("GET") && path.equals(BALANCE)) {
      return Reply.json(
          200, Map.of("code", 0L, "message", "success", "data", Map.of("balance", BALANCE_USD)));
    }
    return error(404, "Not found");
  }

  private Reply submit(String slug, String body) {
    Map<String, Object> request;
    try {
      request = Json.parseObject(body);
    } catch (IllegalArgumentException e) {
      return error(400, "Invalid format: request body is not valid JSON");
    }
    if (!(request.get("prompt") instanceof String prompt) || prompt.isEmpty()) {
      return error(400, "Invalid parameters: parameter 'prompt' is required");
    }
    if (EDIT.contains(slug)) {
      // The schema says an array of 1-14 URLs; the page's own curl example sends one string.
      Object image = request.get("image");
      List<Object> images =
          image instanceof String s
              ? List.of(s)
              : image instanceof List<?> l ? new ArrayList<>(l) : null;
      if (images == null || images.isEmpty()) {
        return error(400, "Missing required parameter: image");
      }
      if (images.size() > 14) {
        return error(400, "Value out of range: image accepts 1-14 URLs");
      }
      for (Object url : images) {
        if (!(url instanceof String s) || !(s.startsWith("https://") || s.startsWith("http://"))) {
          return error(400, "Invalid format: image must hold image URLs");
        }
      }
    }
    Object ratio = request.get("aspectRatio");
    if (ratio != null && !RATIOS.contains(ratio)) {
      return error(
          400, "Invalid parameters: aspectRatio must be one of " + String.join(", ", RATIOS));
    }
    Object size = request.get("imageSize");
    if (size != null && !SIZES.contains(size)) {
      return error(400, "Invalid parameters: imageSize must be one of 512, 1K, 2K, 4K");
    }
    String model =
        slug.endsWith("-edit") ? slug.substring(0, slug.length() - "-edit".length()) : slug;
    int[] pixels = size(ratio == null ? "1:1" : ratio.toString());
    SimulatedTask task = accept("task-", request, "png", 1, pixels[0], pixels[1], prompt);
    Map<String, Object> answer = Json.fixture("modellix/submit-response.json");
    Map<String, Object> data = data(answer);
    data.put("task_id", task.id());
    data.put("model_id", "google/" + model);
    getResult(data).put("url", rootUrl() + "/" + id() + basePath() + "/tasks/" + task.id());
    return Reply.json(200, answer);
  }

  private Reply taskAnswer(String taskId) {
    Optional<SimulatedTask> found = task(taskId);
    if (found.isEmpty()) {
      return error(404, "Task not found: " + taskId);
    }
    SimulatedTask task = found.get();
    JobState state = task.stateAt(clock().instant());
    Map<String, Object> answer;
    switch (state) {
      case QUEUED, RUNNING -> {
        answer = Json.fixture("modellix/task-pending.json");
        data(answer).put("status", state == JobState.QUEUED ? "pending" : "processing");
      }
      case SUCCEEDED -> {
        answer = Json.fixture("modellix/task-success.json");
        data(answer)
            .put("duration", Duration.between(task.createdAt(), task.completedAt()).toMillis());
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) data(answer).get("result");
        @SuppressWarnings("unchecked")
        Map<String, Object> resource =
            (Map<String, Object>) ((List<Object>) result.get("resources")).get(0);
        resource.put("url", task.imageUrls().get(0));
        int[] pixels = size(String.valueOf(((Map<?, ?>) task.request()).get("aspectRatio")));
        resource.put("width", (long) pixels[0]);
        resource.put("height", (long) pixels[1]);
      }
      default -> answer = Json.fixture("modellix/task-failed.json");
    }
    data(answer).put("task_id", task.id());
    if (data(answer).containsKey("model_id")) {
      data(answer).put("model_id", "google/nano-banana-2");
    }
    return Reply.json(200, answer);
  }

  /** Modellix's unified error body, whose {@code code} equals the HTTP status. */
  @Override
  protected Reply error(int httpStatus, String message) {
    Map<String, Object> body = Json.fixture("modellix/error.json");
    body.put("code", (long) httpStatus);
    body.put("message", message);
    return Reply.json(httpStatus, body);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(Map<String, Object> envelope) {
    return (Map<String, Object>) envelope.get("data");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> getResult(Map<String, Object> data) {
    return (Map<String, Object>) data.get("get_result");
  }
}
