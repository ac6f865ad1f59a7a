package dev.nanobanana4j.testkit;

import static dev.nanobanana4j.testkit.DocShapes.assertSameShape;
import static dev.nanobanana4j.testkit.DocShapes.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.error.Operation;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The APIXO simulation against APIXO's documentation, spoken to with the JDK's HTTP client: it
 * takes the docs' literal requests and answers in the docs' literal shapes.
 */
class ApixoSimulationTest {
  private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
  private final Simulator simulator =
      Simulator.builder()
          .clock(clock)
          .defaultScript(TaskScript.succeed(Duration.ofSeconds(5), Duration.ofSeconds(10)))
          .start();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String key = simulator.apiKey("apixo");

  @AfterEach
  void close() {
    simulator.close();
  }

  @Test
  void accepts_each_documented_request_and_answers_with_the_documented_shape() throws Exception {
    for (String example :
        List.of(
            "submit-request-quickstart.json",
            "submit-request-text-to-image.json",
            "submit-request-image-to-image.json")) {
      HttpResponse<String> response = submit(Json.write(Json.fixture("apixo/" + example)), key);
      assertEquals(200, response.statusCode(), example + ": " + response.body());
      Map<String, Object> body = Json.parseObject(response.body());
      assertSameShape(Json.fixture("apixo/submit-response.json"), body);
      assertEquals(200L, body.get("code"));
      assertEquals("success", body.get("message"));
    }
    assertEquals(3, simulator.vendor("apixo").tasks().size());
  }

