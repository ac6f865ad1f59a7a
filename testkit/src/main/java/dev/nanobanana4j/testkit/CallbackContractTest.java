package dev.nanobanana4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.application.callbacks.CallbackReceiver;
import dev.nanobanana4j.core.application.callbacks.Callbacks;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.port.CallbackPort;
import dev.nanobanana4j.core.port.CallbackRequest;
import dev.nanobanana4j.core.port.ProviderConfig;
import dev.nanobanana4j.core.port.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every provider whose vendor calls back keeps, against the simulator's callbacks
 * (sent over real HTTP to a receiver on loopback that hands them to the client's {@link
 * CallbackReceiver}): a valid callback completes the job without a poll; a duplicate is
 * acknowledged and changes nothing; a forged one is refused and completes nothing; a replayed one
 * is refused; an oversized one is refused unread. Each outcome is counted.
 *
 * <pre>{@code
 * class ApixoCallbackTest extends CallbackContractTest {
 *   protected String providerId() { return "apixo"; }
 * }
 * }</pre>
 */
public abstract class CallbackContractTest {
  /** A Standard Webhooks secret: {@code whsec_} and base64. */
  protected static final String WEBHOOK_SECRET = "whsec_c2ltdWxhdG9yLXNpZ25pbmcta2V5LTAxMjM0NTY3";

  private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(30);

  /** The simulator's and the client's clock. */
  protected MutableClock clock;

  /** The simulated vendors. */
  protected Simulator simulator;

  /** The client under test. */
  protected NanoBananaClient client;

  /** What the client told its observer. */
  protected RecordingObserver observer;

  private HttpServer receiver;
  private URI callbackUrl;

  /** For subclasses. */
  protected CallbackContractTest() {}

  /** The provider id under test. */
  protected abstract String providerId();

  /**
   * The simulation of the vendor under test, accepting {@code apiKey}; by default (null) the
   * simulator's built-in one. A provider written elsewhere returns its own; see {@link
   * ProviderContract#simulation}.
   */
  protected VendorSimulation simulation(String apiKey) {
    return null;
  }

  /** Whether the vendor signs its callbacks (and calls a URL registered in its console). */
  protected abstract boolean signed();

