package dev.nanobanana4j.testkit;

import dev.nanobanana4j.core.domain.JobState;
import dev.nanobanana4j.core.error.Operation;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * APIXO's Nano Banana 2 task API, as its documentation gives it: {@code POST
 * /generateTask/nano-banana-2} and {@code GET /statusTask/nano-banana-2?taskId=}, bearer keys, the
 * {@code code}/{@code message}/{@code data} envelope, states pending, processing, success and
 * failed, and {@code resultJson} as a JSON string.
 */
final class ApixoSimulation extends VendorSimulation {
  private static final Pattern SUBMIT = Pattern.compile("/generateTask/([^/?]+)");
  private static final Pattern STATUS = Pattern.compile("/statusTask/([^/?]+)(\\?.*)?");
  private static final Set<String> MODELS = Set.of("nano-banana-2", "nano-banana");
  private static final List<String> ASPECT_RATIOS =
      List.of(
          "auto", "1:1", "1:4", "4:1", "1:8", "3:2", "2:3", "3:4", "4:3", "4:5", "5:4", "8:1",
          "9:16", "16:9", "21:9");
  private static final Set<String> RESOLUTIONS = Set.of("1k", "2k", "4k");
  private static final Set<String> FORMATS = Set.of("png", "jpeg", "jpg");
  private static final int MAX_PROMPT = 20_000;
  private static final int MAX_IMAGES = 14;

  ApixoSimulation(String apiKey) {
    super("apixo", apiKey);
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
    if (method.equals("GET") && STATUS.matcher(path).matches()) {
      return Optional.of(Operation.STATUS);
    }
    return Optional.empty();
  }

  @Override
  protected Reply handle(
      String method, String path, Map<String, List<String>> headers, String body) {
    if (!hasBearerKey(headers)) {
      return error(401, "Unauthorized: missing or invalid API key");
    }
    Matcher submit = SUBMIT.matcher(path);
    if (method.equals("POST") && submit.matches()) {
      if (!MODELS.contains(submit.group(1))) {
        return error(404, "Model not found: " + submit.group(1));
      }
      return submit(headers, body);
    }
    Matcher status = STATUS.matcher(path);
    if (method.equals("GET") && status.matches()) {
      if (!MODELS.contains(status.group(1))) {
        return error(404, "Model not found: " + status.group(1));
      }
      return status(queryParameter(status.group(2), "taskId"));
    }
    return error(404, "Not found");
  }

  private Reply submit(Map<String, List<String>> headers, String body) {
    String contentType = header(headers, "content-type");
    if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      return error(400, "Content-Type must be application/json");
    }
    Map<String, Object> request;
    try {
      request = Json.parseObject(body);
    } catch (IllegalArgumentException e) {
      return error(400, "Request body is not valid JSON");
    }
    String problem = problemWith(request);
    if (problem != null) {
      return error(400, problem);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> input = (Map<String, Object>) request.get("input");
    String format = "png".equals(input.getOrDefault("output_format", "png")) ? "png" : "jpeg";
    int[] size = size((String) input.get("aspect_ratio"));
    SimulatedTask task =
        accept("task_", request, format, 1, size[0], size[1], (String) input.get("prompt"));
    Map<String, Object> answer = Json.fixture("apixo/submit-response.json");
    data(answer).put("taskId", task.id());
    return Reply.json(200, answer);
  }

