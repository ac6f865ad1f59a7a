package dev.nanobanana4j.testkit;

import dev.nanobanana4j.core.error.Operation;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request the simulator received.
 *
 * @param vendor the vendor id it was addressed to, such as {@code apixo}
 * @param operation what the vendor's protocol makes of it: SUBMIT, STATUS, CANCEL, DOWNLOAD, or
 *     empty for anything else
 * @param method the HTTP method
 * @param path the path and query, as sent
 * @param headers the request headers, names in lower case
 * @param body the request body as text
 */
public record SimulatedCall(
    String vendor,
    Optional<Operation> operation,
    String method,
    String path,
    Map<String, List<String>> headers,
    String body) {
  /** The first value of a header, by case-insensitive name. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
