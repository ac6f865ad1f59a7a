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

/** The ModelsLab simulation against ModelsLab's documentation. */
class ModelsLabSimulationTest {
  private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
  private final Simulator simulator =
      Simulator.builder()
          .clock(clock)
          .defaultScript(TaskScript.succeed(Duration.ZERO, Duration.ofSeconds(20)))
          .start();
  private final String key = simulator.apiKey("modelslab");

  @AfterEach
  void close() {
    simulator.close();
  }

  private URI url(String path) {
    return URI.create(simulator.baseUrl("modelslab") + path);
  }

  private String withKey(String fixture) {
    Map<String, Object> body = Json.fixture(fixture);
    body.put("key", key);
    return Json.write(body);
  }

  @Test
  void accepts_the_documented_requests_and_answers_processing_then_the_documented_fetch()
      throws Exception {
    HttpResponse<String> t2i =
        send(
            "POST",
            url("/enterprise/nano_banana/text2img"),
            "unused",
            withKey("modelslab/text2img-request.json"));
    assertEquals(200, t2i.statusCode(), t2i.body());
    Map<String, Object> processing = Json.parseObject(t2i.body());
    assertSameShape(Json.fixture("modelslab/generation-processing.json"), processing);
    assertEquals(20L, processing.get("eta"));
    HttpResponse<String> i2i =
        send(
            "POST",
            url("/enterprise/nano_banana/img2img"),
            "unused",
            withKey("modelslab/img2img-request.json"));
    assertEquals(200, i2i.statusCode(), i2i.body());

    String fetch = "/enterprise/nano_banana/fetch/" + processing.get("id");
    assertEquals(
        "processing",
        Json.parseObject(send("POST", url(fetch), "unused", "{\"key\":\"" + key + "\"}").body())
            .get("status"));
    clock.advance(Duration.ofSeconds(20));
    Map<String, Object> done =
        Json.parseObject(send("POST", url(fetch), "unused", "{\"key\":\"" + key + "\"}").body());
    assertSameShape(Json.fixture("modelslab/fetch-success.json"), done);
    assertEquals(processing.get("future_links"), done.get("output"));
  }

  @Test
  void a_quick_task_answers_success_at_once() throws Exception {
    simulator.vendor("modelslab").scriptNextTask(TaskScript.succeed(Duration.ZERO, Duration.ZERO));
    HttpResponse<String> response =
        send(
            "POST",
            url("/enterprise/nano_banana/text2img"),
            "unused",
            "{\"key\":\"" + key + "\",\"prompt\":\"x\",\"samples\":2}");
    Map<String, Object> success = Json.parseObject(response.body());
    assertSameShape(Json.fixture("modelslab/generation-success.json"), success);
    assertEquals(2, ((List<?>) success.get("output")).size());
  }

  @Test
  void a_failure_is_the_documented_failed_payload() throws Exception {
    simulator
        .vendor("modelslab")
        .scriptNextTask(
            TaskScript.fail(
                Duration.ZERO, "ignored", "Processing failed: Invalid input dimensions"));
    Map<String, Object> created =
        Json.parseObject(
            send(
                    "POST",
                    url("/enterprise/nano_banana/text2img"),
                    "unused",
                    "{\"key\":\"" + key + "\",\"prompt\":\"x\",\"track_id\":\"t-9\"}")
                .body());
    Map<String, Object> failed =
        Json.parseObject(
            send(
                    "POST",
                    url("/enterprise/nano_banana/fetch/" + created.get("id")),
                    "unused",
                    "{\"key\":\"" + key + "\"}")
                .body());
    assertSameShape(Json.fixture("modelslab/failed.json"), failed);
    assertEquals("t-9", failed.get("track_id"));
  }

  @Test
  void refuses_what_the_docs_refuse_with_the_documented_error_body() throws Exception {
    HttpResponse<String> wrongKey =
        send(
            "POST",
            url("/enterprise/nano_banana/text2img"),
            "unused",
            "{\"key\":\"nope\",\"prompt\":\"x\"}");
    assertEquals(401, wrongKey.statusCode());
    assertEquals(
        Map.of("status", "error", "message", "Invalid API key"), Json.parseObject(wrongKey.body()));
    for (String body :
        List.of(
            "{\"key\":\"K\"}",
            "{\"key\":\"K\",\"prompt\":\"x\",\"width\":1000}",
            "{\"key\":\"K\",\"prompt\":\"x\",\"height\":2080}",
            "{\"key\":\"K\",\"prompt\":\"x\",\"samples\":5}",
            "{\"key\":\"K\",\"prompt\":\"x\",\"watermark\":true}")) {
      HttpResponse<String> response =
          send(
              "POST",
              url("/enterprise/nano_banana/text2img"),
              "unused",
              body.replace("\"K\"", "\"" + key + "\""));
      assertEquals(400, response.statusCode(), body);
      assertSameShape(Json.fixture("modelslab/error.json"), Json.parseObject(response.body()));
    }
    assertEquals(
        400,
        send(
                "POST",
                url("/enterprise/nano_banana/img2img"),
                "unused",
                "{\"key\":\"" + key + "\",\"prompt\":\"x\"}")
            .statusCode());
    assertEquals(0, simulator.vendor("modelslab").tasks().size());
  }
}
