package dev.nanobanana4j.spring.boot;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The client's settings under {@code nanobanana.*}. Only the providers are needed; every other
 * setting has the client's own default. Secrets (API keys, webhook and callback secrets) are never
 * shown by {@link #toString()}, and Boot's {@code /actuator/configprops} masks them by their names.
 */
@ConfigurationProperties(prefix = "nanobanana")
public class NanoBananaProperties {
  /** The providers to configure, by id (apixo, modellix, modelslab, mulerun, seaart, gemini). */
  private Map<String, Provider> providers = new LinkedHashMap<>();

  /** The provider for calls that name none; not needed when only one is configured. */
  private String defaultProvider;

  /**
   * A route for the application to submit along ({@code cheapest}, {@code fastest}, or provider ids
   * in order of preference, comma-separated); offered as a {@code Route} bean.
   */
  private String route;

  /** How long waits take at most when the call names no timeout. */
  private Duration defaultTimeout = Duration.ofMinutes(10);

  /** A spend limit over the jobs this client submits. */
  private final BudgetSettings budget = new BudgetSettings();

  /** When running jobs are polled. */
  private final Polling polling = new Polling();

  /** Where vendors call back when jobs end. */
  private final CallbackSettings callbacks = new CallbackSettings();

  /** The job store on the application's DataSource, and how this instance shares it. */
  private final Store store = new Store();

  public Map<String, Provider> getProviders() {
    return providers;
  }

  public void setProviders(Map<String, Provider> providers) {
    this.providers = providers;
  }

  public String getDefaultProvider() {
    return defaultProvider;
  }

  public void setDefaultProvider(String defaultProvider) {
    this.defaultProvider = defaultProvider;
  }

  public String getRoute() {
    return route;
  }

  public void setRoute(String route) {
    this.route = route;
  }

  public Duration getDefaultTimeout() {
    return defaultTimeout;
  }

  public void setDefaultTimeout(Duration defaultTimeout) {
    this.defaultTimeout = defaultTimeout;
  }

  public BudgetSettings getBudget() {
    return budget;
  }

  public Polling getPolling() {
    return polling;
  }

  public CallbackSettings getCallbacks() {
    return callbacks;
  }

  public Store getStore() {
    return store;
  }

  @Override
  public String toString() {
    return "NanoBananaProperties{providers=" + providers.keySet() + "}";
  }

  /** One provider's connection. */
  public static class Provider {
    /** The API key; required. */
    private String apiKey;

    /** The vendor's base URL; the provider's documented one by default. */
    private URI baseUrl;

    /** How long to wait for a connection to the vendor. */
    private Duration connectTimeout;

    /** How long one HTTP call to the vendor may take; the provider's own default otherwise. */
    private Duration requestTimeout;

    /** The most calls in flight to this vendor at once. */
    private Integer maxConcurrentRequests;

    /** The largest vendor response read. */
    private DataSize maxResponseBytes;

    /** The secret the vendor signs its callbacks with, where it signs them (MuleRun). */
    private String webhookSecret;

    /** Price tables that replace the provider's own, by model id (a negotiated rate, say). */
    private Map<String, ModelPrices> models = new LinkedHashMap<>();

    public String getApiKey() {
      return apiKey;
    }

    public void setApiKey(String apiKey) {
      this.apiKey = apiKey;
    }

    public URI getBaseUrl() {
      return baseUrl;
    }

    public void setBaseUrl(URI baseUrl) {
      this.baseUrl = baseUrl;
    }

    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }

    public Duration getRequestTimeout() {
      return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
    }

    public Integer getMaxConcurrentRequests() {
      return maxConcurrentRequests;
    }

    public void setMaxConcurrentRequests(Integer maxConcurrentRequests) {
      this.maxConcurrentRequests = maxConcurrentRequests;
    }

    public DataSize getMaxResponseBytes() {
      return maxResponseBytes;
    }

    public void setMaxResponseBytes(DataSize maxResponseBytes) {
      this.maxResponseBytes = maxResponseBytes;
    }

    public String getWebhookSecret() {
      return webhookSecret;
    }

    public void setWebhookSecret(String webhookSecret) {
      this.webhookSecret = webhookSecret;
    }

    public Map<String, ModelPrices> getModels() {
      return models;
    }

    public void setModels(Map<String, ModelPrices> models) {
      this.models = models;
    }

    @Override
    public String toString() {
      return "Provider{baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "unset" : "***") + "}";
    }
  }

  /** A model's prices at one provider, replacing the ones the provider ships. */
  public static class ModelPrices {
    /** Price per image by resolution ({@code 1K}, {@code 2K}, {@code 4K}), as {@code 0.07 USD}. */
    private Map<String, String> prices = new LinkedHashMap<>();

    /** The date the prices hold from; required with prices. */
    private LocalDate asOf;

    /** Where the prices come from (a contract, a price page); required with prices. */
    private String source;

    public Map<String, String> getPrices() {
      return prices;
    }

    public void setPrices(Map<String, String> prices) {
      this.prices = prices;
    }

    public LocalDate getAsOf() {
      return asOf;
    }

    public void setAsOf(LocalDate asOf) {
      this.asOf = asOf;
    }

    public String getSource() {
      return source;
    }

    public void setSource(String source) {
      this.source = source;
    }
  }

  /** A spend limit. */
  public static class BudgetSettings {
    /** The limit, as {@code 50 USD}; no limit when unset. */
    private String limit;

    /**
     * Shares the limit, by this name, with every instance on the same job store (the store's
     * ledger); unset, the limit is this instance's alone.
     */
    private String name;

    public String getLimit() {
      return limit;
    }

    public void setLimit(String limit) {
      this.limit = limit;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }
  }

  /** When running jobs are polled. */
  public static class Polling {
    /**
     * {@code adaptive} (learns each provider's timing), {@code vendor-guidance} (the vendor's
     * documented delays) or {@code fixed} (first-poll, then every interval).
     */
    private String policy = "adaptive";

    /** Polls per job the adaptive policy aims for. */
    private Double pollsPerJob;

    /** The first poll after submission, for the fixed policy. */
    private Duration firstPoll = Duration.ofSeconds(5);

    /** The time between polls, for the fixed policy. */
    private Duration interval = Duration.ofSeconds(5);

    public String getPolicy() {
      return policy;
    }

    public void setPolicy(String policy) {
      this.policy = policy;
    }

    public Double getPollsPerJob() {
      return pollsPerJob;
    }

    public void setPollsPerJob(Double pollsPerJob) {
      this.pollsPerJob = pollsPerJob;
    }

    public Duration getFirstPoll() {
      return firstPoll;
    }

    public void setFirstPoll(Duration firstPoll) {
      this.firstPoll = firstPoll;
    }

    public Duration getInterval() {
      return interval;
    }

    public void setInterval(Duration interval) {
      this.interval = interval;
    }
  }

  /** Callbacks from vendors. */
  public static class CallbackSettings {
    /**
     * The public URL vendors call back, ending in the endpoint's path ({@code
     * https://app.example.com/nanobanana/callbacks}); callbacks are off when unset.
     */
    private URI url;

    /** The secret callback URLs are signed with (at least 16 bytes); required with the URL. */
    private String secret;

    /** The path of the callback endpoint; the provider may follow as a last segment. */
    private String path = "/nanobanana/callbacks";

    /** Whether the application serves the callback endpoint (Spring MVC). */
    private boolean endpointEnabled = true;

    /** How long a callback URL's token stays valid. */
    private Duration tokenLifetime = Duration.ofDays(1);

    /**
     * The largest callback body read, with a callback URL set; without one the client reads at most
     * 256 KB.
     */
    private DataSize maxBodySize = DataSize.ofKilobytes(256);

    /** How long after submission polling starts, in case the callback never comes. */
    private Duration pollingGrace = Duration.ofMinutes(1);

    public URI getUrl() {
      return url;
    }

    public void setUrl(URI url) {
      this.url = url;
    }

    public String getSecret() {
      return secret;
    }

    public void setSecret(String secret) {
      this.secret = secret;
    }

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }

    public boolean isEndpointEnabled() {
      return endpointEnabled;
    }

    public void setEndpointEnabled(boolean endpointEnabled) {
      this.endpointEnabled = endpointEnabled;
    }

    public Duration getTokenLifetime() {
      return tokenLifetime;
    }

    public void setTokenLifetime(Duration tokenLifetime) {
      this.tokenLifetime = tokenLifetime;
    }

    public DataSize getMaxBodySize() {
      return maxBodySize;
    }

    public void setMaxBodySize(DataSize maxBodySize) {
      this.maxBodySize = maxBodySize;
    }

    public Duration getPollingGrace() {
      return pollingGrace;
    }

    public void setPollingGrace(Duration pollingGrace) {
      this.pollingGrace = pollingGrace;
    }
  }

  /** The job store. */
  public static class Store {
    /**
     * Whether jobs are kept on the application's DataSource (when one exists and
     * nanobanana4j-store-jdbc is present).
     */
    private boolean enabled = true;

    /** This instance's name among the fleet sharing the store; a random one by default. */
    private String instanceId;

    /**
     * Whether this instance polls the jobs of instances that died, so that a job nobody waits for
     * any more still settles and its budget reservation is booked.
     */
    private boolean takeOverOrphans = true;

    /**
     * When the store makes and updates its tables (Flyway, with a history table of its own): {@code
     * embedded} (the default, as Spring Batch and Spring Session do) only on an embedded database
     * such as H2; {@code always}; or {@code never}, where the application's own migrations make
     * them from classpath:dev/nanobanana4j/store/jdbc/migration. Runs after the application's
     * Flyway or Liquibase.
     */
    private InitializeSchema initializeSchema = InitializeSchema.EMBEDDED;

    /** When the job store makes its tables. */
    public enum InitializeSchema {
      /** Only on an embedded database (H2). */
      EMBEDDED,
      /** On any database. */
      ALWAYS,
      /** Never: the application's migrations make them. */
      NEVER
    }

    public InitializeSchema getInitializeSchema() {
      return initializeSchema;
    }

    public void setInitializeSchema(InitializeSchema initializeSchema) {
      this.initializeSchema = initializeSchema;
    }

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getInstanceId() {
      return instanceId;
    }

    public void setInstanceId(String instanceId) {
      this.instanceId = instanceId;
    }

    public boolean isTakeOverOrphans() {
      return takeOverOrphans;
    }

    public void setTakeOverOrphans(boolean takeOverOrphans) {
      this.takeOverOrphans = takeOverOrphans;
    }
  }
}
