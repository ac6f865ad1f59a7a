package dev.nanobanana4j.testkit;

import static dev.nanobanana4j.testkit.DocShapes.assertSameShape;
import static dev.nanobanana4j.testkit.DocShapes.send;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The MuleRun simulation against MuleRun's documentation. */
class MuleRunSimulationTest {
  private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
  private final Simulator simulator =
      Simulator.builder()
          .clock(clock)
          .defaultScript(TaskScript.succeed(Duration.ofSeconds(5), Duration.ofSeconds(10)))
          .start();
  private final String key = simulator.apiKey("mulerun");

  @AfterEach
  void close() {
    simulator.close();
  }

  private URI url(String path) {
    return URI.create(simulator.baseUrl("mulerun") + path);
  }

  @Test
  void accepts_the_documented_requests_with_202_and_the_documented_task_info() throws Exception {
    for (String[] c :
        new String[][] {
          {"nano-banana-pro", "mulerun/edit-request-pro.json"},
          {"nano-banana-2", "mulerun/edit-request-nb2.json"}
        }) {
      HttpResponse<String> response =
          send(
              "POST",
              url("/vendors/google/v1/" + c[0] + "/edit"),
              key,
              Json.write(Json.fixture(c[1])));
      assertEquals(202, response.statusCode(), response.body());
      assertSameShape(
          Json.fixture("mulerun/create-response.json"), Json.parseObject(response.body()));
    }
  }

  @Test
  void a_task_goes_pending_processing_completed_under_the_create_path() throws Exception {
    String id = create("/vendors/google/v1/nano-banana-2/generation", "{\"prompt\":\"a fox\"}");
    String poll = "/vendors/google/v1/nano-banana-2/generation/" + id;
    assertEquals("pending", taskInfo(get(poll)).get("status"));
    clock.advance(Duration.ofSeconds(5));
    assertEquals("processing", taskInfo(get(poll)).get("status"));
    clock.advance(Duration.ofSeconds(10));
    Map<String, Object> completed = get(poll);
    assertSameShape(Json.fixture("mulerun/task-completed.json"), completed);
    HttpResponse<String> image =
        send("GET", URI.create((String) ((List<?>) completed.get("images")).get(0)), key, null);
    assertEquals("image/png", image.headers().firstValue("Content-Type").orElseThrow());
  }

  @Test
  void a_failed_task_carries_the_documented_error_fields() throws Exception {
    simulator
        .vendor("mulerun")
        .scriptNextTask(TaskScript.fail(Duration.ZERO, "3001", "Task execution failed"));
    String id = create("/vendors/google/v1/nano-banana-2/generation", "{\"prompt\":\"a fox\"}");
    Map<String, Object> failed = get("/vendors/google/v1/nano-banana-2/generation/" + id);
    assertSameShape(Json.fixture("mulerun/task-failed.json"), failed);
    assertEquals(
        Map.of("code", 3001L, "title", "Task Execution Error", "detail", "Task execution failed"),
        taskInfo(failed).get("error"));
  }

  @Test
  void refuses_what_the_docs_refuse() throws Exception {
    assertEquals(
        401,
        send(
                "POST",
                url("/vendors/google/v1/nano-banana-2/generation"),
                "sk-wrong",
                "{\"prompt\":\"x\"}")
            .statusCode());
    Map<String, String> bad =
        Map.of(
            "/vendors/google/v1/nano-banana-2/generation",
                "{\"prompt\":\"x\",\"resolution\":\"2k\"}",
            "/vendors/google/v1/nano-banana-pro/generation",
                "{\"prompt\":\"x\",\"resolution\":\"4K\"}",
            "/vendors/google/v1/nano-banana-2/edit",
                "{\"prompt\":\"x\",\"images\":[\"not-an-image\"]}",
            "/vendors/google/v1/nano-banana-pro/edit",
                "{\"prompt\":\"x\",\"images\":["
                    + "\"https://e.com/a.png\",".repeat(10)
                    + "\"https://e.com/b.png\"]}");
    for (Map.Entry<String, String> c : bad.entrySet()) {
      HttpResponse<String> response = send("POST", url(c.getKey()), key, c.getValue());
      assertEquals(400, response.statusCode(), c.getValue());
      assertSameShape(Json.fixture("mulerun/error.json"), Json.parseObject(response.body()));
    }
    assertEquals(0, simulator.vendor("mulerun").tasks().size());
  }

  private String create(String path, String body) throws Exception {
    HttpResponse<String> response = send("POST", url(path), key, body);
    assertEquals(202, response.statusCode(), response.body());
    return (String) taskInfo(Json.parseObject(response.body())).get("id");
  }

  private Map<String, Object> get(String path) throws Exception {
    HttpResponse<String> response = send("GET", url(path), key, null);
    assertEquals(200, response.statusCode(), response.body());
    return Json.parseObject(response.body());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> taskInfo(Map<String, Object> answer) {
    return (Map<String, Object>) answer.get("task_info");
  }
}
