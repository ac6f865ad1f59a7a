package dev.nanobanana4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SimulatorExtension.class)
class SimulatorExtensionTest {
  @Test
  void hands_each_test_one_running_simulator_whose_tasks_end_at_once(
      Simulator simulator, Simulator same) throws Exception {
    assertSame(simulator, same, "one simulator a test");
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> submitted =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(simulator.baseUrl("apixo") + "/generateTask/nano-banana-2"))
                .header("Authorization", "Bearer " + simulator.apiKey("apixo"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"request_type\":\"async\",\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"a fox\",\"aspect_ratio\":\"1:1\",\"resolution\":\"1k\"}}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, submitted.statusCode(), submitted.body());
    String taskId = simulator.vendor("apixo").tasks().keySet().iterator().next();
    HttpResponse<String> status =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        simulator.baseUrl("apixo") + "/statusTask/nano-banana-2?taskId=" + taskId))
                .header("Authorization", "Bearer " + simulator.apiKey("apixo"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertTrue(status.body().contains("\"success\""), "done at once: " + status.body());
  }
}
