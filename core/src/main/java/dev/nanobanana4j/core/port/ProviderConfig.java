package dev.nanobanana4j.core.port;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one provider: the API key, and optionally another base URL and timeouts.
 *
 * <pre>{@code
 * ProviderConfig config = ProviderConfig.builder()
 *     .apiKey(System.getenv("APIXO_API_KEY"))
 *     .build();
 * }</pre>
 */
public final class ProviderConfig {
  /** The default of {@link #maxConcurrentRequests()}. */
  public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 64;

  /** The default of {@link #requestTimeout()}, unless the provider gives its own. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

  /** The default of {@link #maxInlineImageBytes()}: 32 MiB. */
  public static final long DEFAULT_MAX_INLINE_IMAGE_BYTES = 32L * 1024 * 1024;

  private final Secret apiKey;
  private final URI baseUrl;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final boolean requestTimeoutSet;
  private final int maxConcurrentRequests;
  private final CallObserver callObserver;
  private final Secret webhookSecret;
  private final long maxResponseBytes;
  private final long maxInlineImageBytes;

  private ProviderConfig(Builder b) {
    this.apiKey = Objects.requireNonNull(b.apiKey, "apiKey == null");
    checkKey(apiKey);
    this.baseUrl = b.baseUrl;
    this.connectTimeout = positive(b.connectTimeout, "connectTimeout");
    this.requestTimeoutSet = b.requestTimeout != null;
    this.requestTimeout =
        b.requestTimeout == null
            ? DEFAULT_REQUEST_TIMEOUT
            : positive(b.requestTimeout, "requestTimeout");
    if (b.maxConcurrentRequests < 1) {
      throw new IllegalArgumentException(
          "maxConcurrentRequests must be at least 1, was " + b.maxConcurrentRequests);
    }
    this.maxConcurrentRequests = b.maxConcurrentRequests;
    this.callObserver = Objects.requireNonNull(b.callObserver, "callObserver == null");
    this.webhookSecret = b.webhookSecret;
    this.maxResponseBytes = atLeast(b.maxResponseBytes, 1024, "maxResponseBytes");
    this.maxInlineImageBytes = atLeast(b.maxInlineImageBytes, 1024, "maxInlineImageBytes");
  }

