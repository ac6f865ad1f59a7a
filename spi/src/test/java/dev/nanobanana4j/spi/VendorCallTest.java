package dev.nanobanana4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.error.AuthenticationException;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.error.OutcomeUnknownException;
import dev.nanobanana4j.core.error.RateLimitException;
import dev.nanobanana4j.core.port.ProviderConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.POST;

class VendorCallTest {
  private static final String KEY = "sk-test-5f1e2d3c";

  interface EchoApi {
    @POST("echo")
    Call<Map<String, Object>> echo(@Body Map<String, Object> body);
  }

  private final MockWebServer server = new MockWebServer();
  private ProviderHttp http;
  private EchoApi api;

  @BeforeEach
  void start() throws Exception {
    server.start();
    http =
        ProviderHttp.builder(
                "acme",
                server.url("/v1").uri(),
                ProviderConfig.builder().apiKey(KEY).requestTimeout(Duration.ofSeconds(5)).build())
            .errorBodies((status, body) -> VendorError.of("X" + status, body))
            .build();
    api = http.create(EchoApi.class);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private CompletableFuture<Object> send() {
    return http.send(
        api.echo(Map.of("a", 1)), http.context(Operation.SUBMIT), body -> body.get("ok"));
  }

  @Test
  void cancelling_the_future_cancels_the_call() {
    Call<Map<String, Object>> call = api.echo(Map.of("a", 1));
    CompletableFuture<Object> future =
        http.send(call, http.context(Operation.SUBMIT), body -> body.get("ok"));
    assertTrue(future.cancel(false));
    assertTrue(call.isCanceled());
    assertTrue(future.isCancelled());
  }

  @Test
  void an_observer_hears_each_call_with_its_provider_operation_and_status() throws Exception {
    java.util.List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    ProviderHttp observed =
        ProviderHttp.builder(
                "acme",
                server.url("/v1").uri(),
                ProviderConfig.builder()
                    .apiKey(KEY)
                    .callObserver(
                        (provider, operation, status, took) ->
                            heard.add(provider + " " + operation + " " + status))
                    .build())
            .build();
    server.enqueue(new MockResponse.Builder().body("{\"ok\":true}").build());
    EchoApi echo = observed.create(EchoApi.class);
    assertEquals(
        true,
        observed
            .send(echo.echo(Map.of()), observed.context(Operation.SUBMIT), body -> body.get("ok"))
            .get());
    assertEquals(java.util.List.of("acme SUBMIT 200"), heard);
  }

  @Test
  void a_submission_makes_handles_naming_the_model() {
    Submission submission =
        new Submission("acme", "m-1", java.time.Instant.EPOCH, http.context(Operation.SUBMIT));
    assertEquals(Map.of("model", "m-1"), submission.handle("t1").attributes());
    assertEquals(submission.handle("t2").attributes(), submission.handle("t3").attributes());
    assertEquals(
        Map.of("model", "m-1", "url", "https://x.example/t"),
        submission.handle("t4", Map.of("url", "https://x.example/t")).attributes());
  }

  @Test
  void sends_the_bearer_key_and_maps_the_body() throws Exception {
    server.enqueue(new MockResponse.Builder().body("{\"ok\":true}").build());
    assertEquals(true, send().get());
    RecordedRequest request = server.takeRequest();
    assertEquals("Bearer " + KEY, request.getHeaders().get("Authorization"));
    assertEquals("/v1/echo", request.getTarget());
  }

  @Test
  void a_vendor_echoing_the_key_in_an_error_never_reaches_the_message() {
    server.enqueue(new MockResponse.Builder().code(401).body("bad key " + KEY).build());
    ExecutionException e = assertThrows(ExecutionException.class, () -> send().get());
    AuthenticationException auth = assertInstanceOf(AuthenticationException.class, e.getCause());
    assertFalse(auth.getMessage().contains(KEY), auth.getMessage());
    assertTrue(auth.getMessage().contains("bad key ****"), auth.getMessage());
    assertEquals("X401", auth.vendorCode().orElseThrow());
  }

  @Test
  void retry_after_reaches_the_rate_limit_error() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "9").build());
    ExecutionException e = assertThrows(ExecutionException.class, () -> send().get());
    assertEquals(
        Duration.ofSeconds(9), ((RateLimitException) e.getCause()).retryAfter().orElseThrow());
  }

  @Test
  void an_empty_success_body_is_an_unknown_outcome_for_a_submission() {
    server.enqueue(new MockResponse.Builder().body("").build());
    ExecutionException e = assertThrows(ExecutionException.class, () -> send().get());
    assertInstanceOf(OutcomeUnknownException.class, e.getCause());
  }

  @Test
  void the_http_stack_never_resends_by_itself() {
    server.enqueue(
        new MockResponse.Builder()
            .onResponseStart(new mockwebserver3.SocketEffect.CloseSocket())
            .build());
    ExecutionException e = assertThrows(ExecutionException.class, () -> send().get());
    assertInstanceOf(OutcomeUnknownException.class, e.getCause());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void its_description_holds_no_secret() {
    assertFalse(http.toString().contains(KEY));
    assertEquals("Redactor[1 secrets]", http.redactor().toString());
    assertEquals("a **** b", http.redactor().redact("a " + KEY + " b"));
  }
}
