package dev.nanobanana4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.nanobanana4j.core.error.NanoBananaException;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.error.ProtocolException;
import dev.nanobanana4j.core.port.ProviderConfig;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import retrofit2.Call;
import retrofit2.http.GET;

/**
 * A customizer registered through ServiceLoader (in this module's test resources) shapes every
 * provider's client, and cannot undo what the library guarantees.
 */
class HttpCustomizerTest {
  interface Api {
    @GET("status")
    Call<Map<String, Object>> status();
  }

  /** Registered in META-INF/services: adds a header, and tries to turn redirects back on. */
  public static final class TestCustomizer implements HttpCustomizer {
    @Override
    public OkHttpClient.Builder customize(String providerId, OkHttpClient.Builder builder) {
      if (!providerId.equals("customized")) {
        return builder;
      }
      return builder
          .followRedirects(true)
          .addInterceptor(
              chain -> {
                // It runs before the key is added: it never sees it.
                assertNull(chain.request().header("Authorization"));
                return chain.proceed(
                    chain.request().newBuilder().header("X-Corporate", "yes").build());
              });
    }
  }

  @Test
  void every_request_passes_through_the_customizer_which_cannot_turn_redirects_on()
      throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().body("{}").build());
      server.enqueue(
          new MockResponse.Builder().code(302).addHeader("Location", "/elsewhere").build());
      server.start();
      ProviderHttp http =
          ProviderHttp.builder(
                  "customized",
                  server.url("/v1/").uri(),
                  ProviderConfig.builder().apiKey("sk-custom-1").build())
              .build();
      Api api = http.create(Api.class);
      http.send(api.status(), http.context(Operation.STATUS), b -> b).get(30, TimeUnit.SECONDS);
      RecordedRequest first = server.takeRequest();
      assertEquals("yes", first.getHeaders().get("X-Corporate"));
      assertEquals("Bearer sk-custom-1", first.getHeaders().get("Authorization"));
      try {
        http.send(api.status(), http.context(Operation.STATUS), b -> b).get(30, TimeUnit.SECONDS);
        throw new AssertionError("a redirect was followed");
      } catch (ExecutionException e) {
        assertInstanceOf(ProtocolException.class, (NanoBananaException) e.getCause());
      }
      assertEquals(2, server.getRequestCount(), "the redirect was not followed");
    }
  }
}
