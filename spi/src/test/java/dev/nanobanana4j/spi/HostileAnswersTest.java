package dev.nanobanana4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.InvalidRequestException;
import dev.nanobanana4j.core.error.NanoBananaException;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.error.OutcomeUnknownException;
import dev.nanobanana4j.core.error.ProtocolException;
import dev.nanobanana4j.core.port.ProviderConfig;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.POST;

/** The provider kit against a vendor that answers as no vendor should, over loopback HTTP. */
class HostileAnswersTest {
  interface Api {
    @POST("submit")
    Call<Map<String, Object>> submit(@Body Map<String, Object> body);

    @GET("status")
    Call<Map<String, Object>> status();
  }

  private final MockWebServer vendor = new MockWebServer();
  private final MockWebServer elsewhere = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    vendor.start();
    elsewhere.start();
  }

  @AfterEach
  void stop() throws Exception {
    vendor.close();
    elsewhere.close();
  }

  private ProviderHttp http(ProviderConfig.Builder config) {
    return ProviderHttp.builder("acme", vendor.url("/v1/").uri(), config.build()).build();
  }

  private ProviderHttp http() {
    return http(ProviderConfig.builder().apiKey("sk-hostile-123456"));
  }

  private ProviderHttp limitedTo(long maxResponseBytes) {
    return http(
        ProviderConfig.builder().apiKey("sk-hostile-123456").maxResponseBytes(maxResponseBytes));
  }

  /** How a submission fails where answers are limited to {@code maxResponseBytes}. */
  private NanoBananaException submitWithLimit(long maxResponseBytes) throws Exception {
    ProviderHttp http = limitedTo(maxResponseBytes);
    return failure(
        http.send(http.create(Api.class).submit(Map.of()), http.context(Operation.SUBMIT), b -> b));
  }

  private static NanoBananaException failure(CompletableFuture<?> future) throws Exception {
    try {
      future.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return assertInstanceOf(NanoBananaException.class, e.getCause());
    }
    throw new AssertionError("the call succeeded");
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {301, 302, 303, 307, 308})
  void a_submission_redirected_elsewhere_is_not_followed_and_its_outcome_is_unknown(int code)
      throws Exception {
    vendor.enqueue(
        new MockResponse.Builder()
            .code(code)
            .addHeader("Location", elsewhere.url("/steal").toString())
            .build());
    ProviderHttp http = http();
    Api api = http.create(Api.class);
    NanoBananaException e =
        failure(
            http.send(
                api.submit(Map.of("prompt", "a fox")),
                http.context(Operation.SUBMIT),
                body -> body));
    OutcomeUnknownException unknown = assertInstanceOf(OutcomeUnknownException.class, e);
    assertInstanceOf(ProtocolException.class, unknown.getCause());
    assertEquals(code, e.context().httpStatus().getAsInt());
    assertEquals(1, vendor.getRequestCount());
    assertEquals(0, elsewhere.getRequestCount(), "nothing reaches the redirect's origin");
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {301, 302, 307})
  void a_status_poll_redirected_elsewhere_is_a_protocol_error(int code) throws Exception {
    vendor.enqueue(
        new MockResponse.Builder()
            .code(code)
            .addHeader("Location", elsewhere.url("/steal").toString())
            .build());
    ProviderHttp http = http();
    NanoBananaException e =
        failure(http.send(http.create(Api.class).status(), http.context(Operation.STATUS), b -> b));
    assertInstanceOf(ProtocolException.class, e);
    assertEquals(0, elsewhere.getRequestCount());
  }

  @Test
  void an_answer_declaring_more_than_the_limit_is_refused_unread() throws Exception {
    vendor.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "application/json")
            .body(new Buffer().write(new byte[5000]))
            .build());
    ProviderHttp http = limitedTo(4096);
    NanoBananaException e =
        failure(http.send(http.create(Api.class).status(), http.context(Operation.STATUS), b -> b));
    ProtocolException protocol = assertInstanceOf(ProtocolException.class, e);
    assertTrue(
        protocol.getMessage().contains("larger than the limit of 4096 bytes"), e.getMessage());
  }

  /**
   * The answer limit bounds what is parsed; an error answer is read only up to the error-body cap,
   * so a huge one is typed by its status, and a refused submission stays safe to resend.
   */
  @Test
  void an_error_answer_declaring_more_than_the_limit_is_typed_by_its_status() throws Exception {
    vendor.enqueue(
        new MockResponse.Builder()
            .code(400)
            .addHeader("Content-Type", "application/json")
            .body(new Buffer().write(new byte[1_000_000]))
            .build());
    NanoBananaException e = submitWithLimit(4096);
    assertInstanceOf(InvalidRequestException.class, e);
  }

  @Test
  void a_chunked_answer_growing_past_the_limit_fails_as_it_passes_it() throws Exception {
    vendor.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "application/json")
            .chunkedBody("{\"a\":\"" + "x".repeat(10_000) + "\"}", 512)
            .build());
    NanoBananaException e = submitWithLimit(4096);
    assertInstanceOf(OutcomeUnknownException.class, e);
    assertTrue(e.getCause().getMessage().contains("larger than the limit"), e.getMessage());
  }

  @Test
  void a_compressed_bomb_meets_the_limit_after_decompression() throws Exception {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
      gzip.write("{\"a\":\"".getBytes());
      gzip.write(new byte[8 * 1024 * 1024]);
    }
    assertTrue(zipped.size() < 64 * 1024, "the bomb is small on the wire");
    vendor.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "application/json")
            .addHeader("Content-Encoding", "gzip")
            .body(new Buffer().write(zipped.toByteArray()))
            .build());
    ProviderHttp http = http(); // default limit: 4 MiB
    NanoBananaException e =
        failure(http.send(http.create(Api.class).status(), http.context(Operation.STATUS), b -> b));
    assertInstanceOf(ProtocolException.class, e);
  }

  @Test
  void an_answer_at_the_limit_is_read() throws Exception {
    String json = "{\"a\":\"" + "x".repeat(4096 - 8) + "\"}";
    assertEquals(4096, json.length());
    vendor.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "application/json")
            .chunkedBody(json, 100)
            .build());
    ProviderHttp http = limitedTo(4096);
    Object a =
        http.send(http.create(Api.class).status(), http.context(Operation.STATUS), b -> b.get("a"))
            .get(30, TimeUnit.SECONDS);
    assertEquals(4096 - 8, ((String) a).length());
  }

  @Test
  void inline_images_widen_the_limit_by_their_base64_size() {
    ProviderConfig config =
        ProviderConfig.builder()
            .apiKey("sk-hostile-123456")
            .maxResponseBytes(4096)
            .maxInlineImageBytes(3000)
            .build();
    assertEquals(4096, ProviderHttp.bodyLimit(config, 0));
    assertEquals(4096 + 2 * 4000, ProviderHttp.bodyLimit(config, 2));
  }

  @Test
  void a_mapper_that_fails_fatally_still_completes_the_call() throws Exception {
    vendor.enqueue(new MockResponse.Builder().body("{}").build());
    ProviderHttp http = http();
    CompletableFuture<Object> call =
        http.send(
            http.create(Api.class).status(),
            ErrorContext.of("acme", Operation.STATUS),
            body -> {
              throw new StackOverflowError("deep");
            });
    NanoBananaException e = failure(call);
    assertInstanceOf(ProtocolException.class, e);
    assertFalse(e.getMessage().contains("sk-hostile"));
  }

  @Test
  void every_request_names_the_library_and_its_version() throws Exception {
    vendor.enqueue(new MockResponse.Builder().body("{}").build());
    ProviderHttp http = http();
    http.send(http.create(Api.class).status(), http.context(Operation.STATUS), b -> b)
        .get(30, TimeUnit.SECONDS);
    String agent = vendor.takeRequest().getHeaders().get("User-Agent");
    assertEquals(ProviderHttp.USER_AGENT, agent);
    assertTrue(agent.matches("nanobanana4j/\\d+\\.\\d+\\.\\d+.*"), agent);
  }
}
