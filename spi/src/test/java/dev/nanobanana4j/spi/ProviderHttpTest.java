package dev.nanobanana4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.port.ProviderConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import retrofit2.Call;
import retrofit2.http.GET;

class ProviderHttpTest {
  interface PingApi {
    @GET("ping")
    Call<Map<String, Object>> ping();
  }

  @Test
  void calls_beyond_the_providers_limit_wait_their_turn() throws Exception {
    CountDownLatch arrived = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
              arrived.countDown();
              release.await(30, TimeUnit.SECONDS);
              return new MockResponse.Builder().body("{\"ok\":true}").build();
            }
          });
      server.start();
      ProviderHttp http =
          ProviderHttp.builder(
                  "acme",
                  server.url("/v1").uri(),
                  ProviderConfig.builder().apiKey("k-123456").maxConcurrentRequests(2).build())
              .build();
      PingApi api = http.create(PingApi.class);
      List<CompletableFuture<Object>> calls = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        calls.add(http.send(api.ping(), http.context(Operation.STATUS), body -> body.get("ok")));
      }
      assertTrue(arrived.await(30, TimeUnit.SECONDS));
      okhttp3.Dispatcher dispatcher = http.okHttp().dispatcher();
      assertEquals(2, dispatcher.runningCallsCount());
      assertEquals(3, dispatcher.queuedCallsCount());
      release.countDown();
      for (CompletableFuture<Object> call : calls) {
        assertEquals(true, call.get(30, TimeUnit.SECONDS));
      }
      assertEquals(5, server.getRequestCount());
    }
  }

  @Test
  void a_limit_below_one_is_refused() {
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () -> ProviderConfig.builder().apiKey("k").maxConcurrentRequests(0).build());
  }
}
