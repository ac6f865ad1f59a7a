package dev.nanobanana4j.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobState;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.testkit.MutableClock;
import dev.nanobanana4j.testkit.Simulator;
import dev.nanobanana4j.testkit.TaskScript;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/** Real callbacks, posted by the simulator over HTTP to a running Boot server's endpoint. */
class CallbackEndpointTest {
  private static final String WEBHOOK_SECRET = "whsec_c2ltdWxhdG9yLXNpZ25pbmcta2V5LTAxMjM0NTY3";

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class App {}

  private final MutableClock clock = MutableClock.startingAt(Instant.now());
  private Simulator simulator;
  private ConfigurableApplicationContext app;
  private String base;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    base = "http://127.0.0.1:" + port;
    simulator =
        Simulator.builder()
            .clock(clock)
            .defaultScript(TaskScript.succeed(Duration.ZERO, Duration.ofSeconds(10)))
            .webhook("mulerun", URI.create(base + "/hooks/nb/mulerun"), WEBHOOK_SECRET)
            .start();
    app =
        new SpringApplicationBuilder(App.class)
            .web(WebApplicationType.SERVLET)
            .properties(
                "server.port=" + port,
                "server.address=127.0.0.1",
                "spring.datasource.url=jdbc:h2:mem:cb" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "management.endpoint.health.show-details=always",
                "management.endpoints.web.exposure.include=health",
                "nanobanana.default-provider=apixo",
                "nanobanana.providers.apixo.api-key=" + simulator.apiKey("apixo"),
                "nanobanana.providers.apixo.base-url=" + simulator.baseUrl("apixo"),
                "nanobanana.providers.mulerun.api-key=" + simulator.apiKey("mulerun"),
                "nanobanana.providers.mulerun.base-url=" + simulator.baseUrl("mulerun"),
                "nanobanana.providers.mulerun.webhook-secret=" + WEBHOOK_SECRET,
                "nanobanana.callbacks.path=/hooks/nb",
                "nanobanana.callbacks.url=" + base + "/hooks/nb",
                "nanobanana.callbacks.secret=callback-secret-for-the-boot-test",
                "nanobanana.callbacks.max-body-size=64KB",
                // Polls only if no callback comes within an hour: none here.
                "nanobanana.callbacks.polling-grace=1h")
            .run();
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
    simulator.close();
  }

  private HttpResponse<String> post(String path, byte[] body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .header("Content-Type", "application/json")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private CompletableFuture<JobStatus> submitAndWait(NanoBananaClient client, String provider) {
    JobHandle handle =
        client
            .submit(provider, ImageRequest.builder().prompt("a kite over the sea").build())
            .join();
    return client.await(handle);
  }

  @Test
  void signed_callbacks_settle_the_waits_and_the_endpoint_answers_as_the_receiver_says()
      throws Exception {
    NanoBananaClient client = app.getBean(NanoBananaClient.class);
    CompletableFuture<JobStatus> apixo = submitAndWait(client, "apixo");
    CompletableFuture<JobStatus> mulerun = submitAndWait(client, "mulerun");
    clock.advance(Duration.ofSeconds(10));
    List<Simulator.Delivered> delivered = simulator.deliverCallbacks();
    assertEquals(2, delivered.size(), delivered.toString());
    for (Simulator.Delivered d : delivered) {
      assertEquals(200, d.status(), d.toString());
    }
    // APIXO's came to the path with the client's token in the query, MuleRun's (signed by the
    // vendor) to the path with the provider as its last segment.
    assertTrue(
        delivered.stream().anyMatch(d -> d.callback().url().getPath().equals("/hooks/nb")),
        delivered.toString());
    assertTrue(
        delivered.stream().anyMatch(d -> d.callback().url().getPath().equals("/hooks/nb/mulerun")),
        delivered.toString());
    assertEquals(JobState.SUCCEEDED, apixo.get(10, TimeUnit.SECONDS).state());
    assertEquals(JobState.SUCCEEDED, mulerun.get(10, TimeUnit.SECONDS).state());
    // Settled by the callbacks alone: no status poll was made.
    assertTrue(simulator.calls("apixo", Operation.STATUS).isEmpty());
    assertTrue(simulator.calls("mulerun", Operation.STATUS).isEmpty());

    // The same callback again is acknowledged and changes nothing.
    assertEquals(200, delivered.get(0).callback().send());
    // Forged: no token, or a wrong signature.
    assertEquals(
        401, post("/hooks/nb?provider=apixo", "{\"task_id\":\"x\"}".getBytes()).statusCode());
    assertEquals(
        401,
        delivered.stream()
            .filter(d -> d.callback().url().getPath().endsWith("/mulerun"))
            .findFirst()
            .orElseThrow()
            .callback()
            .withBody("{\"forged\":true}")
            .send());
    // Over the limit: refused unread, whether its length is declared or it comes in chunks.
    assertEquals(413, post("/hooks/nb?provider=apixo", new byte[64 * 1024 + 1]).statusCode());
    assertEquals(413, post("/hooks/nb/mulerun", new byte[64 * 1024 + 1]).statusCode());
    HttpResponse<String> chunked =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/hooks/nb?provider=apixo"))
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(new byte[64 * 1024 + 1])))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(413, chunked.statusCode());
    // A provider the client does not have.
    assertEquals(404, post("/hooks/nb/nobody", "{}".getBytes()).statusCode());
  }

  @Test
  void actuator_health_shows_each_provider() throws Exception {
    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, health.statusCode(), health.body());
    String body = health.body();
    assertTrue(body.contains("\"nanobanana\""), body);
    assertTrue(body.contains("\"apixo\""), body);
    assertTrue(body.contains("\"mulerun\""), body);
    assertTrue(body.contains("\"circuit\":\"closed\""), body);
    assertTrue(!body.contains(simulator.apiKey("apixo")), body);
    assertTrue(!body.contains(WEBHOOK_SECRET), body);
  }
}
