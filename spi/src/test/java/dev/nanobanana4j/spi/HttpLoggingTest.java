package dev.nanobanana4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.port.ProviderConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.POST;

/** What the HTTP log shows at each level, and that no secret reaches it in any form. */
class HttpLoggingTest {
  private static final String KEY = "sk-log-0123456789";

  interface Api {
    @POST("submit")
    Call<Map<String, Object>> submit(@Body Map<String, Object> body);
  }

  private final Logger logger = Logger.getLogger("dev.nanobanana4j.http.acme");
  private final List<String> lines = new ArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          synchronized (lines) {
            lines.add(record.getLevel() + " " + record.getMessage());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    handler.setLevel(Level.ALL);
    logger.addHandler(handler);
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    logger.removeHandler(handler);
    logger.setLevel(null);
    server.close();
  }

  private String send(Level level, String answer) throws Exception {
    logger.setLevel(level);
    server.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "application/json")
            .addHeader("X-Api-Key-Echo", KEY)
            .body(answer)
            .build());
    ProviderHttp http =
        ProviderHttp.builder(
                "acme", server.url("/v1/").uri(), ProviderConfig.builder().apiKey(KEY).build())
            .secretJsonFields("key")
            .build();
    http.send(
            http.create(Api.class).submit(Map.of("prompt", "a fox", "key", KEY)),
            http.context(Operation.SUBMIT),
            body -> body)
        .get(30, TimeUnit.SECONDS);
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  @Test
  void logs_nothing_below_debug() throws Exception {
    assertEquals("", send(Level.INFO, "{}"));
  }

  @Test
  void logs_the_exchange_at_debug_without_bodies() throws Exception {
    String log = send(Level.FINE, "{\"echo\":\"" + KEY + "\"}");
    assertTrue(log.contains("--> POST " + server.url("/v1/submit")), log);
    assertTrue(log.matches("(?s).*<-- 200 .*/v1/submit \\(\\d+ ms\\).*"), log);
    assertFalse(log.contains("a fox"), log);
    assertFalse(log.contains(KEY), log);
  }

  @Test
  void logs_headers_and_bodies_at_trace_with_every_secret_masked() throws Exception {
    // The key starts just before the log's 4096-character cut and runs past it.
    String echo = "x".repeat(4086) + KEY;
    String log = send(Level.FINEST, "{\"a\":\"" + echo + "\"}");
    assertTrue(log.contains("a fox"), log);
    assertTrue(log.contains("\"key\":\"****\""), log);
    assertTrue(log.contains("X-Api-Key-Echo: ****"), log);
    assertFalse(log.contains(KEY.substring(0, 8)), "not even half of the key: " + log);
  }

  @Test
  void a_custom_authentication_signs_after_the_headers_and_before_the_log() throws Exception {
    logger.setLevel(Level.FINEST);
    server.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "application/json")
            .body("{}")
            .build());
    ProviderHttp http =
        ProviderHttp.builder(
                "acme", server.url("/v1/").uri(), ProviderConfig.builder().apiKey(KEY).build())
            .authentication(
                chain ->
                    chain.proceed(
                        chain
                            .request()
                            .newBuilder()
                            .header("X-Signature", KEY + "-signed")
                            .build()))
            .build();
    http.send(
            http.create(Api.class).submit(Map.of("prompt", "a fox")),
            http.context(Operation.SUBMIT),
            body -> body)
        .get(30, TimeUnit.SECONDS);
    okhttp3.Headers sent = server.takeRequest().getHeaders();
    assertEquals(KEY + "-signed", sent.get("X-Signature"));
    assertTrue(sent.get("User-Agent").startsWith("nanobanana4j/"), sent.toString());
    String log;
    synchronized (lines) {
      log = String.join("\n", lines);
    }
    assertTrue(log.contains("X-Signature: ****"), "the log shows what was signed: " + log);
    assertFalse(log.contains(KEY.substring(0, 8)), log);
  }

  @Test
  void logs_a_failed_call_at_debug() throws Exception {
    logger.setLevel(Level.FINE);
    server.enqueue(
        new MockResponse.Builder()
            .onResponseStart(new mockwebserver3.SocketEffect.CloseSocket())
            .build());
    ProviderHttp http =
        ProviderHttp.builder(
                "acme", server.url("/v1/").uri(), ProviderConfig.builder().apiKey(KEY).build())
            .build();
    try {
      http.send(
              http.create(Api.class).submit(Map.of("prompt", "x")),
              http.context(Operation.SUBMIT),
              body -> body)
          .get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException expected) {
      // the connection was dropped
    }
    String log;
    synchronized (lines) {
      log = String.join("\n", lines);
    }
    assertTrue(log.contains("<-- FAILED " + server.url("/v1/submit")), log);
  }
}
