package dev.nanobanana4j.core.application.callbacks;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.port.CallbackPort;
import dev.nanobanana4j.core.port.CallbackPort.SignatureCheck;
import dev.nanobanana4j.core.port.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Where vendors call back, and how the client proves that a callback is one it asked for.
 *
 * <p>For vendors that sign nothing (APIXO, ModelsLab), each submission's callback URL carries a
 * token: when it was issued, a random nonce, and an HMAC-SHA256 of both and the provider id under
 * {@link Builder#secret}. A callback without a valid token is forged; one whose token is older than
 * {@link Builder#tokenLifetime} is a replay. The nonce binds a token to the one submission it was
 * issued for: the job's handle keeps it, and a callback whose token was issued for another task is
 * refused, so a leaked URL cannot settle any other job. Vendors that sign (MuleRun) are checked
 * with their own signing secret instead, set on the provider's configuration.
 *
 * <pre>{@code
 * Callbacks callbacks = Callbacks.builder()
 *     .url(URI.create("https://app.example.com/nanobanana/callbacks"))
 *     .secret(Secret.of(System.getenv("NANOBANANA_CALLBACK_SECRET")))
 *     .build();
 * }</pre>
 *
 * <p>The receiving end: {@link NanoBananaClient#callbackReceiver()}.
 */
public final class Callbacks {
  /** The callback URL parameter naming the provider. */
  public static final String PROVIDER_PARAMETER = "provider";

  private static final int MIN_SECRET_BYTES = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final URI url;
  private final Secret secret;
  private final Duration tokenLifetime;
  private final int maxBodyBytes;
  private final Duration callbackGrace;

  private Callbacks(Builder b) {
    this.url = Objects.requireNonNull(b.url, "url == null");
    if (!"https".equals(url.getScheme())
        && !("http".equals(url.getScheme()) && isLoopback(url.getHost()))) {
      throw new IllegalArgumentException(
          "callback URL " + url + " must be https (http only on loopback, for tests)");
    }
    if (url.getRawFragment() != null) {
      throw new IllegalArgumentException("callback URL " + url + " must not have a fragment");
    }
    this.secret = Objects.requireNonNull(b.secret, "secret == null");
    if (secret.reveal().getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "the callback secret must be at least " + MIN_SECRET_BYTES + " bytes");
    }
    this.tokenLifetime = positive(b.tokenLifetime, "tokenLifetime");
    if (b.maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be positive");
    }
    this.maxBodyBytes = b.maxBodyBytes;
    this.callbackGrace = positive(b.pollingGrace, "pollingGrace");
  }

  private static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name + " == null");
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
    return d;
  }

  /** A builder; the URL and the secret are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The largest callback body accepted; larger ones are refused unread. */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** How long after submission polling starts for a job whose vendor calls back. */
  public Duration pollingGrace() {
    return callbackGrace;
  }

  /** The callback URL for one submission to {@code providerId}, with a fresh token. */
  public URI urlFor(String providerId, Instant now) {
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    String payload = now.getEpochSecond() + "." + base64(nonce);
    String token = payload + "." + base64(mac(providerId + "." + payload));
    String base = url.toString();
    String separator = url.getRawQuery() == null ? "?" : "&";
    return URI.create(
        base
            + separator
            + PROVIDER_PARAMETER
            + "="
            + providerId
            + "&"
            + CallbackPort.URL_TOKEN_PARAMETER
            + "="
            + token);
  }

  /**
   * The nonce of a callback URL's token (what binds it to one submission), when the URL has a token
   * of this form.
   */
  public static Optional<String> nonce(Optional<String> token) {
    if (token.isEmpty()) {
      return Optional.empty();
    }
    String[] parts = token.get().split("\\.", -1);
    return parts.length == 3 && !parts[1].isEmpty() ? Optional.of(parts[1]) : Optional.empty();
  }

  /** Checks a callback's token: valid, forged, or stale (issued too long ago: a replay). */
  public SignatureCheck check(String providerId, Optional<String> token, Instant now) {
    if (token.isEmpty()) {
      return SignatureCheck.FORGED;
    }
    String[] parts = token.get().split("\\.", -1);
    if (parts.length != 3) {
      return SignatureCheck.FORGED;
    }
    byte[] expected = mac(providerId + "." + parts[0] + "." + parts[1]);
    byte[] given;
    try {
      given = Base64.getUrlDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      return SignatureCheck.FORGED;
    }
    if (!MessageDigest.isEqual(expected, given)) {
      return SignatureCheck.FORGED;
    }
    Instant issued;
    try {
      issued = Instant.ofEpochSecond(Long.parseLong(parts[0]));
    } catch (NumberFormatException e) {
      return SignatureCheck.FORGED;
    }
    if (issued.isAfter(now.plus(Duration.ofMinutes(5)))
        || issued.plus(tokenLifetime).isBefore(now)) {
      return SignatureCheck.STALE;
    }
    return SignatureCheck.VALID;
  }

  private byte[] mac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static String base64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public String toString() {
    return "Callbacks{url=" + url + ", secret=" + secret + ", tokenLifetime=" + tokenLifetime + "}";
  }

  /** Builds {@link Callbacks}. */
  public static final class Builder {
    private URI url;
    private Secret secret;
    private Duration tokenLifetime = Duration.ofDays(1);
    private int maxBodyBytes = 256 * 1024;
    private Duration pollingGrace = Duration.ofMinutes(1);

    private Builder() {}

    /** The public URL where the application receives callbacks (https). */
    public Builder url(URI url) {
      this.url = url;
      return this;
    }

    /** The secret the client signs callback tokens with (at least 16 bytes). */
    public Builder secret(Secret secret) {
      this.secret = secret;
      return this;
    }

    /** How long a callback token stays valid; default one day. */
    public Builder tokenLifetime(Duration tokenLifetime) {
      this.tokenLifetime = tokenLifetime;
      return this;
    }

    /** The largest callback body accepted; default 256 KiB. */
    public Builder maxBodyBytes(int maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * How long after submission to start polling a job whose vendor calls back, in case the
     * callback never comes; default one minute.
     */
    public Builder pollingGrace(Duration pollingGrace) {
      this.pollingGrace = pollingGrace;
      return this;
    }

    /** Builds the settings. */
    public Callbacks build() {
      return new Callbacks(this);
    }
  }

  /**
   * Whether {@code host} is {@code localhost} or a literal loopback address (127.0.0.0/8, ::1);
   * callback URLs may use plain http there. No name is looked up, so no lookup can be tricked into
   * a loopback answer.
   */
  public static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return bare.equalsIgnoreCase("localhost")
        || bare.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")
        || bare.equals("::1")
        || bare.equals("0:0:0:0:0:0:0:1");
  }
}
