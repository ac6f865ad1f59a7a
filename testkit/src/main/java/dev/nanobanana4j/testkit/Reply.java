package dev.nanobanana4j.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP answer of a simulated vendor, before the simulator applies any fault to it.
 *
 * @param status the HTTP status
 * @param headers response headers
 * @param body the body as text
 */
public record Reply(int status, Map<String, String> headers, String body) {
  /** Copies the headers. */
  public Reply {
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body == null");
  }

  /** A JSON answer; {@code document} is a map/list tree, written with {@link Json}. */
  public static Reply json(int status, Object document) {
    return new Reply(status, Map.of("Content-Type", "application/json"), Json.write(document));
  }

  /** A copy with one more header. */
  public Reply withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Reply(status, copy, body);
  }
}
