package ${package};

import dev.nanobanana4j.core.domain.JobState;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.testkit.Json;
import dev.nanobanana4j.testkit.Reply;
import dev.nanobanana4j.testkit.SimulatedTask;
import dev.nanobanana4j.testkit.VendorSimulation;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The vendor's image API as docs/vendor-api.md gives it, written from the docs and not from the
 * adapter: bearer keys, {@code POST /images/generations}, {@code GET /images/generations/{id}},
 * the documented states and error bodies, and the docs' literal JSON as fixtures.
 */
final class ${providerClass}Simulation extends VendorSimulation {
  private static final String GENERATIONS = "/images/generations";
  private static final Pattern ONE = Pattern.compile(GENERATIONS + "/([^/?]+)");
  private static final Set<String> MODELS = Set.of("nano-banana");
  private static final Set<String> RATIOS = Set.of("1:1", "16:9", "9:16", "4:3", "3:4");
  private static final Set<String> RESOLUTIONS = Set.of("1K", "2K");
  private static final Set<String> FORMATS = Set.of("png", "jpeg");
  private static final int MAX_PROMPT = 5_000;
  private static final int MAX_IMAGES = 4;

  ${providerClass}Simulation(String apiKey) {
    super("${providerId}", apiKey);
  }

  @Override
  public String basePath() {
    return "/v1";
  }

  @Override
  protected Optional<Operation> classify(String method, String path) {
    if (method.equals("POST") && path.equals(GENERATIONS)) {
      return Optional.of(Operation.SUBMIT);
    }
    if (method.equals("GET") && ONE.matcher(path).matches()) {
      return Optional.of(Operation.STATUS);
    }
    return Optional.empty();
  }

  @Override
  protected Reply handle(
      String method, String path, Map<String, List<String>> headers, String body) {
    if (!hasBearerKey(headers)) {
      return error(401, "invalid API key");
    }
    if (method.equals("POST") && path.equals(GENERATIONS)) {
      return submit(headers, body);
    }
    Matcher one = ONE.matcher(path);
    if (method.equals("GET") && one.matches()) {
      return status(one.group(1));
    }
    return error(404, "not found");
  }

  private Reply submit(Map<String, List<String>> headers, String body) {
    if (!header(headers, "content-type").toLowerCase(Locale.ROOT).startsWith("application/json")) {
      return error(400, "Content-Type must be application/json");
    }
    Map<String, Object> request;
    try {
      request = Json.parseObject(body);
    } catch (IllegalArgumentException e) {
      return error(400, "the body is not valid JSON");
    }
    String problem = problemWith(request);
    if (problem != null) {
      return error(400, problem);
    }
    String format = (String) request.getOrDefault("output_format", "png");
    int[] size = size((String) request.get("aspect_ratio"));
    SimulatedTask task =
        accept("gen_", request, format, 1, size[0], size[1], (String) request.get("prompt"));
    Map<String, Object> answer = Json.fixture(${providerClass}Simulation.class, "submit-response.json");
    answer.put("id", task.id());
    return Reply.json(200, answer);
  }

  /** The first thing wrong with a submission, in the vendor's words, or {@code null}. */
  private static String problemWith(Map<String, Object> request) {
    if (!MODELS.contains(request.get("model"))) {
      return "model must be one of " + MODELS;
    }
    if (!(request.get("prompt") instanceof String prompt) || prompt.isEmpty()) {
      return "prompt is required";
    }
    if (prompt.length() > MAX_PROMPT) {
      return "prompt must be at most 5000 characters";
    }
    Object urls = request.get("image_urls");
    if (urls != null) {
      if (!(urls instanceof List<?> list) || list.size() > MAX_IMAGES) {
        return "image_urls must be a list of at most 4 URLs";
      }
      for (Object url : list) {
        if (!(url instanceof String s) || !(s.startsWith("https://") || s.startsWith("http://"))) {
          return "image_urls must hold http(s) URLs";
        }
      }
    }
    Object ratio = request.get("aspect_ratio");
    if (ratio != null && !RATIOS.contains(ratio)) {
      return "aspect_ratio must be one of " + RATIOS;
    }
    Object resolution = request.get("resolution");
    if (resolution != null && !RESOLUTIONS.contains(resolution)) {
      return "resolution must be 1K or 2K";
    }
    Object format = request.get("output_format");
    if (format != null && !FORMATS.contains(format)) {
      return "output_format must be png or jpeg";
    }
    return null;
  }

  private Reply status(String id) {
    Optional<SimulatedTask> found = task(id);
    if (found.isEmpty()) {
      return error(404, "no generation " + id);
    }
    SimulatedTask task = found.get();
    JobState state = task.stateAt(clock().instant());
    Map<String, Object> answer;
    switch (state) {
      case QUEUED -> answer = Json.fixture(${providerClass}Simulation.class, "status-queued.json");
      case RUNNING -> answer = Json.fixture(${providerClass}Simulation.class, "status-running.json");
      case SUCCEEDED -> {
        answer = Json.fixture(${providerClass}Simulation.class, "status-succeeded.json");
        answer.put("images", task.imageUrls().stream().map(url -> Map.of("url", url)).toList());
      }
      default -> {
        answer = Json.fixture(${providerClass}Simulation.class, "status-failed.json");
        answer.put(
            "error",
            Map.of(
                "code",
                task.script().failCode().orElseThrow(),
                "message",
                task.script().failMessage()));
      }
    }
    answer.put("id", task.id());
    return Reply.json(200, answer);
  }

  /** The documented error body, with the documented code for each HTTP status. */
  @Override
  protected Reply error(int httpStatus, String message) {
    Map<String, Object> body = Json.fixture(${providerClass}Simulation.class, "error.json");
    String code =
        switch (httpStatus) {
          case 400 -> "invalid_request";
          case 401 -> "invalid_api_key";
          case 402 -> "insufficient_credits";
          case 404 -> "not_found";
          case 429 -> "rate_limited";
          default -> "server_error";
        };
    body.put("error", Map.of("code", code, "message", message));
    return Reply.json(httpStatus, body);
  }
}
