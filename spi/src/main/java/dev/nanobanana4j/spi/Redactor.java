package dev.nanobanana4j.spi;

import dev.nanobanana4j.core.port.CallbackPort;
import dev.nanobanana4j.core.port.Secret;
import java.util.List;
import java.util.Objects;
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

  private final List<String> secrets;

  private Redactor(List<String> secrets) {
    this.secrets = secrets;
  }

  /** A redactor for the given secrets. */
  public static Redactor of(Secret... secrets) {
    return new Redactor(
        java.util.Arrays.stream(secrets)
            .map(s -> Objects.requireNonNull(s, "secret == null").reveal())
            .toList());
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
    return out;
  }

  @Override
  public String toString() {
    return "Redactor[" + secrets.size() + " secrets]";
  }
}