  @BeforeEach
  void start() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    callbackUrl =
        URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/nanobanana/callbacks");
    receiver.createContext(
        "/nanobanana/callbacks",
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            // As a web layer should: at most one byte past what the receiver takes.
            body = in.readNBytes(client.callbackReceiver().maxBodyBytes() + 1);
          }
          CallbackReceiver.Result result =
              client
                  .callbackReceiver()
                  .receive(
                      new CallbackRequest(
                          exchange.getRequestURI(), exchange.getRequestHeaders(), body));
          exchange.sendResponseHeaders(result.httpStatus(), -1);
          exchange.close();
        });
    receiver.start();
    clock = MutableClock.startingAt(Instant.now());
    Simulator.Builder builder =
        Simulator.builder()
            .clock(clock)
            .defaultScript(TaskScript.succeed(Duration.ZERO, Duration.ofSeconds(10)));
    VendorSimulation own = simulation("sk-sandbox-" + providerId());
    if (own != null) {
      builder.vendor(own);
    }
    if (signed()) {
      builder.webhook(
          providerId(), URI.create(callbackUrl + "?provider=" + providerId()), WEBHOOK_SECRET);
    }
    simulator = builder.start();
    observer = new RecordingObserver();
    ProviderConfig.Builder config =
        ProviderConfig.builder()
            .apiKey(simulator.apiKey(providerId()))
            .baseUrl(simulator.baseUrl(providerId()));
    if (signed()) {
      config.webhookSecret(Secret.of(WEBHOOK_SECRET));
    }
    client =
        NanoBananaClient.builder()
            .provider(providerId(), config.build())
            .clock(clock)
            .observer(observer)
            .callbacks(
                Callbacks.builder()
                    .url(callbackUrl)
                    .secret(Secret.of("callback-secret-for-the-contract-suite"))
                    .tokenLifetime(TOKEN_LIFETIME)
                    // Polls only if no callback comes within an hour: none in these tests.
                    .pollingGrace(Duration.ofHours(1))
                    .build())
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    simulator.close();
    receiver.stop(0);
  }

  private CompletableFuture<JobStatus> submitAndWait() {
    JobHandle handle =
        client.blocking().submit(providerId(), ImageRequest.builder().prompt("a fox").build());
    assertTrue(handle.attributes().containsKey("callback"), "the handle knows a callback comes");
    assertFalse(
        handle.attributes().values().stream()
            .anyMatch(value -> value.contains(CallbackPort.URL_TOKEN_PARAMETER)),
        "the callback token stays out of the handle");
    return client.await(handle);
  }

  private CallbackDelivery deliverOne() {
    clock.advance(Duration.ofSeconds(10));
    List<Simulator.Delivered> delivered = simulator.deliverCallbacks();
    assertEquals(1, delivered.size(), delivered::toString);
    return delivered.get(0).callback();
  }

  private long counted(String outcome) {
    return observer.count("callback " + providerId() + " " + outcome);
  }

  @Test
  void a_valid_callback_completes_the_job_without_a_poll() throws Exception {
    CompletableFuture<JobStatus> waiting = submitAndWait();
    deliverOne();
    assertEquals(200, simulator.deliveries().get(0).status());
    JobStatus status = waiting.get(10, TimeUnit.SECONDS);
    assertInstanceOf(JobStatus.Succeeded.class, status);
    assertEquals(0, simulator.calls(providerId(), Operation.STATUS).size(), "no poll was needed");
    assertEquals(1, counted("completed"));
  }

  @Test
  void a_duplicate_is_acknowledged_and_changes_nothing() throws Exception {
    CompletableFuture<JobStatus> waiting = submitAndWait();
    CallbackDelivery callback = deliverOne();
    waiting.get(10, TimeUnit.SECONDS);
    assertEquals(200, callback.send());
    assertEquals(200, callback.send());
    assertEquals(1, counted("completed"));
    assertEquals(2, counted("duplicate"));
    assertEquals(
        1,
        observer.count("completed " + providerId() + " succeeded "),
        "the job completed exactly once");
  }

  @Test
  void a_forged_callback_is_refused_and_completes_nothing() throws Exception {
    CompletableFuture<JobStatus> waiting = submitAndWait();
    clock.advance(Duration.ofSeconds(10));
    List<CallbackDelivery> due = simulator.callbacksDue();
    assertEquals(1, due.size(), due::toString);
    CallbackDelivery genuine = due.get(0);
    // Signed vendors: the body changed under the signature, or no valid signature at all.
    // Unsigned ones: a made-up token, or none.
    List<CallbackDelivery> forgeries =
        signed()
            ? List.of(
                genuine.withBody(genuine.body().replace("succeeded", "failed")),
                genuine.withHeader("webhook-signature", "v1,AAAA"))
            : List.of(
                genuine.withUrl(URI.create(tokenless() + "&nb_token=1.x.y")),
                genuine.withUrl(tokenless()));
    for (CallbackDelivery forged : forgeries) {
      assertEquals(401, forged.send(), forged::toString);
    }
    assertFalse(waiting.isDone(), "a forged callback completes nothing");
    assertEquals(forgeries.size(), counted("forged"));
    assertEquals(200, genuine.send());
    assertInstanceOf(JobStatus.Succeeded.class, waiting.get(10, TimeUnit.SECONDS));
  }

  /**
   * A genuine callback (a valid token, or a valid signature) that names a task this client never
   * submitted is refused, counted, and completes nothing.
   */
  @Test
  void a_genuine_callback_for_a_task_never_submitted_is_refused() throws Exception {
    CompletableFuture<JobStatus> waiting = submitAndWait();
    clock.advance(Duration.ofSeconds(10));
    List<CallbackDelivery> due = simulator.callbacksDue();
    assertEquals(1, due.size(), due::toString);
    CallbackDelivery genuine = due.get(0);
    String body = genuine.body().replace(genuine.taskId(), genuine.taskId() + "9");
    CallbackDelivery foreign = genuine.withBody(body);
    if (signed()) {
      foreign =
          foreign.withHeader(
              "webhook-signature",
              dev.nanobanana4j.spi.StandardWebhooks.signatureHeader(
                  dev.nanobanana4j.core.port.Secret.of(WEBHOOK_SECRET),
                  genuine.headers().get("webhook-id"),
                  Long.parseLong(genuine.headers().get("webhook-timestamp")),
                  body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    assertEquals(404, foreign.send(), foreign::toString);
    assertEquals(1, counted("unknown_job"));
    assertFalse(waiting.isDone(), "it completes nothing");
    assertEquals(200, genuine.send());
    assertInstanceOf(JobStatus.Succeeded.class, waiting.get(10, TimeUnit.SECONDS));
  }

  private URI tokenless() {
    return URI.create(callbackUrl + "?provider=" + providerId());
  }

  @Test
  void a_replayed_callback_is_refused() throws Exception {
    CompletableFuture<JobStatus> waiting = submitAndWait();
    CallbackDelivery callback = deliverOne();
    waiting.get(10, TimeUnit.SECONDS);
    // Sent again long after: past the signature's window or the URL token's lifetime.
    clock.advance(TOKEN_LIFETIME.plusMinutes(1));
    assertEquals(401, callback.send());
    assertEquals(1, counted("replayed"));
  }

  @Test
  void an_oversized_callback_is_refused_unread() throws Exception {
    CompletableFuture<JobStatus> waiting = submitAndWait();
    CallbackDelivery callback = deliverOne();
    waiting.get(10, TimeUnit.SECONDS);
    // The receiver says how much it takes (the default of Callbacks), for a web layer to read.
    assertEquals(256 * 1024, client.callbackReceiver().maxBodyBytes());
    assertEquals(413, callback.withBody(" ".repeat(300 * 1024) + callback.body()).send());
    assertEquals(1, counted("oversized"));
  }

  @Test
  void the_callback_credentials_never_reach_a_log() throws Exception {
    List<String> lines;
    CallbackDelivery callback;
    try (LogCapture logs = LogCapture.start()) {
      CompletableFuture<JobStatus> waiting = submitAndWait();
      callback = deliverOne();
      waiting.get(10, TimeUnit.SECONDS);
      // The library's logs: the simulator's JDK HTTP client and the test's receiver log the URLs
      // they serve, as any HTTP server in front of the receiver may.
      lines = logs.lines("dev.nanobanana4j");
    }
    String all = String.join("", lines);
    assertTrue(all.contains("-->"), "the HTTP calls were logged");
    if (signed()) {
      assertFalse(all.contains(WEBHOOK_SECRET.substring("whsec_".length())), all);
    } else {
      String token =
          new CallbackRequest(callback.url(), java.util.Map.of(), new byte[0])
              .queryParameter(CallbackPort.URL_TOKEN_PARAMETER)
              .orElseThrow();
      assertFalse(all.contains(token), "the callback token was logged: " + all);
      assertTrue(all.contains(CallbackPort.URL_TOKEN_PARAMETER + "=" + "****"), all);
    }
  }
}
