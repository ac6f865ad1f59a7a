package dev.nanobanana4j.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A callback a simulated vendor sends when a task ends: where to, with which headers and body.
 * Tests can send one again (a duplicate or a replay) or change it first (a forgery).
 *
 * @param vendor the vendor id
 * @param taskId the vendor's task id
 * @param url where the vendor posts it
 * @param headers the headers it sends, such as signatures
 * @param body the body
 */
public record CallbackDelivery(
    String vendor, String taskId, URI url, Map<String, String> headers, String body) {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** Copies the headers. */
  public CallbackDelivery {
    Objects.requireNonNull(vendor, "vendor == null");
    Objects.requireNonNull(taskId, "taskId == null");
    Objects.requireNonNull(url, "url == null");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body == null");
  }

  /** A copy with another body (the headers unchanged: a signature no longer matches). */
  public CallbackDelivery withBody(String newBody) {
    return new CallbackDelivery(vendor, taskId, url, headers, newBody);
  }

  /** A copy with one header set. */
  public CallbackDelivery withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new CallbackDelivery(vendor, taskId, url, copy, body);
  }

  /** A copy sent to another URL. */
  public CallbackDelivery withUrl(URI newUrl) {
    return new CallbackDelivery(vendor, taskId, newUrl, headers, body);
  }

  /**
   * POSTs it and returns the receiver's HTTP status.
   *
   * @throws IOException when the receiver cannot be reached
   */
  public int send() throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(request::header);
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while sending a callback", e);
    }
  }

  @Override
  public String toString() {
    return "CallbackDelivery{" + vendor + " " + taskId + " -> " + url.getPath() + "}";
  }
}