  /**
   * Refuses a key no vendor can have issued, before it is sent: one with a space, a control
   * character (a newline pasted along with it) or a character outside ASCII. The message never
   * shows the key.
   */
  private static void checkKey(Secret key) {
    String value = key.reveal();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        throw new IllegalArgumentException(
            "the API key has "
                + (c < ' ' || c == 0x7f
                    ? "a control character"
                    : c == ' ' ? "a space" : "a character outside ASCII")
                + " at position "
                + (i + 1)
                + " of "
                + value.length()
                + "; API keys are printable ASCII (was a newline or a quote copied with it?)");
      }
    }
  }

  private static long atLeast(long value, long min, String name) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
    }
    return value;
  }

  private static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name + " == null");
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
    return d;
  }

  /** A builder; the API key is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this configuration. */
  public Builder newBuilder() {
    Builder b = new Builder();
    b.requestTimeout = requestTimeoutSet ? requestTimeout : null;
    return b.apiKey(apiKey)
        .baseUrl(baseUrl)
        .connectTimeout(connectTimeout)
        .maxConcurrentRequests(maxConcurrentRequests)
        .callObserver(callObserver)
        .webhookSecret(webhookSecret)
        .maxResponseBytes(maxResponseBytes)
        .maxInlineImageBytes(maxInlineImageBytes);
  }

  /** The vendor API key. */
  public Secret apiKey() {
    return apiKey;
  }

  /** The base URL to use instead of the vendor's documented one, when set. */
  public Optional<URI> baseUrl() {
    return Optional.ofNullable(baseUrl);
  }

  /** The time allowed to open a connection. Default 10 seconds. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** The time allowed for one HTTP attempt, from sending to the end of the answer. Default 60 s. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /**
   * The request timeout the application set, or else {@code providerDefault}: a provider whose
   * vendor answers slowly by design (a synchronous image API) gives its own default.
   */
  public Duration requestTimeoutOr(Duration providerDefault) {
    return requestTimeoutSet ? requestTimeout : Objects.requireNonNull(providerDefault);
  }

  /**
   * How many HTTP calls to the vendor may be in flight at once; more wait their turn in order.
   * Default 64. It also bounds the HTTP threads the provider can occupy, and the client holds due
   * polls in a compact queue of its own until one of these slots is free.
   */
  public int maxConcurrentRequests() {
    return maxConcurrentRequests;
  }

  /** Told of every HTTP call, for metrics; {@link CallObserver#NONE} by default. */
  public CallObserver callObserver() {
    return callObserver;
  }

  /**
   * The secret the vendor signs its callbacks with, for vendors that sign them (MuleRun's {@code
   * whsec_...}); empty when not set.
   */
  public Optional<Secret> webhookSecret() {
    return Optional.ofNullable(webhookSecret);
  }

  /**
   * The largest vendor answer read, in bytes, after decompression; a larger one ends the call with
   * a typed error instead of filling the heap. Default 4 MiB. Answers that may carry inline images
   * are allowed {@link #maxInlineImageBytes()} more per image the provider can return.
   */
  public long maxResponseBytes() {
    return maxResponseBytes;
  }

  /**
   * The largest image accepted inline: a decoded base64 image in an answer, and a local file sent
   * as a reference image (where the vendor documents a smaller limit, that one applies). Default 32
   * MiB.
   */
  public long maxInlineImageBytes() {
    return maxInlineImageBytes;
  }

  @Override
  public String toString() {
    return "ProviderConfig{apiKey="
        + apiKey
        + ", baseUrl="
        + baseUrl
        + ", connectTimeout="
        + connectTimeout
        + ", requestTimeout="
        + requestTimeout
        + ", maxConcurrentRequests="
        + maxConcurrentRequests
        + ", maxResponseBytes="
        + maxResponseBytes
        + ", maxInlineImageBytes="
        + maxInlineImageBytes
        + (webhookSecret == null ? "" : ", webhookSecret=" + webhookSecret)
        + "}";
  }

  /** Builds a {@link ProviderConfig}. */
  public static final class Builder {
    private Secret apiKey;
    private URI baseUrl;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout;
    private int maxConcurrentRequests = DEFAULT_MAX_CONCURRENT_REQUESTS;
    private CallObserver callObserver = CallObserver.NONE;
    private Secret webhookSecret;
    private long maxResponseBytes = 4L * 1024 * 1024;
    private long maxInlineImageBytes = DEFAULT_MAX_INLINE_IMAGE_BYTES;

    private Builder() {}

    /** The vendor API key. */
    public Builder apiKey(Secret apiKey) {
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey == null");
      return this;
    }

    /**
     * The vendor API key.
     *
     * @throws IllegalArgumentException when it is null or blank (read from an environment variable
     *     that is not set, most often)
     */
    public Builder apiKey(String apiKey) {
      if (apiKey == null || apiKey.isBlank()) {
        throw new IllegalArgumentException(
            "the API key is "
                + (apiKey == null ? "null" : "blank")
                + ": an environment variable it was read from (such as APIXO_API_KEY) is not"
                + " set? Each vendor's key comes from its console; a simulator takes any key");
      }
      return apiKey(Secret.of(apiKey));
    }

    /** Another base URL, such as a proxy or the simulator; {@code null} for the vendor's own. */
    public Builder baseUrl(URI baseUrl) {
      if (baseUrl != null) {
        String scheme = baseUrl.getScheme();
        if (!baseUrl.isAbsolute() || !("http".equals(scheme) || "https".equals(scheme))) {
          throw new IllegalArgumentException(
              "base URL '" + baseUrl + "' must be an absolute http or https URL");
        }
      }
      this.baseUrl = baseUrl;
      return this;
    }

    /** Another base URL; {@code null} for the vendor's own. */
    public Builder baseUrl(String baseUrl) {
      return baseUrl(baseUrl == null ? null : URI.create(baseUrl));
    }

    /** The time allowed to open a connection; default 10 seconds. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /**
     * The time allowed for one HTTP attempt, sending included; default 60 seconds, or the
     * provider's own where its vendor answers slowly by design ({@link #requestTimeoutOr}).
     */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = positive(requestTimeout, "requestTimeout");
      return this;
    }

    /** How many calls to the vendor may be in flight at once; default 64. */
    public Builder maxConcurrentRequests(int maxConcurrentRequests) {
      this.maxConcurrentRequests = maxConcurrentRequests;
      return this;
    }

    /** Told of every HTTP call; the client sets its metrics here on the providers it makes. */
    public Builder callObserver(CallObserver callObserver) {
      this.callObserver = callObserver;
      return this;
    }

    /** The secret the vendor signs callbacks with; {@code null} for none. */
    public Builder webhookSecret(Secret webhookSecret) {
      this.webhookSecret = webhookSecret;
      return this;
    }

    /** The largest vendor answer read, in bytes; default 4 MiB, at least 1 KiB. */
    public Builder maxResponseBytes(long maxResponseBytes) {
      this.maxResponseBytes = maxResponseBytes;
      return this;
    }

    /** The largest inline image, in bytes; default 32 MiB, at least 1 KiB. */
    public Builder maxInlineImageBytes(long maxInlineImageBytes) {
      this.maxInlineImageBytes = maxInlineImageBytes;
      return this;
    }

    /** Builds the configuration. */
    public ProviderConfig build() {
      return new ProviderConfig(this);
    }
  }
}
