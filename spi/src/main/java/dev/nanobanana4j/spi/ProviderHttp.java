package dev.nanobanana4j.spi;

import com.squareup.moshi.Moshi;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.port.CallObserver;
import dev.nanobanana4j.core.port.ProviderConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import retrofit2.Call;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * The HTTP stack of one configured provider: OkHttp (sharing one connection pool and thread pool
 * across providers, with {@link ProviderConfig#maxConcurrentRequests()} calls in flight per
 * provider), Retrofit with Moshi, the vendor's authentication, redacted logging, and the error
 * mapping of {@link VendorCall}.
 *
 * <pre>{@code
 * ProviderHttp http = ProviderHttp.builder("apixo", info.defaultBaseUrl(), config)
 *     .authentication(Authentication.bearer(config.apiKey()))
 *     .build();
 * ApixoApi api = http.create(ApixoApi.class);
 * }</pre>
 *
 * <p>OkHttp's silent retry on connection failure is off: it could send a submission twice. Retries
 * are the client's decision, made with {@link ErrorMapping}'s rules.
 */
public final class ProviderHttp {
  private static final class Shared {
    static final OkHttpClient CLIENT =
        new OkHttpClient.Builder().dispatcher(new Dispatcher(callThreads())).build();
    static final Moshi MOSHI = new Moshi.Builder().build();
    static final java.util.List<HttpCustomizer> CUSTOMIZERS =
        java.util.ServiceLoader.load(HttpCustomizer.class, ProviderHttp.class.getClassLoader())
            .stream()
            .map(java.util.ServiceLoader.Provider::get)
            .toList();

    /**
     * The threads every provider's calls run on: daemons, so that a program that has closed its
     * client exits at once (OkHttp's own are not, and kept a JVM alive for a minute); at most
     * {@link #MAX_THREADS_PROPERTY} of them (default {@value #DEFAULT_MAX_THREADS}) across all
     * providers, each provider using at most its {@code maxConcurrentRequests}; a call beyond the
     * ceiling waits for a thread, and its timeouts start when it runs. They retire after a minute
     * idle.
     */
    private static java.util.concurrent.ExecutorService callThreads() {
      return CallThreads.start(
          Math.max(1, Integer.getInteger(MAX_THREADS_PROPERTY, DEFAULT_MAX_THREADS)));
    }
  }

  /** The system property that sets the ceiling on HTTP call threads shared by all providers. */
  public static final String MAX_THREADS_PROPERTY = "nanobanana4j.http.maxThreads";

  /** The ceiling on HTTP call threads when {@link #MAX_THREADS_PROPERTY} is not set. */
  public static final int DEFAULT_MAX_THREADS = 128;

  /** What every request says it is: {@code nanobanana4j/<version>}. */
  public static final String USER_AGENT = "nanobanana4j/" + version();

  private static String version() {
    java.util.Properties properties = new java.util.Properties();
    try (java.io.InputStream in = ProviderHttp.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (java.io.IOException e) {
      // no version to tell: the agent says "unknown"
    }
    return properties.getProperty("version", "unknown");
  }

  /** The shared client's builder, passed through every {@link HttpCustomizer} found. */
  static OkHttpClient.Builder customized(String providerId) {
    OkHttpClient.Builder builder = Shared.CLIENT.newBuilder();
    for (HttpCustomizer customizer : Shared.CUSTOMIZERS) {
      builder =
          Objects.requireNonNull(
              customizer.customize(providerId, builder),
              () -> customizer.getClass().getName() + " returned no builder");
    }
    return builder;
  }

  /** The Moshi instance providers share unless they need adapters of their own. */
  public static Moshi defaultMoshi() {
    return Shared.MOSHI;
  }

  private final String providerId;
  private final OkHttpClient okHttp;
  private final Retrofit retrofit;
  private final Moshi moshi;
  private final Redactor redactor;
  private final ErrorBodyParser errors;
  private final Clock clock;
  private final RateLimits rateLimits;
  private final CallObserver observer;
  private final ErrorContext[] contexts; // one per operation: they are immutable

  private ProviderHttp(Builder b) {
    this.providerId = b.providerId;
    this.moshi = b.moshi;
    this.redactor = Redactor.of(b.config.apiKey()).withJsonFields(b.secretJsonFields);
    this.errors = b.errors;
    this.clock = b.clock;
    this.rateLimits = new RateLimits(b.clock);
    this.observer = b.config.callObserver();
    this.contexts =
        java.util.Arrays.stream(Operation.values())
            .map(operation -> ErrorContext.of(providerId, operation))
            .toArray(ErrorContext[]::new);
    Duration requestTimeout = b.config.requestTimeoutOr(b.defaultRequestTimeout);
    OkHttpClient.Builder http =
        customized(providerId)
            .retryOnConnectionFailure(false)
            // A redirect would re-send the body (key included, for vendors that put it there) to
            // whatever origin the vendor names; a 3xx is an error instead (ErrorMapping).
            .followRedirects(false)
            .followSslRedirects(false)
            .dispatcher(dispatcher(b.config.maxConcurrentRequests()))
            .connectTimeout(b.config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .callTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .writeTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
    UnaryOperator<Request> headers = headers(b.authentication);
    if (b.authentication instanceof Authentication.KeyHeader) {
      // One interceptor sets the headers and logs: each interceptor costs every call a link.
      http.addInterceptor(new HttpLogging(providerId, redactor, headers));
    } else {
      http.addInterceptor(chain -> chain.proceed(headers.apply(chain.request())))
          .addInterceptor(b.authentication) // a custom authentication, after the headers
          .addInterceptor(new HttpLogging(providerId, redactor, UnaryOperator.identity()));
    }
    this.okHttp = http.build();
    URI base = b.config.baseUrl().orElse(b.defaultBaseUrl);
    String baseUrl = base.toString().endsWith("/") ? base.toString() : base + "/";
    this.retrofit =
        new Retrofit.Builder()
            .baseUrl(baseUrl)
            .client(okHttp)
            .addConverterFactory(
                new BodyLimit(
                    MoshiConverterFactory.create(moshi),
                    bodyLimit(b.config, b.inlineImagesPerAnswer)))
            .build();
  }

  /**
   * A builder for {@code providerId}, whose vendor documents {@code defaultBaseUrl}; {@code
   * config}'s base URL, when set, replaces it.
   */
  public static Builder builder(String providerId, URI defaultBaseUrl, ProviderConfig config) {
    return new Builder(providerId, defaultBaseUrl, config);
  }

  /**
   * The body limit: the configured answer size, plus room for the base64 text of as many inline
   * images as one answer may carry.
   */
  static long bodyLimit(ProviderConfig config, int inlineImagesPerAnswer) {
    long perImage = (config.maxInlineImageBytes() + 2) / 3 * 4; // base64 grows 3 bytes into 4
    return config.maxResponseBytes() + inlineImagesPerAnswer * perImage;
  }

  /**
   * A dispatcher of its own, for its own limit, running calls on at most that many of the shared
   * threads.
   */
  private static Dispatcher dispatcher(int maxConcurrentRequests) {
    Dispatcher dispatcher =
        new Dispatcher(
            new ProviderThreads(
                Shared.CLIENT.dispatcher().executorService(), maxConcurrentRequests));
    dispatcher.setMaxRequests(maxConcurrentRequests);
    dispatcher.setMaxRequestsPerHost(maxConcurrentRequests);
    return dispatcher;
  }

  /**
   * The request headers every call carries: {@code User-Agent} and the key, set in one rebuild of
   * the request where the key is a header ({@link Authentication}); a custom authentication
   * interceptor runs after.
   */
  private static UnaryOperator<Request> headers(Interceptor authentication) {
    Authentication.KeyHeader key =
        authentication instanceof Authentication.KeyHeader header
            ? header
            : Authentication.KeyHeader.NONE;
    return request -> key.addTo(request.newBuilder().header("User-Agent", USER_AGENT)).build();
  }

  /** The OkHttp client, for tests in this package. */
  OkHttpClient okHttp() {
    return okHttp;
  }

  /** A Retrofit implementation of the vendor's API interface. */
  public <T> T create(Class<T> api) {
    return retrofit.create(api);
  }

  /**
   * Whether {@code url} has the scheme, host and port of the base URL, so that following it sends
   * the key nowhere else.
   */
  public boolean isSameOrigin(String url) {
    HttpUrl other = HttpUrl.parse(url);
    HttpUrl base = retrofit.baseUrl();
    return other != null
        && other.scheme().equals(base.scheme())
        && other.host().equals(base.host())
        && other.port() == base.port();
  }

  /** The Moshi instance the converters use, for vendor JSON embedded in strings. */
  public Moshi moshi() {
    return moshi;
  }

  /** Removes this provider's secrets from text. */
  public Redactor redactor() {
    return redactor;
  }

  /** How many calls to the vendor are in flight at once, at most. */
  public int maxConcurrentRequests() {
    return okHttp.dispatcher().getMaxRequests();
  }

  /** The clock used for {@code Retry-After} dates and handles. */
  public Clock clock() {
    return clock;
  }

  /** An error context for {@code operation} at this provider. */
  public ErrorContext context(Operation operation) {
    return contexts[operation.ordinal()];
  }

  /** Sends {@code call} once and maps its 2xx body with {@code mapper}; see {@link VendorCall}. */
  public <T, R> CompletableFuture<R> send(
      Call<T> call, ErrorContext context, Function<? super T, ? extends R> mapper) {
    Optional<Duration> pause = rateLimits.pause();
    if (pause.isPresent()) {
      // The vendor said no call remains until its reset: refused here, not sent for a 429.
      return CompletableFuture.failedFuture(rateLimits.refusal(context, pause.get()));
    }
    return VendorCall.send(call, context, errors, redactor, clock, observer, mapper, rateLimits);
  }

  /**
   * Closes this provider's stack. The connection pool and threads are shared by every provider and
   * release idle connections and threads on their own, so there is nothing to free here.
   */
  public void close() {}

  @Override
  public String toString() {
    return "ProviderHttp{" + providerId + ", " + retrofit.baseUrl() + "}";
  }

  /** Builds a {@link ProviderHttp}. */
  public static final class Builder {
    private final String providerId;
    private final URI defaultBaseUrl;
    private final ProviderConfig config;
    private Interceptor authentication;
    private Moshi moshi = Shared.MOSHI;
    private ErrorBodyParser errors = ErrorBodyParser.NONE;
    private Clock clock = Clock.systemUTC();
    private int inlineImagesPerAnswer;
    private String[] secretJsonFields = new String[0];
    private Duration defaultRequestTimeout = ProviderConfig.DEFAULT_REQUEST_TIMEOUT;

    private Builder(String providerId, URI defaultBaseUrl, ProviderConfig config) {
      this.providerId = Objects.requireNonNull(providerId, "providerId == null");
      this.defaultBaseUrl = Objects.requireNonNull(defaultBaseUrl, "defaultBaseUrl == null");
      this.config = Objects.requireNonNull(config, "config == null");
      this.authentication = Authentication.bearer(config.apiKey());
    }

    /** How the key is sent; by default {@link Authentication#bearer}. */
    public Builder authentication(Interceptor authentication) {
      this.authentication = Objects.requireNonNull(authentication, "authentication == null");
      return this;
    }

    /** The Moshi instance, with any adapters the vendor's JSON needs. */
    public Builder moshi(Moshi moshi) {
      this.moshi = Objects.requireNonNull(moshi, "moshi == null");
      return this;
    }

    /** How the vendor's error bodies are read. */
    public Builder errorBodies(ErrorBodyParser errors) {
      this.errors = Objects.requireNonNull(errors, "errors == null");
      return this;
    }

    /**
     * How many inline (base64) images one answer may carry, each up to {@link
     * ProviderConfig#maxInlineImageBytes()}; the answer size limit grows by that much. Default 0:
     * the vendor answers with URLs.
     */
    public Builder inlineImagesPerAnswer(int inlineImagesPerAnswer) {
      if (inlineImagesPerAnswer < 0) {
        throw new IllegalArgumentException(
            "inlineImagesPerAnswer must not be negative, was " + inlineImagesPerAnswer);
      }
      this.inlineImagesPerAnswer = inlineImagesPerAnswer;
      return this;
    }

    /**
     * JSON fields whose string values are secret wherever they appear ({@code "key"} for a vendor
     * that takes the key in the body): logs mask them by structure, whatever they hold.
     */
    public Builder secretJsonFields(String... names) {
      this.secretJsonFields = names.clone();
      return this;
    }

    /**
     * The time one call may take unless the application set {@link
     * ProviderConfig#requestTimeout()}: longer than the 60-second default for a vendor that answers
     * a submission with its image (a synchronous API, whose calls take as long as the generation).
     */
    public Builder defaultRequestTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout == null");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("a request timeout must be positive: " + timeout);
      }
      this.defaultRequestTimeout = timeout;
      return this;
    }

    /** The clock; for tests. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** Builds the stack. */
    public ProviderHttp build() {
      return new ProviderHttp(this);
    }
  }
}
