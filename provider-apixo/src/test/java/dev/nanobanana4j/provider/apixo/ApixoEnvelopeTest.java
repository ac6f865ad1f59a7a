package dev.nanobanana4j.provider.apixo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.error.OutcomeUnknownException;
import dev.nanobanana4j.core.error.ProviderUnavailableException;
import dev.nanobanana4j.core.error.RateLimitException;
import dev.nanobanana4j.core.port.ImageProvider;
import dev.nanobanana4j.core.port.ProviderConfig;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * APIXO's envelope code mirrors the HTTP status; an error code inside an HTTP 200 answer is read as
 * that status (inferred: the docs show errors only with their HTTP status).
 */
class ApixoEnvelopeTest {
  private final MockWebServer server = new MockWebServer();
  private ImageProvider provider;

  @BeforeEach
  void start() throws Exception {
    server.start();
    provider =
        new ApixoProviderFactory()
            .create(
                ProviderConfig.builder()
                    .apiKey("sk-envelope-1")
                    .baseUrl(server.url("/api/v1").uri())
                    .build());
  }

  @AfterEach
  void stop() throws Exception {
    provider.close();
    server.close();
  }

  private void answer(String json) {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body(json)
            .build());
  }

  private static Throwable failure(CompletableFuture<?> future) throws Exception {
    try {
      future.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  void a_submission_answered_200_with_code_500_is_not_an_accepted_job() throws Exception {
    answer("{\"code\":500,\"message\":\"internal error\",\"data\":{\"taskId\":\"task_1\"}}");
    OutcomeUnknownException e =
        assertInstanceOf(
            OutcomeUnknownException.class,
            failure(provider.submit(ImageRequest.builder().prompt("a fox").build())));
    assertEquals(Optional.of("500"), e.vendorCode());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void a_submission_answered_200_with_code_429_is_a_refusal_safe_to_resend() throws Exception {
    answer("{\"code\":429,\"message\":\"too many\",\"data\":null}");
    RateLimitException e =
        assertInstanceOf(
            RateLimitException.class,
            failure(provider.submit(ImageRequest.builder().prompt("a fox").build())));
    assertEquals(true, e.isSafeToResubmit());
  }

  @Test
  void a_poll_answered_200_with_code_503_is_the_vendor_unavailable() throws Exception {
    answer("{\"code\":503,\"message\":\"busy\",\"data\":null}");
    JobHandle handle =
        JobHandle.of("apixo", "task_1", Instant.EPOCH, Map.of("model", "nano-banana-2"));
    assertInstanceOf(ProviderUnavailableException.class, failure(provider.status(handle)));
  }
}
