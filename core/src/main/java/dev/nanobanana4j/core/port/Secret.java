package dev.nanobanana4j.core.port;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret such as an API key. Its {@code toString} never shows the value; only {@link #reveal()}
 * does, and only adapters call it, at the moment of sending.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * Wraps a secret value.
   *
   * @throws IllegalArgumentException when {@code value} is blank
   */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value == null");
    if (value.isBlank()) {
      throw new IllegalArgumentException("secret is blank");
    }
    return new Secret(value);
  }

  /** The secret value. Call only to put it on the wire. */
  public String reveal() {
    return value;
  }

  /** Compares in constant time. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), s.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return 0;
  }

  /** Always {@code "****"}. */
  @Override
  public String toString() {
    return "****";
  }
}
