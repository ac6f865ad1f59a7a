package dev.nanobanana4j.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Arbitrary vendor answers for fuzzing response parsing, from a seed: raw bytes, JSON cut short,
 * and JSON trees built from the field names and state words vendors use, with values of every type
 * in every place. The same seed gives the same answers.
 */
public final class ArbitraryAnswers {
  private static final List<String> NAMES =
      List.of(
          "code",
          "message",
          "data",
          "taskId",
          "state",
          "resultJson",
          "resultUrls",
          "failCode",
          "failMsg",
          "status",
          "task_id",
          "model_id",
          "get_result",
          "url",
          "result",
          "resources",
          "type",
          "task_info",
          "id",
          "images",
          "error",
          "title",
          "detail",
          "output",
          "outputs",
          "request_id",
          "queue_position",
          "response_url",
          "error_type",
          "content_type",
          "eta",
          "fetch_result",
          "future_links",
          "messege",
          "retry_after",
          "createTime",
          "completeTime");
  private static final List<String> WORDS =
      List.of(
          "success",
          "failed",
          "processing",
          "pending",
          "completed",
          "succeeded",
          "queued",
          "running",
          "error",
          "cancelled",
          "COMPLETED",
          "IN_QUEUE",
          "IN_PROGRESS",
          "INFERENCE_FAILURE",
          "image",
          "https://cdn.example.com/a.png",
          "http://[::1",
          "not a url",
          "data:image/png;base64,AAAA",
          "{\"resultUrls\":[\"https://x/y.png\"]}",
          "{\"resultUrls\":5}",
          "",
          " ",
          "0",
          "3001",
          "SensitiveContent",
          "\u0000\uFFFF");

  private final Random random;

  private ArbitraryAnswers(long seed) {
    this.random = new Random(seed);
  }

  /** A generator seeded with {@code seed}. */
  public static ArbitraryAnswers seeded(long seed) {
    return new ArbitraryAnswers(seed);
  }

  /** An HTTP status a vendor might answer with, mostly 200. */
  public int status() {
    int[] statuses = {200, 200, 200, 200, 200, 201, 202, 400, 401, 402, 404, 429, 500, 503};
    return statuses[random.nextInt(statuses.length)];
  }

  /** An answer body. */
  public byte[] body() {
    return switch (random.nextInt(4)) {
      case 0 -> {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        yield bytes;
      }
      case 1 -> {
        String json = Json.write(tree(0));
        yield json.substring(0, random.nextInt(json.length() + 1)).getBytes(StandardCharsets.UTF_8);
      }
      default -> Json.write(tree(0)).getBytes(StandardCharsets.UTF_8);
    };
  }

  private Object tree(int depth) {
    int pick = random.nextInt(depth > 3 ? 6 : 9);
    return switch (pick) {
      case 0 -> null;
      case 1 -> random.nextBoolean();
      case 2 ->
          random.nextInt(5) == 0
              ? (Object) (random.nextDouble() * 1e6)
              : (Object) (long) random.nextInt(100_000);
      case 3, 4, 5 -> WORDS.get(random.nextInt(WORDS.size()));
      case 6 -> {
        List<Object> list = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          list.add(tree(depth + 1));
        }
        yield list;
      }
      default -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = random.nextInt(7); i > 0; i--) {
          map.put(NAMES.get(random.nextInt(NAMES.size())), tree(depth + 1));
        }
        yield map;
      }
    };
  }
}
