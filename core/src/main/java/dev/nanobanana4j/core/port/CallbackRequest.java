package dev.nanobanana4j.core.port;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A callback as it arrived over HTTP, independent of any web framework: the URL it was sent to (for
 * its query), the headers and the raw body.
 *
 * @param uri the request URI, at least its path and query
 * @param headers header values by name; names are matched without regard to case
 * @param body the raw body, exactly as received (signatures cover these bytes)
 */
public record CallbackRequest(URI uri, Map<String, List<String>> headers, byte[] body) {
  /** Copies the headers with lower-case names. */
  public CallbackRequest {
    Objects.requireNonNull(uri, "uri == null");
    Objects.requireNonNull(body, "body == null");
    Map<String, List<String>> lower = new TreeMap<>();
    Objects.requireNonNull(headers, "headers == null")
        .forEach(
            (name, values) ->
                lower
                    .computeIfAbsent(
                        name.toLowerCase(Locale.ROOT), n -> new java.util.ArrayList<>())
                    .addAll(values));
    headers = Map.copyOf(lower);
  }

  /** The first value of a header, matched without regard to case. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The first value of a query parameter, decoded. */
  public Optional<String> queryParameter(String name) {
    return queryParameter(uri, name);
  }

  /** The first value of a query parameter of {@code uri}, decoded. */
  public static Optional<String> queryParameter(URI uri, String name) {
    String query = uri.getRawQuery();
    if (query == null) {
      return Optional.empty();
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (decode(key).equals(name)) {
        return Optional.of(eq < 0 ? "" : decode(pair.substring(eq + 1)));
      }
    }
    return Optional.empty();
  }

  private static String decode(String s) {
    return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "CallbackRequest{path=" + uri.getPath() + ", " + body.length + " bytes}";
  }
}
