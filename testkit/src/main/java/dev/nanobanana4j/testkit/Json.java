package dev.nanobanana4j.testkit;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as plain trees of maps, lists, strings, numbers and booleans, for simulators and tests.
 * Whole numbers read as {@link Long}, so documents round-trip without turning {@code 200} into
 * {@code 200.0}.
 */
public final class Json {
  private static final JsonAdapter<Object> ADAPTER =
      new Moshi.Builder().build().adapter(Object.class);

  private Json() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException when it is not JSON
   */
  public static Object parse(String text) {
    try {
      return normalize(ADAPTER.lenient().failOnUnknown().fromJson(text));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
  }

  /** Parses {@code text}, which must be a JSON object. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String text) {
    Object value = parse(text);
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException("not a JSON object");
    }
    return (Map<String, Object>) value;
  }

  /** Writes a tree as compact JSON. */
  public static String write(Object document) {
    return ADAPTER.toJson(document);
  }

  /** Reads a fixture from the class path, such as {@code apixo/status-success.json}. */
  public static Map<String, Object> fixture(String name) {
    return parseObject(fixtureText(name));
  }

  /**
   * Reads a fixture of the caller's: the resource {@code name} next to {@code owner} (as {@link
   * Class#getResourceAsStream} finds it), such as a third-party simulation's {@code
   * status-succeeded.json}.
   */
  public static Map<String, Object> fixture(Class<?> owner, String name) {
    try (InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name + " next to " + owner.getName());
      }
      return parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fixture's text exactly as stored, such as {@code apixo/status-success.json}. */
  public static String fixtureText(String name) {
    String resource = "/dev/nanobanana4j/testkit/fixtures/" + name;
    try (InputStream in = Json.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object normalize(Object value) {
    if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
      return d.longValue();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), normalize(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(normalize(v)));
      return copy;
    }
    return value;
  }
}
