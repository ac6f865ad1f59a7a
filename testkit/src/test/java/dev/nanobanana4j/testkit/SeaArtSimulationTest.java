package dev.nanobanana4j.testkit;

import static dev.nanobanana4j.testkit.DocShapes.assertSameShape;
import static dev.nanobanana4j.testkit.DocShapes.send;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SeaArt simulation against SeaArt's documentation. */
class SeaArtSimulationTest {
  private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
  private final Simulator simulator =
      Simulator.builder()
          .clock(clock)
          .defaultScript(TaskScript.succeed(Duration.ofSeconds(5), Duration.ofSeconds(10)))
          .start();
  private final String key = simulator.apiKey("seaart");

  @AfterEach
  void close() {
    simulator.close();
  }

  private URI url(String path) {
    return URI.create(simulator.baseUrl("seaart") + path);
  }

  @Test
  void accepts_the_documented_request_with_the_documented_urls() throws Exception {
    HttpResponse<String> created =
        send(
            "POST",
            url("/v1/queue/nano_banana_2"),
            key,
            Json.write(Json.fixture("seaart/create-request-edit.json")));
    assertEquals(200, created.statusCode(), created.body());
    Map<String, Object> body = Json.parseObject(created.body());
    assertSameShape(Json.fixture("seaart/create-response.json"), body);
    assertEquals(
        simulator.baseUrl("seaart")
            + "/v1/queue/nano_banana_2/requests/"
            + body.get("request_id")
            + "/status",
        body.get("status_url"));
  }

  @Test
  void a_task_goes_through_the_queue_and_the_response_answers_202_until_it_ends() throws Exception {
    String id = create();
    String base = "/v1/queue/nano_banana_2/requests/" + id;
    assertSameShape(Json.fixture("seaart/status-in-queue.json"), get(base + "/status", 200));
    assertEquals("IN_QUEUE", get(base + "/response", 202).get("status"));
    clock.advance(Duration.ofSeconds(5));
    assertSameShape(Json.fixture("seaart/status-in-progress.json"), get(base + "/status", 200));
    clock.advance(Duration.ofSeconds(10));
    assertSameShape(Json.fixture("seaart/status-completed.json"), get(base + "/status", 200));
    assertSameShape(Json.fixture("seaart/response-success.json"), get(base + "/response", 200));
  }

  @Test
  void a_failure_is_completed_with_error_and_error_type() throws Exception {
    simulator
        .vendor("seaart")
        .scriptNextTask(
            TaskScript.fail(Duration.ZERO, "INFERENCE_FAILURE", "Task execution failed"));
    Map<String, Object> failed =
        get("/v1/queue/nano_banana_2/requests/" + create() + "/status", 200);
    assertSameShape(Json.fixture("seaart/status-completed-error.json"), failed);
    assertEquals("INFERENCE_FAILURE", failed.get("error_type"));
  }

  @Test
  void cancel_is_a_put_requested_once_then_already_completed() throws Exception {
    String id = create();
    HttpResponse<String> cancel =
        DocShapes.HTTP.send(
            HttpRequest.newBuilder(url("/v1/queue/nano_banana_2/requests/" + id + "/cancel"))
                .header("Authorization", "Key " + key)
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(202, cancel.statusCode());
    assertEquals(Map.of("status", "CANCELLATION_REQUESTED"), Json.parseObject(cancel.body()));
    assertEquals(
        400,
        send("PUT", url("/v1/queue/nano_banana_2/requests/" + id + "/cancel"), key, null)
            .statusCode());
    assertEquals(
        404,
        send("PUT", url("/v1/queue/nano_banana_2/requests/nope/cancel"), key, null).statusCode());
  }

  @Test
  void refuses_what_the_docs_refuse_in_the_documented_shapes() throws Exception {
    HttpResponse<String> unauthorized =
        send("POST", url("/v1/queue/nano_banana_2"), "wrong", "{\"prompt\":\"x\"}");
    assertEquals(401, unauthorized.statusCode());
    assertSameShape(
        Json.fixture("seaart/error-unauthorized.json"), Json.parseObject(unauthorized.body()));
    assertEquals(
        Map.of("detail", "webhook not supported"),
        Json.parseObject(
            send(
                    "POST",
                    url("/v1/queue/nano_banana_2"),
                    key,
                    "{\"prompt\":\"x\",\"webhook_url\":\"https://a\"}")
                .body()));
    assertEquals(
        400,
        send(
                "POST",
                url("/v1/queue/nano_banana_2"),
                key,
                "{\"prompt\":\"" + "p".repeat(2501) + "\"}")
            .statusCode());
    assertEquals(
        400,
        send(
                "POST",
                url("/v1/queue/nano_banana_2"),
                key,
                "{\"prompt\":\"x\",\"image_urls\":[\"https://a/1\",\"https://a/2\",\"https://a/3\",\"https://a/4\"]}")
            .statusCode());
    assertEquals(
        404, send("POST", url("/v1/queue/not_exists"), key, "{\"prompt\":\"x\"}").statusCode());
    assertEquals(0, simulator.vendor("seaart").tasks().size());
  }

  private String create() throws Exception {
    HttpResponse<String> created =
        send("POST", url("/v1/queue/nano_banana_2"), key, "{\"prompt\":\"a cat\"}");
    assertEquals(200, created.statusCode(), created.body());
    return (String) Json.parseObject(created.body()).get("request_id");
  }

  private Map<String, Object> get(String path, int expectedStatus) throws Exception {
    HttpResponse<String> response = send("GET", url(path), key, null);
    assertEquals(expectedStatus, response.statusCode(), response.body());
    return Json.parseObject(response.body());
  }
}
