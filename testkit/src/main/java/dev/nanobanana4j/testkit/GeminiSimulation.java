package dev.nanobanana4j.testkit;

import dev.nanobanana4j.core.error.Operation;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Google's Gemini API as its reference documents {@code models.generateContent}, written from the
 * docs and not from the adapter: the key in {@code x-goog-api-key} (or {@code ?key=}), one user
 * turn of text and inline images, {@code generationConfig.imageConfig} checked per model, and the
 * answer carrying the image inline. A refused key is 400 with the reason {@code API_KEY_INVALID}; a
 * scripted failure is an answer without an image ({@code finishReason}, {@code finishMessage});
 * {@link #blockNextPrompt} blocks a prompt ({@code promptFeedback.blockReason}).
 */
public final class GeminiSimulation extends VendorSimulation {
  private static final Pattern GENERATE = Pattern.compile("/models/([^/:?]+):generateContent");

  /** Each model's aspect ratios and image sizes, as Google documents them. */
  private record Model(Set<String> ratios, Set<String> sizes, int maxImages) {}

  private static final Set<String> TEN =
      Set.of("1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9");

  private static final Map<String, Model> MODELS =
      Map.of(
          "gemini-2.5-flash-image",
          new Model(TEN, Set.of(), 3),
          "gemini-3-pro-image-preview",
          new Model(TEN, Set.of("1K", "2K", "4K"), 14),
          "gemini-3.1-flash-image-preview",
          new Model(
              union(TEN, Set.of("1:4", "4:1", "1:8", "8:1")), Set.of("512", "1K", "2K", "4K"), 14));

  private static final Set<String> INLINE_TYPES =
      Set.of("image/png", "image/jpeg", "image/webp", "image/heic", "image/heif");

  private final ConcurrentLinkedQueue<String> blocks = new ConcurrentLinkedQueue<>();

  /** The simulation of Google's API for {@code apiKey}. */
  public GeminiSimulation(String apiKey) {
    super("gemini", apiKey);
  }

  /**
   * Makes the next submission's prompt blocked with {@code blockReason}, such as {@code SAFETY}.
   */
  public void blockNextPrompt(String blockReason) {
    blocks.add(blockReason);
  }

  @Override
  public String basePath() {
    return "/v1beta";
  }

  @Override
  protected Optional<Operation> classify(String method, String path) {
    return method.equals("POST") && GENERATE.matcher(withoutQuery(path)).matches()
        ? Optional.of(Operation.SUBMIT)
        : Optional.empty();
  }

  @Override
  protected Reply handle(
      String method, String path, Map<String, List<String>> headers, String body) {
    String key = header(headers, "x-goog-api-key");
    if (key.isEmpty()) {
      key = Optional.ofNullable(queryParameter(query(path), "key")).orElse("");
    }
    if (key.isEmpty()) {
      return status(
          403,
          "PERMISSION_DENIED",
          "Method doesn't allow unregistered callers (callers without established identity).");
    }
    if (!key.equals(apiKey())) {
      return Reply.json(400, Json.fixture("gemini/error-api-key-invalid.json"));
    }
    Matcher generate = GENERATE.matcher(withoutQuery(path));
    if (!method.equals("POST") || !generate.matches()) {
      return status(404, "NOT_FOUND", "Requested entity was not found.");
    }
    Model model = MODELS.get(generate.group(1));
    if (model == null) {
      return status(
          404, "NOT_FOUND", "models/" + generate.group(1) + " is not found for API version v1beta");
    }
    if (!header(headers, "content-type").toLowerCase(Locale.ROOT).startsWith("application/json")) {
      return status(400, "INVALID_ARGUMENT", "Invalid JSON payload received.");
    }
    Map<String, Object> request;
    try {
      request = Json.parseObject(body);
    } catch (IllegalArgumentException e) {
      return status(400, "INVALID_ARGUMENT", "Invalid JSON payload received.");
    }
    String problem = problemWith(request, model);
    if (problem != null) {
      return status(400, "INVALID_ARGUMENT", problem);
    }
    return answer(request, generate.group(1));
  }

  /** The first thing wrong with a request, in Google's words where known, or {@code null}. */
  private static String problemWith(Map<String, Object> request, Model model) {
    if (!(request.get("contents") instanceof List<?> contents) || contents.isEmpty()) {
      return "* GenerateContentRequest.contents: contents is not specified";
    }
    int images = 0;
    for (Object content : contents) {
      if (!(content instanceof Map<?, ?> turn)
          || !(turn.get("parts") instanceof List<?> parts)
          || parts.isEmpty()) {
        return "* GenerateContentRequest.contents[0].parts: contents.parts must not be empty.";
      }
      for (Object part : parts) {
        if (!(part instanceof Map<?, ?> p)) {
          return "Invalid JSON payload received. Unknown part.";
        }
        if (p.get("inlineData") instanceof Map<?, ?> inline) {
          if (!INLINE_TYPES.contains(inline.get("mimeType"))) {
            return "Unsupported MIME type: " + inline.get("mimeType");
          }
          if (!(inline.get("data") instanceof String data) || !isBase64(data)) {
            return "Invalid value at 'contents[0].parts[1].inline_data.data' (TYPE_BYTES), Base64"
                + " decoding failed";
          }
          images++;
        } else if (!(p.get("text") instanceof String)) {
          return "* GenerateContentRequest.contents[0].parts: a part must have data";
        }
      }
    }
    if (images > model.maxImages()) {
      return "Too many images: at most " + model.maxImages();
    }
    if (request.get("generationConfig") instanceof Map<?, ?> config
        && config.get("imageConfig") instanceof Map<?, ?> image) {
      Object ratio = image.get("aspectRatio");
      if (ratio != null && !model.ratios().contains(ratio)) {
        return "Unsupported aspect ratio: " + ratio;
      }
      Object size = image.get("imageSize");
      if (size != null && !model.sizes().contains(size)) {
        return model.sizes().isEmpty()
            ? "imageSize is not supported for this model"
            : "Unsupported image size: " + size;
      }
    }
    return null;
  }

  private Reply answer(Map<String, Object> request, String modelId) {
    String blocked = blocks.poll();
    String prompt = firstText(request);
    int[] size = size(aspectRatio(request));
    SimulatedTask task = accept("rsp", request, "png", 1, size[0], size[1], prompt);
    Map<String, Object> answer;
    if (blocked != null) {
      answer = Json.fixture("gemini/blocked-prompt.json");
      answer.put("promptFeedback", Map.of("blockReason", blocked));
    } else if (task.script().failCode().isPresent() || !asksForImage(request)) {
      answer = Json.fixture("gemini/finished-without-image.json");
      @SuppressWarnings("unchecked")
      Map<String, Object> candidate =
          (Map<String, Object>) ((List<?>) answer.get("candidates")).get(0);
      candidate.put("finishReason", task.script().failCode().orElse("STOP"));
      candidate.put("finishMessage", task.script().failMessage());
    } else {
      answer = Json.fixture("gemini/generate-content-response.json");
      @SuppressWarnings("unchecked")
      Map<String, Object> candidate =
          (Map<String, Object>) ((List<?>) answer.get("candidates")).get(0);
      List<Object> parts = new ArrayList<>();
      parts.add(Map.of("text", "Here is " + prompt));
      // One image rendered, sent as often as the script says (hundreds, for a hostile vendor).
      String png =
          Base64.getEncoder()
              .encodeToString(SampleImages.render("png", size[0], size[1], task.id() + "#0"));
      for (int i = 0; i < task.imageUrls().size(); i++) {
        parts.add(Map.of("inlineData", Map.of("mimeType", "image/png", "data", png)));
      }
      candidate.put("content", Map.of("parts", parts, "role", "model"));
      // The tokens Google bills: each image's output tokens by model and size, per Google's
      // pricing page; the prompt's tokens, about a word each.
      long imageTokens = (long) imageTokens(modelId, imageSize(request)) * task.imageUrls().size();
      long promptTokens = Math.max(1, prompt.split("\\s+").length);
      Map<String, Object> usage = new java.util.LinkedHashMap<>();
      usage.put("promptTokenCount", promptTokens);
      usage.put("candidatesTokenCount", imageTokens);
      usage.put("totalTokenCount", promptTokens + imageTokens);
      usage.put(
          "promptTokensDetails", List.of(Map.of("modality", "TEXT", "tokenCount", promptTokens)));
      usage.put(
          "candidatesTokensDetails",
          List.of(Map.of("modality", "IMAGE", "tokenCount", imageTokens)));
      answer.put("usageMetadata", usage);
    }
    answer.put("modelVersion", modelId);
    answer.put("responseId", task.id());
    return Reply.json(200, answer);
  }

  /** The output tokens of one image of {@code modelId} at {@code size}, as Google prices them. */
  private static int imageTokens(String modelId, String size) {
    String at = size == null ? "1K" : size;
    if (modelId.startsWith("gemini-3.1-flash-image")) {
      return switch (at) {
        case "512" -> 747;
        case "2K" -> 1680;
        case "4K" -> 2520;
        default -> 1120;
      };
    }
    if (modelId.startsWith("gemini-3-pro-image")) {
      return "4K".equals(at) ? 2000 : 1120;
    }
    return 1290;
  }

  private static String imageSize(Map<String, Object> request) {
    return request.get("generationConfig") instanceof Map<?, ?> config
            && config.get("imageConfig") instanceof Map<?, ?> image
            && image.get("imageSize") instanceof String size
        ? size
        : null;
  }

  private static boolean asksForImage(Map<String, Object> request) {
    return request.get("generationConfig") instanceof Map<?, ?> config
        && config.get("responseModalities") instanceof List<?> modalities
        && modalities.contains("IMAGE");
  }

  private static String firstText(Map<String, Object> request) {
    for (Object content : (List<?>) request.get("contents")) {
      for (Object part : (List<?>) ((Map<?, ?>) content).get("parts")) {
        if (((Map<?, ?>) part).get("text") instanceof String text) {
          return text;
        }
      }
    }
    return "";
  }

  private static String aspectRatio(Map<String, Object> request) {
    return request.get("generationConfig") instanceof Map<?, ?> config
            && config.get("imageConfig") instanceof Map<?, ?> image
            && image.get("aspectRatio") instanceof String ratio
        ? ratio
        : null;
  }

  /** Google's error body for {@code code} and its canonical status name. */
  private static Reply status(int code, String status, String message) {
    Map<String, Object> body = Json.fixture("gemini/error.json");
    body.put("error", Map.of("code", code, "message", message, "status", status));
    return Reply.json(code, body);
  }

  @Override
  protected Reply error(int httpStatus, String message) {
    String status =
        switch (httpStatus) {
          case 400 -> "INVALID_ARGUMENT";
          case 401 -> "UNAUTHENTICATED";
          case 403 -> "PERMISSION_DENIED";
          case 404 -> "NOT_FOUND";
          case 429 -> "RESOURCE_EXHAUSTED";
          case 503 -> "UNAVAILABLE";
          case 504 -> "DEADLINE_EXCEEDED";
          default -> "INTERNAL";
        };
    return status(httpStatus, status, message);
  }

  private static boolean isBase64(String data) {
    try {
      Base64.getDecoder().decode(data);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String withoutQuery(String path) {
    int q = path.indexOf('?');
    return q < 0 ? path : path.substring(0, q);
  }

  private static String query(String path) {
    int q = path.indexOf('?');
    return q < 0 ? null : path.substring(q + 1);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    java.util.HashSet<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}