  /** The first thing wrong with a submission, in APIXO's words, or {@code null}. */
  private static String problemWith(Map<String, Object> request) {
    Object requestType = request.get("request_type");
    if (requestType == null) {
      return "Missing required field: request_type";
    }
    if (!"async".equals(requestType) && !"callback".equals(requestType)) {
      return "Invalid request_type: must be async or callback";
    }
    // The docs ask for a public HTTPS endpoint; the simulator also takes http on loopback, where
    // tests receive callbacks.
    if ("callback".equals(requestType)
        && !(request.get("callback_url") instanceof String url && isCallbackUrl(url))) {
      return "callback_url must be a public HTTPS URL when request_type is callback";
    }
    if (!(request.get("input") instanceof Map<?, ?> input)) {
      return "Missing required field: input";
    }
    Object mode = input.get("mode");
    if (mode == null) {
      return "Missing required field: input.mode";
    }
    if (!"text-to-image".equals(mode) && !"image-to-image".equals(mode)) {
      return "Invalid input.mode: must be text-to-image or image-to-image";
    }
    if (!(input.get("prompt") instanceof String prompt) || prompt.isEmpty()) {
      return "Missing required field: input.prompt";
    }
    if (prompt.length() > MAX_PROMPT) {
      return "input.prompt must be 1-20000 characters";
    }
    Object urls = input.get("image_urls");
    if ("image-to-image".equals(mode)) {
      if (!(urls instanceof List<?> list) || list.isEmpty()) {
        return "Missing required field: input.image_urls";
      }
      if (list.size() > MAX_IMAGES) {
        return "input.image_urls accepts up to 14 URLs";
      }
      for (Object url : list) {
        if (!(url instanceof String s) || !(s.startsWith("https://") || s.startsWith("http://"))) {
          return "input.image_urls must hold public image URLs";
        }
      }
    }
    Object ratio = input.get("aspect_ratio");
    if (ratio == null) {
      return "Missing required field: input.aspect_ratio";
    }
    if (!ASPECT_RATIOS.contains(ratio)) {
      return "Invalid input.aspect_ratio: " + ratio;
    }
    Object resolution = input.get("resolution");
    if (resolution == null) {
      return "Missing required field: input.resolution";
    }
    if (!RESOLUTIONS.contains(resolution)) {
      return "Invalid input.resolution: must be 1k, 2k or 4k";
    }
    Object format = input.get("output_format");
    if (format != null && !FORMATS.contains(format)) {
      return "Invalid input.output_format: must be png, jpeg or jpg";
    }
    Object search = input.get("google_search");
    if (search != null && !(search instanceof Boolean)) {
      return "Invalid input.google_search: must be a boolean";
    }
    return null;
  }

  private Reply status(String taskId) {
    if (taskId == null || taskId.isEmpty()) {
      return error(400, "Missing required parameter: taskId");
    }
    Optional<SimulatedTask> found = task(taskId);
    if (found.isEmpty()) {
      return error(404, "Task not found: " + taskId);
    }
    return Reply.json(200, statusAnswer(found.get()));
  }

  /**
   * With {@code request_type: callback}, APIXO posts the status envelope to {@code callback_url}
   * when the task ends; it signs nothing (apixo.ai/docs/api-reference/webhooks).
   */
  @Override
  protected Optional<CallbackDelivery> callback(SimulatedTask task) {
    Object url = ((Map<?, ?>) task.request()).get("callback_url");
    if (!(url instanceof String target)) {
      return Optional.empty();
    }
    return Optional.of(
        new CallbackDelivery(
            id(), task.id(), URI.create(target), Map.of(), Json.write(statusAnswer(task))));
  }

  /** The status envelope of a task, now. */
  private Map<String, Object> statusAnswer(SimulatedTask task) {
    Instant now = clock().instant();
    JobState state = task.stateAt(now);
    Map<String, Object> answer;
    switch (state) {
      case QUEUED, RUNNING -> {
        answer = Json.fixture("apixo/status-processing.json");
        data(answer).put("state", state == JobState.QUEUED ? "pending" : "processing");
      }
      case SUCCEEDED -> {
        answer = Json.fixture("apixo/status-success.json");
        data(answer).put("resultJson", Json.write(Map.of("resultUrls", task.imageUrls())));
        data(answer).put("completeTime", task.completedAt().toEpochMilli());
        data(answer)
            .put("costTime", Duration.between(task.createdAt(), task.completedAt()).toMillis());
      }
      default -> {
        answer = Json.fixture("apixo/status-failed.json");
        data(answer).put("failCode", task.script().failCode().orElseThrow());
        data(answer).put("failMsg", task.script().failMessage());
        data(answer).put("completeTime", task.completedAt().toEpochMilli());
      }
    }
    data(answer).put("taskId", task.id());
    data(answer).put("createTime", task.createdAt().toEpochMilli());
    return answer;
  }

  /** HTTPS, or http on loopback (for tests). */
  static boolean isCallbackUrl(String url) {
    return url.startsWith("https://")
        || url.startsWith("http://127.0.0.1:")
        || url.startsWith("http://localhost:");
  }

  /** APIXO's error body, shaped as its error-codes page shows it. */
  @Override
  protected Reply error(int httpStatus, String message) {
    Map<String, Object> body = Json.fixture("apixo/error-invalid-request.json");
    body.put("code", (long) httpStatus);
    body.put("message", httpStatus == 400 ? "Invalid request" : message);
    data(body).put("error", message);
    return Reply.json(httpStatus, body);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(Map<String, Object> envelope) {
    return (Map<String, Object>) envelope.get("data");
  }
}
