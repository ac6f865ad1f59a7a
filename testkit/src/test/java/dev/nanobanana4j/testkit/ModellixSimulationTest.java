package dev.nanobanana4j.testkit;

import static dev.nanobanana4j.testkit.DocShapes.assertSameShape;
import static dev.nanobanana4j.testkit.DocShapes.data;
import static dev.nanobanana4j.testkit.DocShapes.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Modellix simulation against Modellix's documentation. */
class ModellixSimulationTest {
  private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
  private final Simulator simulator =
      Simulator.builder()
          .clock(clock)
          .defaultScript(TaskScript.succeed(Duration.ofSeconds(5), Duration.ofSeconds(10)))
          .start();
  private final String key = simulator.apiKey("modellix");

  @AfterEach
  void close() {
    simulator.close();
  }

  private URI url(String path) {
    return URI.create(simulator.baseUrl("modellix") + path);
  }

  @Test
  void accepts_the_documented_requests_on_the_async_and_suffix_less_paths() throws Exception {
    HttpResponse<String> edit =
        send(
            "POST",
            url("/google/nano-banana-2-edit/async"),
            key,
            Json.write(Json.fixture("modellix/submit-request-edit.json")));
    assertEquals(200, edit.statusCode(), edit.body());
    Map<String, Object> body = Json.parseObject(edit.body());
    assertSameShape(Json.fixture("modellix/submit-response.json"), body);
    assertEquals(0L, body.get("code"));
    String taskId = (String) data(body).get("task_id");
    String pollUrl = (String) ((Map<?, ?>) data(body).get("get_result")).get("url");
    assertEquals(simulator.baseUrl("modellix") + "/tasks/" + taskId, pollUrl);

    HttpResponse<String> t2i =
        send(
            "POST",
            url("/google/nano-banana-2"),
            key,
            Json.write(Json.fixture("modellix/submit-request-text-to-image.json")));
    assertEquals(200, t2i.statusCode(), t2i.body());
  }

  @Test
  void a_task_goes_pending_processing_success_in_the_documented_shapes() throws Exception {
    String taskId =
        (String)
            data(Json.parseObject(
                    send(
                            "POST",
                            url("/google/nano-banana-2/async"),
                            key,
                            "{\"prompt\":\"x\",\"aspectRatio\":\"16:9\"}")
                        .body()))
                .get("task_id");
    Map<String, Object> pending = task(taskId);
    assertSameShape(Json.fixture("modellix/task-pending.json"), pending);
    assertEquals("pending", data(pending).get("status"));
    clock.advance(Duration.ofSeconds(5));
    assertEquals("processing", data(task(taskId)).get("status"));
    clock.advance(Duration.ofSeconds(10));
    Map<String, Object> success = task(taskId);
    assertSameShape(Json.fixture("modellix/task-success.json"), success);
    Map<?, ?> resource =
        (Map<?, ?>) ((List<?>) ((Map<?, ?>) data(success).get("result")).get("resources")).get(0);
    assertEquals(256L, resource.get("width"));
    assertEquals(144L, resource.get("height"));
    HttpResponse<String> image = send("GET", URI.create((String) resource.get("url")), key, null);
    assertEquals("image/png", image.headers().firstValue("Content-Type").orElseThrow());
  }

  @Test
  void a_failed_task_is_exactly_the_documented_bare_failure() throws Exception {
    simulator.vendor("modellix").scriptNextTask(TaskScript.fail(Duration.ZERO, "X", "y"));
    String taskId =
        (String)
            data(Json.parseObject(
                    send("POST", url("/google/nano-banana-2/async"), key, "{\"prompt\":\"x\"}")
                        .body()))
                .get("task_id");
    Map<String, Object> failed = task(taskId);
    Map<String, Object> documented = Json.fixture("modellix/task-failed.json");
    data(documented).put("task_id", taskId);
    assertEquals(documented, failed);
  }

  @Test
  void refuses_what_the_docs_refuse_with_the_unified_error_body() throws Exception {
    HttpResponse<String> noKey =
        send("POST", url("/google/nano-banana-2/async"), "sk-wrong", "{\"prompt\":\"x\"}");
    assertEquals(401, noKey.statusCode());
    assertSameShape(Json.fixture("modellix/error.json"), Json.parseObject(noKey.body()));
    Map<String, String> cases =
        Map.of(
            "{}", "Invalid parameters: parameter 'prompt' is required",
            "{\"prompt\":\"x\",\"imageSize\":\"3K\"}",
                "Invalid parameters: imageSize must be one of 512, 1K, 2K, 4K");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      HttpResponse<String> response =
          send("POST", url("/google/nano-banana-2/async"), key, c.getKey());
      assertEquals(400, response.statusCode());
      assertEquals(
          Map.of("code", 400L, "message", c.getValue()), Json.parseObject(response.body()));
    }
    HttpResponse<String> noImage =
        send("POST", url("/google/nano-banana-2-edit/async"), key, "{\"prompt\":\"x\"}");
    assertEquals(400, noImage.statusCode());
    assertTrue(noImage.body().contains("image"));
    assertEquals(404, send("GET", url("/tasks/task-0"), key, null).statusCode());
    assertEquals(0, simulator.vendor("modellix").tasks().size());
  }

  private Map<String, Object> task(String taskId) throws Exception {
    HttpResponse<String> response = send("GET", url("/tasks/" + taskId), key, null);
    assertEquals(200, response.statusCode(), response.body());
    return Json.parseObject(response.body());
  }
}
