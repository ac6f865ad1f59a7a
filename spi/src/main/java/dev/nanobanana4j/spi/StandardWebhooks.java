package dev.nanobanana4j.spi;

import dev.nanobanana4j.core.port.CallbackPort.SignatureCheck;
import dev.nanobanana4j.core.port.CallbackRequest;
import dev.nanobanana4j.core.port.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures in the Standard Webhooks scheme: headers {@code webhook-id}, {@code webhook-timestamp}
 * (Unix seconds) and {@code webhook-signature} ({@code v1,<base64>}, several separated by spaces),
 * an HMAC-SHA256 over {@code id.timestamp.body}. The key is the secret read as the scheme's
 * reference libraries read it: base64, after an optional {@code whsec_} prefix. A timestamp more
 * than the tolerance away from now is stale: a replay.
 *
 * <pre>{@code
 * StandardWebhooks.SigningKey key = StandardWebhooks.key(config.webhookSecret().orElseThrow());
 * SignatureCheck check = StandardWebhooks.verify(key, request, clock.instant());
 * }</pre>
 */
public final class StandardWebhooks {
  /** The time window a signed callback is accepted in, either side of now. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  private static final String PREFIX = "whsec_";

  private StandardWebhooks() {}

  /** A signing secret, read and checked once. Its {@code toString} never shows it. */
  public static final class SigningKey {
    private final byte[] key;

    private SigningKey(byte[] key) {
      this.key = key;
    }

    @Override
    public String toString() {
      return "SigningKey[****]";
    }
  }

  /**
   * Reads a signing secret: base64, with or without the {@code whsec_} prefix.
   *
   * @throws IllegalArgumentException when it is empty or not base64; the message never shows it
   */
  public static SigningKey key(Secret secret) {
    String value = secret.reveal().trim();
    String encoded = value.startsWith(PREFIX) ? value.substring(PREFIX.length()) : value;
    byte[] key;
    try {
      key = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the webhook signing secret is not base64 (with or without its whsec_ prefix); copy it"
              + " whole from the vendor's console");
    }
    if (key.length == 0) {
      throw new IllegalArgumentException("the webhook signing secret is empty");
    }
    return new SigningKey(key);
  }

  /** Checks a callback's signature at {@code now}, reading {@code secret} first. */
  public static SignatureCheck verify(Secret secret, CallbackRequest request, Instant now) {
    return verify(key(secret), request, now);
  }

  /**
   * Checks a callback's signature at {@code now}: {@link SignatureCheck#FORGED} unless one of its
   * signatures is right, then {@link SignatureCheck#STALE} when its timestamp is more than {@link
   * #TOLERANCE} away from now, either way. Never throws for what the request holds.
   */
  public static SignatureCheck verify(SigningKey key, CallbackRequest request, Instant now) {
    Optional<String> id = request.header("webhook-id");
    Optional<String> timestamp = request.header("webhook-timestamp");
    Optional<String> signatures = request.header("webhook-signature");
    if (id.isEmpty() || timestamp.isEmpty() || signatures.isEmpty()) {
      return SignatureCheck.FORGED;
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.get().trim());
    } catch (NumberFormatException e) {
      return SignatureCheck.FORGED;
    }
    byte[] expected = sign(key.key, id.get(), seconds, request.body());
    boolean matched = false;
    for (String candidate : signatures.get().trim().split(" +")) {
      if (candidate.startsWith("v1,")) {
        try {
          matched |=
              MessageDigest.isEqual(expected, Base64.getDecoder().decode(candidate.substring(3)));
        } catch (IllegalArgumentException e) {
          // not base64: not a match
        }
      }
    }
    if (!matched) {
      return SignatureCheck.FORGED;
    }
    // Compared as numbers: a timestamp far outside Instant's range is stale, not an exception.
    long nowSeconds = now.getEpochSecond();
    long tolerance = TOLERANCE.toSeconds();
    if (seconds < nowSeconds - tolerance || seconds > nowSeconds + tolerance) {
      return SignatureCheck.STALE;
    }
    return SignatureCheck.VALID;
  }

  /** The {@code webhook-signature} header value for a message, as a sender computes it. */
  public static String signatureHeader(Secret secret, String id, long timestamp, byte[] body) {
    return "v1," + Base64.getEncoder().encodeToString(sign(key(secret).key, id, timestamp, body));
  }

  private static byte[] sign(byte[] key, String id, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
