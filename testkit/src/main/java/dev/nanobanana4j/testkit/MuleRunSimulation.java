package dev.nanobanana4j.testkit;

import dev.nanobanana4j.core.domain.JobState;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.port.Secret;
import dev.nanobanana4j.spi.StandardWebhooks;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MuleRun's Google vendor API as documented: {@code POST /vendors/google/v1/{model}/generation} and
 * {@code /edit} answering 202 with {@code task_info}, the poll path being the create path plus the
 * task id, images as URLs or base64 data URIs, upper-case resolutions, statuses pending,
 * processing, completed and failed, and {@code task_info.error} on failure.
 */
final class MuleRunSimulation extends VendorSimulation {
  private static final Pattern CREATE =
      Pattern.compile("/vendors/google/v1/([a-z0-9-]+)/(generation|edit)");
  private static final Pattern TASK =
      Pattern.compile("/vendors/google/v1/([a-z0-9-]+)/(generation|edit)/([^/?]+)");
  private static final Pattern DATA_URI =
      Pattern.compile("data:image/(png|jpeg|jpg|bmp|webp);base64,[A-Za-z0-9+/=]+");
  private static final List<String> NB2_RATIOS =
      List.of(
          "1:1", "1:4", "4:1", "1:8", "8:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16",
          "16:9", "21:9");
  private static final List<String> PRO_RATIOS =
      List.of("1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9");
  private static final Set<String> MODELS =
      Set.of("nano-banana-2", "nano-banana-pro", "nano-banana");

  MuleRunSimulation(String apiKey) {
    super("mulerun", apiKey);
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
    if (method.equals("GET") && TASK.matcher(path).matches()) {
      return Optional.of(Operation.STATUS);
    }
    return Optional.empty();
  }

  @Override
  protected Reply handle(
      String method, String path, Map<String, List<String>> headers, String body) {
    if (!hasBearerKey(headers)) {
      return error(401, "Invalid or missing API key");
    }
    Matcher create = CREATE.matcher(path);
    if (method.equals("POST") && create.matches()) {
      if (!MODELS.contains(create.group(1))) {
        return error(404, "Model not found");
      }
      return create(create.group(1), create.group(2).equals("edit"), body);
    }
    Matcher task = TASK.matcher(path);
    if (method.equals("GET") && task.matches()) {
      return taskAnswer(task.group(3));
    }
    return error(404, "Not Found");
  }

  private Reply create(String model, boolean edit, String body) {
    Map<String, Object> request;
    try {
      request = Json.parseObject(body);
    } catch (IllegalArgumentException e) {
      return error(400, "Request body is not valid JSON");
    }
    boolean pro = model.equals("nano-banana-pro");
    if (!(request.get("prompt") instanceof String prompt) || prompt.isEmpty()) {
      return error(400, "prompt is required");
    }
    if (edit) {
      int max = pro ? 10 : 14;
      if (!(request.get("images") instanceof List<?> images)
          || images.isEmpty()
          || images.size() > max) {
        return error(400, "images must hold 1 to " + max + " images");
      }
      for (Object image : images) {
        boolean url =
            image instanceof String s && (s.startsWith("https://") || s.startsWith("http://"));
        boolean dataUri = image instanceof String s && DATA_URI.matcher(s).matches();
        if (!url && !dataUri) {
          return error(400, "images must be image URLs or base64 data URIs");
        }
      }
    }
    Object ratio = request.get("aspect_ratio");
    if (ratio != null && !(pro ? PRO_RATIOS : NB2_RATIOS).contains(ratio)) {
      return error(400, "aspect_ratio is not one of the available options");
    }
    Object resolution = request.get("resolution");
    Set<String> resolutions = pro ? Set.of("1K", "2K") : Set.of("1K", "2K", "4K");
    if (resolution != null && !resolutions.contains(resolution)) {
      return error(
          400,
          "resolution must be one of "
              + String.join(", ", resolutions.stream().sorted().toList())
              + " (uppercase)");
    }
    Object webSearch = request.get("web_search");
    if (webSearch != null && !(webSearch instanceof Boolean)) {
      return error(400, "web_search must be a boolean");
    }
    int[] pixels = size(ratio == null ? "1:1" : ratio.toString());
    // Task ids are UUIDs: the documented example's prefix, numbered.
    SimulatedTask task =
        accept("123e4567-e89b-12d3-a456-4266", request, "png", 1, pixels[0], pixels[1], prompt);
    Map<String, Object> answer = Json.fixture("mulerun/create-response.json");
    fillTaskInfo(answer, task, "pending");
    return Reply.json(202, answer);
  }

