package dev.nanobanana4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Helpers for testing simulations against vendor docs with the JDK's HTTP client. */
final class DocShapes {
  static final HttpClient HTTP = HttpClient.newHttpClient();

  private DocShapes() {}

  /** The same keys at every level, and values of the same JSON types. */
  static void assertSameShape(Object documented, Object actual) {
    if (documented instanceof Map<?, ?> d) {
      assertTrue(actual instanceof Map, "expected an object: " + actual);
      Map<?, ?> a = (Map<?, ?>) actual;
      assertEquals(d.keySet(), a.keySet());
      d.forEach((k, v) -> assertSameShape(v, a.get(k)));
    } else if (documented instanceof Number) {
      assertTrue(
          actual instanceof Number, "expected a number in place of " + documented + ": " + actual);
    } else if (documented != null) {
      assertNotNull(actual);
      assertEquals(documented.getClass(), actual.getClass(), "type of " + documented);
    }
  }

  static HttpResponse<String> send(String method, URI url, String bearer, String jsonBody)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url).header("Authorization", "Bearer " + bearer);
    if (jsonBody != null) {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> data(Map<String, Object> envelope) {
    return (Map<String, Object>) envelope.get("data");
  }
}
