package dev.nanobanana4j.core.domain;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a provider is: its id, the vendor's documented base URL, the models it sells with their
 * capabilities and prices, and the vendor's polling guidance.
 */
public final class ProviderInfo {
  private final String id;
  private final String displayName;
  private final URI defaultBaseUrl;
  private final Map<String, ModelInfo> models;
  private final List<String> modelOrder;
  private final String defaultModel;
  private final Duration firstPollDelay;
  private final Duration pollInterval;
  private final Duration resultLifetime;

  private ProviderInfo(Builder b) {
    this.id = Objects.requireNonNull(b.id, "id == null");
    this.displayName = Objects.requireNonNull(b.displayName, "displayName == null");
    this.defaultBaseUrl = Objects.requireNonNull(b.defaultBaseUrl, "defaultBaseUrl == null");
    if (b.models.isEmpty()) {
      throw new IllegalArgumentException("provider " + b.id + " has no model");
    }
    this.models = Map.copyOf(b.models);
    this.defaultModel =
        b.defaultModel == null ? b.models.keySet().iterator().next() : b.defaultModel;
    if (!models.containsKey(defaultModel)) {
      throw new IllegalArgumentException("default model " + defaultModel + " is not a model");
    }
    this.firstPollDelay = Objects.requireNonNull(b.firstPollDelay, "firstPollDelay == null");
    this.pollInterval = Objects.requireNonNull(b.pollInterval, "pollInterval == null");
    this.modelOrder = List.copyOf(b.models.keySet());
    this.resultLifetime = b.resultLifetime;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The unique provider id, such as {@code apixo}. */
  public String id() {
    return id;
  }

  /** The vendor's name for people, such as {@code APIXO}. */
  public String displayName() {
    return displayName;
  }

  /** The base URL the vendor documents for its API. */
  public URI defaultBaseUrl() {
    return defaultBaseUrl;
  }

  /** The models, in the provider's order; the default first unless the provider says otherwise. */
  public List<ModelInfo> models() {
    return modelOrder.stream().map(models::get).collect(Collectors.toUnmodifiableList());
  }

  /** The model used when a request names none. */
  public ModelInfo defaultModel() {
    return models.get(defaultModel);
  }

  /** The named model, if the provider sells it. */
  public Optional<ModelInfo> model(String modelId) {
    return Optional.ofNullable(models.get(modelId));
  }

  /** The model a request runs on: the one it names, else the default. */
  public Optional<ModelInfo> modelFor(ImageRequest request) {
    // An unknown model is empty, never the default: a request for a model this provider does not
    // sell must not silently run (and be paid for) on another one.
    return request.model().isPresent()
        ? Optional.ofNullable(models.get(request.model().get()))
        : Optional.of(defaultModel());
  }

  /** How long the vendor advises waiting before the first status poll. */
  public Duration firstPollDelay() {
    return firstPollDelay;
  }

  /**
   * How long the vendor documents that it keeps a finished job's images, from the job's end; empty
   * where it documents nothing. The client marks each image's {@link GeneratedImage#expiresAt} with
   * it, counting from the earliest time the job can have ended.
   */
  public Optional<Duration> resultLifetime() {
    return Optional.ofNullable(resultLifetime);
  }

  /** How often the vendor advises polling while a job runs. */
  public Duration pollInterval() {
    return pollInterval;
  }

  /**
   * {@code request} as this provider can take it: its extras as {@link
   * ImageRequest#forProvider(String)} gives them to this provider; a {@linkplain
   * ImageRequest#isLenient() lenient} request without the options its model cannot honour, each
   * named in a warning; a strict request, or one for a model this provider does not sell, as it is.
   */
  public RelaxedRequest relax(ImageRequest request) {
    request = request.forProvider(id);
    Optional<ModelInfo> model = request.isLenient() ? modelFor(request) : Optional.empty();
    return model.isEmpty()
        ? RelaxedRequest.unchanged(request)
        : RequestChecks.relax(model.get().capabilities(), id, request);
  }

  /**
   * Everything {@code request} asks that this provider cannot give; empty when it fits. Extras
   * named for another provider are not this provider's to refuse ({@link
   * ImageRequest#forProvider(String)}).
   */
  public List<String> violations(ImageRequest request) {
    request = request.forProvider(id);
    Optional<ModelInfo> model = modelFor(request);
    if (model.isEmpty()) {
      return List.of(
          "model '"
              + request.model().orElseThrow()
              + "' is not sold by "
              + id
              + "; use one of "
              + String.join(", ", modelOrder));
    }
    return model.get().capabilities().violations(id, request);
  }

  @Override
  public String toString() {
    return "ProviderInfo{" + id + ", models=" + modelOrder + ", baseUrl=" + defaultBaseUrl + "}";
  }

  /** Builds {@link ProviderInfo}. */
  public static final class Builder {
    private String id;
    private String displayName;
    private URI defaultBaseUrl;
    private final Map<String, ModelInfo> models = new LinkedHashMap<>();
    private String defaultModel;
    private Duration firstPollDelay = Duration.ofSeconds(5);
    private Duration pollInterval = Duration.ofSeconds(5);
    private Duration resultLifetime;

    private Builder() {}

    /** The unique provider id: lower case, such as {@code apixo}. */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /** The vendor's name for people. */
    public Builder displayName(String displayName) {
      this.displayName = displayName;
      return this;
    }

    /** The base URL the vendor documents. */
    public Builder defaultBaseUrl(String url) {
      this.defaultBaseUrl = URI.create(url);
      return this;
    }

    /** Adds a model; the first added is the default unless {@link #defaultModel} says another. */
    public Builder addModel(ModelInfo model) {
      models.put(model.id(), model);
      return this;
    }

    /** The model used when a request names none; by default the first added. */
    public Builder defaultModel(String modelId) {
      this.defaultModel = modelId;
      return this;
    }

    /** The vendor's polling guidance: first poll after {@code first}, then every {@code every}. */
    public Builder pollingGuidance(Duration first, Duration every) {
      this.firstPollDelay = first;
      this.pollInterval = every;
      return this;
    }

    /** How long the vendor documents that it keeps results ({@link #resultLifetime()}). */
    public Builder resultLifetime(Duration lifetime) {
      Objects.requireNonNull(lifetime, "lifetime == null");
      if (lifetime.isNegative() || lifetime.isZero()) {
        throw new IllegalArgumentException("a result lifetime must be positive: " + lifetime);
      }
      this.resultLifetime = lifetime;
      return this;
    }

    /** Builds the description. */
    public ProviderInfo build() {
      return new ProviderInfo(this);
    }
  }
}
