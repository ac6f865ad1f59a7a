package dev.nanobanana4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.error.RateLimitException;
import dev.nanobanana4j.core.port.ProviderConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import retrofit2.Call;
import retrofit2.http.GET;

/** An answer that says no call remains pauses the provider's calls until the reset, unsent. */
class RateLimitsTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  interface PingApi {
    @GET("ping")
    Call<Map<String, Object>> ping();
  }

  @Test
  void a_reset_is_read_as_unix_seconds_unix_milliseconds_or_seconds_from_now_within_a_cap() {
    MovableClock clock = new MovableClock(NOW);
    RateLimits limits = new RateLimits(clock);
    limits.read(Headers.of("X-RateLimit-Remaining", "3", "X-RateLimit-Reset", "60"));
    assertEquals(Optional.empty(), limits.pause(), "calls remain");
    limits.read(Headers.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "30"));
    assertEquals(Optional.of(Duration.ofSeconds(30)), limits.pause());
    long inMinute = NOW.plusSeconds(60).getEpochSecond();
    limits.read(
        Headers.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", Long.toString(inMinute)));
    assertEquals(Optional.of(Duration.ofSeconds(60)), limits.pause());
    limits.read(
        Headers.of(
            "X-RateLimit-Remaining",
            "0",
            "X-RateLimit-Reset",
            Long.toString(NOW.plus(Duration.ofDays(1)).toEpochMilli())));
    assertEquals(Optional.of(RateLimits.MAX_PAUSE), limits.pause(), "at most ten minutes");
    clock.now = NOW.plus(RateLimits.MAX_PAUSE);
    assertEquals(Optional.empty(), limits.pause());
    for (String odd : new String[] {"soon", "-5", ""}) {
      limits.read(Headers.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", odd));
      assertEquals(Optional.empty(), limits.pause(), odd);
    }
  }

  @Test
  void calls_are_refused_unsent_until_the_reset_then_sent() throws Exception {
    MovableClock clock = new MovableClock(NOW);
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(
          new MockResponse.Builder()
              .body("{\"ok\":true}")
              .addHeader("X-RateLimit-Remaining", "0")
              .addHeader("X-RateLimit-Reset", "30")
              .build());
      server.enqueue(new MockResponse.Builder().body("{\"ok\":true}").build());
      server.start();
      ProviderHttp http =
          ProviderHttp.builder(
                  "acme", server.url("/v1").uri(), ProviderConfig.builder().apiKey("k-1").build())
              .clock(clock)
              .build();
      PingApi api = http.create(PingApi.class);
      assertEquals(
          true, http.send(api.ping(), http.context(Operation.STATUS), b -> b.get("ok")).join());
      CompletionException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              CompletionException.class,
              () -> http.send(api.ping(), http.context(Operation.SUBMIT), b -> b.get("ok")).join());
      RateLimitException limited = assertInstanceOf(RateLimitException.class, e.getCause());
      assertEquals(Optional.of(Duration.ofSeconds(30)), limited.retryAfter());
      assertTrue(limited.isSafeToResubmit(), "nothing was sent");
      assertEquals(1, server.getRequestCount());
      clock.now = NOW.plusSeconds(30);
      assertEquals(
          true, http.send(api.ping(), http.context(Operation.STATUS), b -> b.get("ok")).join());
      assertEquals(2, server.getRequestCount());
    }
  }
}
