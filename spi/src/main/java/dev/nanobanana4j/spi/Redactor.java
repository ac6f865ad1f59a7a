package dev.nanobanana4j.spi;

import dev.nanobanana4j.core.port.CallbackPort;
import dev.nanobanana4j.core.port.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it reaches a log, an exception message or a metric. Every string
 * that may echo what was sent (vendor error bodies, URLs, headers) passes through one. Besides the
 * configured secrets it masks the value of every callback URL token ({@value
 * CallbackPort#URL_TOKEN_PARAMETER}), a per-request credential no redactor is told of.
 */
public final class Redactor {
  /** What a secret is replaced with. */
  public static final String MASK = "****";

  private static final Pattern URL_TOKEN =
      Pattern.compile(
          "(" + Pattern.quote(CallbackPort.URL_TOKEN_PARAMETER) + "=)[^&#\\s\"'\\\\<>]+");

  private final int configured;
  private final List<String> secrets;
  private final List<Pattern> fields;

  private Redactor(int configured, List<String> secrets, List<Pattern> fields) {
    this.configured = configured;
    this.secrets = secrets;
    this.fields = fields;
  }

  /**
   * A redactor for the given secrets. Each is masked as it is and in the forms a vendor's echo may
   * give it: escaped as a JSON string and percent-encoded as in a URL.
   */
  public static Redactor of(Secret... secrets) {
    Set<String> forms = new LinkedHashSet<>();
    for (Secret secret : secrets) {
      String value = Objects.requireNonNull(secret, "secret == null").reveal();
      forms.add(value);
      forms.add(jsonEscaped(value));
      forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
      forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    // The longest first, so that no shorter form masks only part of a longer one.
    List<String> ordered =
        forms.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    return new Redactor(secrets.length, ordered, List.of());
  }

  /**
   * This redactor, also masking the string value of every JSON field with one of {@code names},
   * whatever it holds: for vendors whose bodies carry the key in a field ({@code "key": "…"}), so
   * that a key the redactor was not told of, or one cut short, is masked all the same.
   */
  public Redactor withJsonFields(String... names) {
    List<Pattern> all = new ArrayList<>(fields);
    for (String name : names) {
      all.add(
          Pattern.compile(
              "(\"" + Pattern.quote(name) + "\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*+(?:\"|\\\\?\\z)"));
    }
    return new Redactor(configured, secrets, List.copyOf(all));
  }

  /**
   * How many characters of text after a cut could still belong to a secret that starts before it: a
   * text cut at {@code n} characters is redacted whole if read to {@code n + lookahead()} first.
   */
  public int lookahead() {
    return secrets.isEmpty() ? 0 : secrets.get(0).length();
  }

  /**
   * The first {@code max} characters of {@code text}, redacted: secrets are masked before the cut,
   * so that no part of one is left at its end. {@code text} should run to at least {@code max +}
   * {@link #lookahead()} characters where it was cut itself.
   */
  public String redactAndCut(String text, int max) {
    String redacted = redact(text);
    return redacted.substring(0, Math.min(max, redacted.length()));
  }

  private static String jsonEscaped(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** {@code text} with every secret replaced by {@link #MASK}; {@code null} stays {@code null}. */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String secret : secrets) {
      if (out.contains(secret)) {
        out = out.replace(secret, MASK);
      }
    }
    if (out.contains(CallbackPort.URL_TOKEN_PARAMETER)) {
      out = URL_TOKEN.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    }
    for (Pattern field : fields) {
      out = field.matcher(out).replaceAll("$1\"" + Matcher.quoteReplacement(MASK) + "\"");
    }
    return out;
  }

  @Override
  public String toString() {
    return "Redactor["
        + configured
        + " secrets"
        + (fields.isEmpty() ? "" : ", " + fields.size() + " fields")
        + "]";
  }
}
