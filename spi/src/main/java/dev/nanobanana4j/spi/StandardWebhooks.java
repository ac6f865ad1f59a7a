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
 * an HMAC-SHA256 over {@code id.timestamp.body} keyed with the base64 after the secret's {@code
 * whsec_} prefix. A timestamp more than the tolerance away from now is stale: a replay.
 */
public final class StandardWebhooks {
  /** The time window a signed callback is accepted in, either side of now. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  private static final String PREFIX = "whsec_";

  private StandardWebhooks() {}

  /** Checks a callback's signature at {@code now}. */
  public static SignatureCheck verify(Secret secret, CallbackRequest request, Instant now) {
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
    byte[] expected = sign(secret, id.get(), seconds, request.body());
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
    Instant sent = Instant.ofEpochSecond(seconds);
    if (sent.isBefore(now.minus(TOLERANCE)) || sent.isAfter(now.plus(TOLERANCE))) {
      return SignatureCheck.STALE;
    }
    return SignatureCheck.VALID;
  }

  /** The {@code webhook-signature} header value for a message, as a sender computes it. */
  public static String signatureHeader(Secret secret, String id, long timestamp, byte[] body) {
    return "v1," + Base64.getEncoder().encodeToString(sign(secret, id, timestamp, body));
  }

  private static byte[] sign(Secret secret, String id, long timestamp, byte[] body) {
    String value = secret.reveal();
    byte[] key;
    try {
      key =
          value.startsWith(PREFIX)
              ? Base64.getDecoder().decode(value.substring(PREFIX.length()))
              : value.getBytes(StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      key = value.getBytes(StandardCharsets.UTF_8);
    }
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