  private Reply taskAnswer(String taskId) {
    Optional<SimulatedTask> found = task(taskId);
    if (found.isEmpty()) {
      return error(404, "Task not found");
    }
    return Reply.json(200, taskAnswer(found.get()));
  }

  /**
   * When a webhook endpoint is registered (as in the console), MuleRun posts a signed event for
   * each task that ends: {@code task.succeeded} or {@code task.failed}, the payload in the shape of
   * the GET task answer (MuleRouter's webhooks page; that MuleRun's API does the same is inferred).
   */
  @Override
  protected Optional<CallbackDelivery> callback(SimulatedTask task) {
    Optional<Simulator.WebhookEndpoint> endpoint = webhookEndpoint();
    if (endpoint.isEmpty()) {
      return Optional.empty();
    }
    boolean succeeded = task.stateAt(clock().instant()) == JobState.SUCCEEDED;
    Map<String, Object> event = Json.fixture("mulerun/webhook-event.json");
    String eventId = "evt_" + task.id();
    event.put("id", eventId);
    event.put("type", succeeded ? "task.succeeded" : "task.failed");
    event.put("created_at", clock().instant().toString());
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) event.get("data");
    data.put("payload", taskAnswer(task));
    String body = Json.write(event);
    long timestamp = clock().instant().getEpochSecond();
    String messageId = "msg_" + task.id();
    return Optional.of(
        new CallbackDelivery(
            id(),
            task.id(),
            endpoint.get().url(),
            Map.of(
                "webhook-id",
                messageId,
                "webhook-timestamp",
                Long.toString(timestamp),
                "webhook-signature",
                StandardWebhooks.signatureHeader(
                    Secret.of(endpoint.get().secret()),
                    messageId,
                    timestamp,
                    body.getBytes(java.nio.charset.StandardCharsets.UTF_8))),
            body));
  }

  private Map<String, Object> taskAnswer(SimulatedTask task) {
    JobState state = task.stateAt(clock().instant());
    Map<String, Object> answer;
    switch (state) {
      case QUEUED, RUNNING -> {
        answer = Json.fixture("mulerun/create-response.json");
        fillTaskInfo(answer, task, state == JobState.QUEUED ? "pending" : "processing");
      }
      case SUCCEEDED -> {
        answer = Json.fixture("mulerun/task-completed.json");
        fillTaskInfo(answer, task, "completed");
        answer.put("images", task.imageUrls());
      }
      default -> {
        answer = Json.fixture("mulerun/task-failed.json");
        fillTaskInfo(answer, task, "failed");
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) taskInfo(answer).get("error");
        String code = task.script().failCode().orElseThrow();
        error.put("code", code.matches("\\d+") ? (Object) Long.valueOf(code) : code);
        error.put("detail", task.script().failMessage());
      }
    }
    return answer;
  }

  private void fillTaskInfo(Map<String, Object> answer, SimulatedTask task, String status) {
    Map<String, Object> info = taskInfo(answer);
    info.put("id", task.id());
    info.put("status", status);
    info.put("created_at", iso(task.createdAt()));
    info.put(
        "updated_at",
        iso(
            status.equals("completed") || status.equals("failed")
                ? task.completedAt()
                : clock().instant()));
  }

  private static String iso(Instant instant) {
    return instant.toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> taskInfo(Map<String, Object> answer) {
    return (Map<String, Object>) answer.get("task_info");
  }

  /** MuleRun shows no error body; its community CLI reads FastAPI's {@code detail} (inferred). */
  @Override
  protected Reply error(int httpStatus, String message) {
    Map<String, Object> body = Json.fixture("mulerun/error.json");
    body.put("detail", message);
    return Reply.json(httpStatus, body);
  }
}