  @Test
  void a_task_goes_pending_processing_success_in_the_documented_shapes() throws Exception {
    String taskId =
        taskIdOf(submit(Json.write(Json.fixture("apixo/submit-request-quickstart.json")), key));
    Map<String, Object> pending = status(taskId);
    assertSameShape(Json.fixture("apixo/status-processing.json"), pending);
    assertEquals("pending", data(pending).get("state"));
    clock.advance(Duration.ofSeconds(5));
    Map<String, Object> processing = status(taskId);
    assertSameShape(Json.fixture("apixo/status-processing.json"), processing);
    assertEquals("processing", data(processing).get("state"));
    clock.advance(Duration.ofSeconds(10));
    Map<String, Object> success = status(taskId);
    assertSameShape(Json.fixture("apixo/status-success.json"), success);
    assertEquals(10_000L + 5_000L, data(success).get("costTime"));
    // resultJson is a JSON string, as documented, holding resultUrls.
    Map<String, Object> result = Json.parseObject((String) data(success).get("resultJson"));
    List<?> urls = (List<?>) result.get("resultUrls");
    assertEquals(1, urls.size());
    HttpResponse<byte[]> image =
        http.send(
            HttpRequest.newBuilder(URI.create(urls.get(0).toString())).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals("image/png", image.headers().firstValue("Content-Type").orElseThrow());
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image.body()));
    assertNotNull(decoded, "a decodable PNG");
    assertEquals(256, decoded.getWidth());
    assertEquals(171, decoded.getHeight()); // 3:2
  }

  @Test
  void a_scripted_failure_is_reported_in_the_documented_shape() throws Exception {
    simulator
        .vendor("apixo")
        .scriptNextTask(
            TaskScript.fail(
                Duration.ZERO,
                "SensitiveContent",
                "Content violates safety policy, please adjust the prompt"));
    String taskId =
        taskIdOf(submit(Json.write(Json.fixture("apixo/submit-request-quickstart.json")), key));
    Map<String, Object> failed = status(taskId);
    assertSameShape(Json.fixture("apixo/status-failed.json"), failed);
    assertEquals("SensitiveContent", data(failed).get("failCode"));
  }

  @Test
  void jpeg_output_is_served_as_jpeg() throws Exception {
    simulator.vendor("apixo").scriptNextTask(TaskScript.succeed(Duration.ZERO, Duration.ZERO));
    String taskId =
        taskIdOf(submit(Json.write(Json.fixture("apixo/submit-request-image-to-image.json")), key));
    String url =
        ((List<?>)
                Json.parseObject((String) data(status(taskId)).get("resultJson")).get("resultUrls"))
            .get(0)
            .toString();
    assertTrue(url.endsWith(".jpg"), url);
    HttpResponse<byte[]> image =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals("image/jpeg", image.headers().firstValue("Content-Type").orElseThrow());
    assertNotNull(ImageIO.read(new ByteArrayInputStream(image.body())));
  }

  @Test
  void refuses_a_missing_or_wrong_key_with_401() throws Exception {
    HttpResponse<String> response =
        submit(Json.write(Json.fixture("apixo/submit-request-quickstart.json")), "sk-wrong");
    assertEquals(401, response.statusCode());
    assertSameShape(
        Json.fixture("apixo/error-invalid-request.json"), Json.parseObject(response.body()));
    assertEquals(0, simulator.vendor("apixo").tasks().size());
  }

  @Test
  void refuses_bodies_the_docs_do_not_allow_with_400_and_the_field() throws Exception {
    Map<String, String> cases =
        Map.of(
            "{\"request_type\":\"async\",\"input\":{\"mode\":\"text-to-image\",\"aspect_ratio\":\"1:1\",\"resolution\":\"1k\"}}",
                "Missing required field: input.prompt",
            "{\"request_type\":\"async\",\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"x\",\"aspect_ratio\":\"1:1\",\"resolution\":\"2K\"}}",
                "Invalid input.resolution: must be 1k, 2k or 4k",
            "{\"request_type\":\"async\",\"input\":{\"mode\":\"image-to-image\",\"prompt\":\"x\",\"aspect_ratio\":\"1:1\",\"resolution\":\"1k\"}}",
                "Missing required field: input.image_urls",
            "{\"request_type\":\"async\",\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"x\",\"aspect_ratio\":\"2:1\",\"resolution\":\"1k\"}}",
                "Invalid input.aspect_ratio: 2:1",
            "{\"request_type\":\"callback\",\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"x\",\"aspect_ratio\":\"1:1\",\"resolution\":\"1k\"}}",
                "callback_url must be a public HTTPS URL when request_type is callback",
            "{\"input\":{}}", "Missing required field: request_type");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      HttpResponse<String> response = submit(c.getKey(), key);
      assertEquals(400, response.statusCode(), c.getKey());
      Map<String, Object> body = Json.parseObject(response.body());
      assertEquals(Map.of("error", c.getValue()), body.get("data"), c.getKey());
      assertEquals("Invalid request", body.get("message"));
    }
    assertEquals(0, simulator.vendor("apixo").tasks().size());
  }

  @Test
  void an_unknown_task_is_404() throws Exception {
    HttpResponse<String> response = get("/statusTask/nano-banana-2?taskId=task_0");
    assertEquals(404, response.statusCode());
  }

  @Test
  void faults_apply_once_and_decide_whether_the_call_was_acted_on() throws Exception {
    String body = Json.write(Json.fixture("apixo/submit-request-quickstart.json"));
    simulator.inject(Fault.RATE_LIMITED, Operation.SUBMIT, 1);
    HttpResponse<String> limited = submit(body, key);
    assertEquals(429, limited.statusCode());
    assertEquals("1", limited.headers().firstValue("Retry-After").orElseThrow());
    assertEquals(0, simulator.vendor("apixo").tasks().size(), "a 429 is not acted on");

    simulator.inject(Fault.DROP_AFTER_REQUEST, Operation.SUBMIT, 1);
    try {
      submit(body, key);
      throw new AssertionError("the connection should have been dropped");
    } catch (IOException expected) {
      // the answer was lost
    }
    assertEquals(1, simulator.vendor("apixo").tasks().size(), "but the vendor did accept the task");

    assertEquals(200, submit(body, key).statusCode(), "the fault applied once");
    assertEquals(3, simulator.calls("apixo", Operation.SUBMIT).size());
  }

  private HttpResponse<String> submit(String body, String apiKey) throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create(simulator.baseUrl("apixo") + "/generateTask/nano-banana-2"))
            .header("Authorization", "Bearer " + apiKey)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(simulator.baseUrl("apixo") + path))
            .header("Authorization", "Bearer " + key)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private Map<String, Object> status(String taskId) throws Exception {
    HttpResponse<String> response = get("/statusTask/nano-banana-2?taskId=" + taskId);
    assertEquals(200, response.statusCode(), response.body());
    return Json.parseObject(response.body());
  }

  private static String taskIdOf(HttpResponse<String> response) {
    return (String) data(Json.parseObject(response.body())).get("taskId");
  }
}
