package dev.nanobanana4j.spi;

import dev.nanobanana4j.core.port.Secret;
import java.util.List;
import java.util.Objects;

/**
 * Removes secrets from text before it reaches a log, an exception message or a metric. Every string
 * that may echo what was sent (vendor error bodies, URLs, headers) passes through one.
 */
public final class Redactor {
  /** What a secret is replaced with. */
  public static final String MASK = "****";

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
    return out;
  }

  @Override
  public String toString() {
    return "Redactor[" + secrets.size() + " secrets]";
  }
}
