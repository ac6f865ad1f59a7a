package example.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.testkit.MutableClock;
import dev.nanobanana4j.testkit.Simulator;
import dev.nanobanana4j.testkit.TaskScript;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

/**
 * The application as it runs, against the vendor simulator on loopback: an image made through the
 * starter, settled by a signed callback to the starter's endpoint, and the health it exposes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ImageApplicationTest {
  static final MutableClock CLOCK = MutableClock.startingAt(Instant.now());
  static final Simulator SIMULATOR =
      Simulator.builder()
          .clock(CLOCK)
          .defaultScript(TaskScript.succeed(Duration.ZERO, Duration.ofSeconds(8)))
          .start();
  static final int PORT = TestSocketUtils.findAvailableTcpPort();
  static final String BASE = "http://127.0.0.1:" + PORT;

  private final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void vendor(DynamicPropertyRegistry properties) {
    properties.add("server.port", () -> PORT);
    properties.add("server.address", () -> "127.0.0.1");
    properties.add("nanobanana.providers.apixo.api-key", () -> SIMULATOR.apiKey("apixo"));
    properties.add("nanobanana.providers.apixo.base-url", () -> SIMULATOR.baseUrl("apixo"));
    properties.add("nanobanana.callbacks.url", () -> BASE + "/nanobanana/callbacks");
    properties.add("nanobanana.callbacks.secret", () -> "a-callback-secret-for-the-example");
    // The callback settles the job; polling would start only an hour later.
    properties.add("nanobanana.callbacks.polling-grace", () -> "1h");
  }

  @AfterAll
  static void stop() {
    SIMULATOR.close();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void an_image_is_made_and_its_signed_callback_settles_the_job() throws Exception {
    HttpResponse<String> accepted =
        send(
            HttpRequest.newBuilder(URI.create(BASE + "/images?prompt=a%20lighthouse%20at%20dusk"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(202, accepted.statusCode(), accepted.body());
    String token = accepted.body().replaceAll(".*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");

    CLOCK.advance(Duration.ofSeconds(8));
    List<Simulator.Delivered> callbacks = SIMULATOR.deliverCallbacks();
    assertEquals(1, callbacks.size(), callbacks.toString());
    assertEquals(200, callbacks.get(0).status(), callbacks.toString());
    assertTrue(callbacks.get(0).callback().url().toString().contains("token="));

    HttpResponse<String> result =
        send(HttpRequest.newBuilder(URI.create(BASE + "/images/" + token)));
    assertEquals(200, result.statusCode(), result.body());
    assertTrue(result.body().contains("\"state\":\"succeeded\""), result.body());
    assertTrue(result.body().contains("/files/apixo/"), result.body());
    // Settled by the callback, not by polling.
    assertTrue(SIMULATOR.calls("apixo", Operation.STATUS).isEmpty());

    // A callback without the client's token is refused.
    HttpResponse<String> forged =
        send(
            HttpRequest.newBuilder(URI.create(BASE + "/nanobanana/callbacks?provider=apixo"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"task_id\":\"x\"}")));
    assertEquals(401, forged.statusCode());

    HttpResponse<String> submitted =
        send(
            HttpRequest.newBuilder(
                URI.create(BASE + "/actuator/metrics/nanobanana.jobs.submitted")));
    assertEquals(200, submitted.statusCode(), submitted.body());
    assertTrue(submitted.body().contains("\"value\":1.0"), submitted.body());
  }

  @Test
  void health_shows_the_provider_without_its_key() throws Exception {
    HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create(BASE + "/actuator/health")));
    assertEquals(200, health.statusCode(), health.body());
    assertTrue(health.body().contains("\"nanobanana\""), health.body());
    assertTrue(health.body().contains("\"apixo\""), health.body());
    assertTrue(health.body().contains("\"circuit\":\"closed\""), health.body());
    assertFalse(health.body().contains(SIMULATOR.apiKey("apixo")), health.body());
  }
}
