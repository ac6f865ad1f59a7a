package dev.nanobanana4j.core.domain;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the user wants generated, independent of any vendor. A request without reference images is
 * text-to-image; with reference images it is an edit.
 *
 * <pre>{@code
 * ImageRequest request = ImageRequest.builder()
 *     .prompt("a fox in watercolor style")
 *     .aspectRatio(AspectRatio.RATIO_16_9)
 *     .resolution(Resolution.TWO_K)
 *     .build();
 * }</pre>
 *
 * <p>Whether a provider can take the request is checked against its {@link ProviderCapabilities}
 * before anything is sent; unset options take the provider's defaults.
 */
public final class ImageRequest {
  private final String prompt;
  private final List<ImageInput> referenceImages;
  private final AspectRatio aspectRatio;
  private final Resolution resolution;
  private final int count;
  private final OutputFormat outputFormat;
  private final Long seed;
  private final String negativePrompt;
  private final String model;
  private final Map<String, Object> extras;
  private final URI callbackUrl;
  private final boolean lenient;

  private ImageRequest(Builder b) {
    this.prompt = Objects.requireNonNull(b.prompt, "prompt == null");
    if (prompt.isBlank()) {
      throw new IllegalArgumentException("prompt is blank; describe the image to generate");
    }
    this.referenceImages = List.copyOf(b.referenceImages);
    this.aspectRatio = b.aspectRatio;
    this.resolution = b.resolution;
    if (b.count < 1) {
      throw new IllegalArgumentException("count is " + b.count + "; it must be at least 1");
    }
    this.count = b.count;
    this.outputFormat = b.outputFormat;
    this.seed = b.seed;
    this.negativePrompt = b.negativePrompt;
    this.model = b.model;
    this.extras = Collections.unmodifiableMap(new LinkedHashMap<>(b.extras));
    this.callbackUrl = b.callbackUrl;
    this.lenient = b.lenient;
  }

  /** A builder for a new request. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this request's values. */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** {@link Mode#EDIT} when there are reference images, else {@link Mode#TEXT_TO_IMAGE}. */
  public Mode mode() {
    return referenceImages.isEmpty() ? Mode.TEXT_TO_IMAGE : Mode.EDIT;
  }

  /** The text that describes the image or the edit. */
  public String prompt() {
    return prompt;
  }

  /** The reference images, in order; empty for text-to-image. */
  public List<ImageInput> referenceImages() {
    return referenceImages;
  }

  /** The framing asked for; empty to use the provider's default. */
  public Optional<AspectRatio> aspectRatio() {
    return Optional.ofNullable(aspectRatio);
  }

  /** The size tier asked for; empty to use the provider's default. */
  public Optional<Resolution> resolution() {
    return Optional.ofNullable(resolution);
  }

  /** How many images to generate; at least 1. */
  public int count() {
    return count;
  }

  /** The output format asked for; empty to use the provider's default. */
  public Optional<OutputFormat> outputFormat() {
    return Optional.ofNullable(outputFormat);
  }

  /** The random seed, where the provider accepts one. */
  public OptionalLong seed() {
    return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
  }

  /** What the image should not show, where the provider accepts it. */
  public Optional<String> negativePrompt() {
    return Optional.ofNullable(negativePrompt);
  }

  /** The vendor's model to use, such as {@code nano-banana-2}; empty for the provider's default. */
  public Optional<String> model() {
    return Optional.ofNullable(model);
  }

  /**
   * Provider-specific parameters passed through to the vendor by name (values are strings, numbers
   * or booleans). Each provider documents the names it reads; others are refused. A name with a
   * provider's id before a dot ({@code apixo.google_search}) is for that provider alone: see {@link
   * #forProvider}.
   */
  public Map<String, Object> extras() {
    return extras;
  }

  /**
   * This request as provider {@code providerId} takes it: an extra named {@code <providerId>.name}
   * becomes {@code name} (and wins over an unnamespaced {@code name}); an extra named for another
   * provider ({@code <otherId>.name}) is left out; an extra without a namespace stays as it is. So
   * a route keeps the providers an extra is not meant for. Itself when nothing changes.
   */
  public ImageRequest forProvider(String providerId) {
    Objects.requireNonNull(providerId, "providerId == null");
    boolean namespaced = false;
    for (String name : extras.keySet()) {
      if (namespace(name) != null) {
        namespaced = true;
        break;
      }
    }
    if (!namespaced) {
      return this;
    }
    Map<String, Object> own = new LinkedHashMap<>();
    Map<String, Object> mine = new LinkedHashMap<>();
    extras.forEach(
        (name, value) -> {
          String namespace = namespace(name);
          if (namespace == null) {
            own.put(name, value);
          } else if (namespace.equals(providerId)) {
            mine.put(name.substring(namespace.length() + 1), value);
          }
        });
    own.putAll(mine);
    Builder builder = newBuilder().clearExtras();
    own.forEach(builder::extra);
    return builder.build();
  }

  /** The provider id a namespaced extra's name begins with, or null. */
  private static String namespace(String name) {
    int dot = name.indexOf('.');
    if (dot <= 0 || dot == name.length() - 1) {
      return null;
    }
    String id = name.substring(0, dot);
    return id.matches("[a-z][a-z0-9-]{0,31}") ? id : null;
  }

  /**
   * Where the vendor should call back when the job ends, for vendors that take a callback URL per
   * request. The client sets it when callbacks are configured ({@code Callbacks}); it may hold a
   * token, so {@link #toString()} never shows it.
   */
  public Optional<URI> callbackUrl() {
    return Optional.ofNullable(callbackUrl);
  }

  /**
   * Whether a provider may drop the options it cannot honour (a seed, a negative prompt, an aspect
   * ratio, resolution or format it does not offer, a callback URL, an unknown extra) rather than
   * refuse the request; each option dropped is reported as a {@link RequestWarning}. What cannot be
   * dropped without changing the image asked for (the prompt, the reference images, the model, the
   * count) is still refused. Strict, by default.
   */
  public boolean isLenient() {
    return lenient;
  }

  /** This request, {@linkplain #isLenient() lenient}. */
  public ImageRequest lenient() {
    return lenient ? this : newBuilder().lenient(true).build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageRequest r
        && prompt.equals(r.prompt)
        && referenceImages.equals(r.referenceImages)
        && aspectRatio == r.aspectRatio
        && resolution == r.resolution
        && count == r.count
        && outputFormat == r.outputFormat
        && Objects.equals(seed, r.seed)
        && Objects.equals(negativePrompt, r.negativePrompt)
        && Objects.equals(model, r.model)
        && extras.equals(r.extras)
        && Objects.equals(callbackUrl, r.callbackUrl)
        && lenient == r.lenient;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        prompt,
        referenceImages,
        aspectRatio,
        resolution,
        count,
        outputFormat,
        seed,
        negativePrompt,
        model,
        extras,
        callbackUrl,
        lenient);
  }

  @Override
  public String toString() {
    String shortPrompt = prompt.length() > 60 ? prompt.substring(0, 57) + "..." : prompt;
    return "ImageRequest{mode="
        + mode()
        + ", prompt="
        + shortPrompt.length()
        + "/"
        + prompt.length()
        + " chars '"
        + shortPrompt
        + "', referenceImages="
        + referenceImages
        + ", aspectRatio="
        + aspectRatio
        + ", resolution="
        + resolution
        + ", count="
        + count
        + ", outputFormat="
        + outputFormat
        + (seed == null ? "" : ", seed=" + seed)
        + (model == null ? "" : ", model=" + model)
        + (extras.isEmpty() ? "" : ", extras=" + extras.keySet())
        + (callbackUrl == null ? "" : ", callback=yes")
        + (lenient ? ", lenient" : "")
        + "}";
  }

  /** Builds an {@link ImageRequest}; only the prompt is required. */
  public static final class Builder {
    private String prompt;
    private final List<ImageInput> referenceImages = new ArrayList<>();
    private AspectRatio aspectRatio;
    private Resolution resolution;
    private int count = 1;
    private OutputFormat outputFormat;
    private Long seed;
    private String negativePrompt;
    private String model;
    private final Map<String, Object> extras = new LinkedHashMap<>();
    private URI callbackUrl;
    private boolean lenient;

    private Builder() {}

    private Builder(ImageRequest r) {
      prompt = r.prompt;
      referenceImages.addAll(r.referenceImages);
      aspectRatio = r.aspectRatio;
      resolution = r.resolution;
      count = r.count;
      outputFormat = r.outputFormat;
      seed = r.seed;
      negativePrompt = r.negativePrompt;
      model = r.model;
      extras.putAll(r.extras);
      callbackUrl = r.callbackUrl;
      lenient = r.lenient;
    }

    /** Where the vendor should call back; {@code null} for none. See {@link #callbackUrl()}. */
    public Builder callbackUrl(URI callbackUrl) {
      this.callbackUrl = callbackUrl;
      return this;
    }

    /** The description of the image or the edit. Required, not blank. */
    public Builder prompt(String prompt) {
      this.prompt = Objects.requireNonNull(prompt, "prompt == null");
      return this;
    }

    /**
     * Adds a reference image; a request with any is an edit.
     *
     * @throws IllegalArgumentException when the inline images would hold more than {@link
     *     ImageInput#MAX_TOTAL_BYTES} in all
     */
    public Builder addReferenceImage(ImageInput image) {
      Objects.requireNonNull(image, "image == null");
      if (image instanceof ImageInput.Inline inline) {
        long total = inline.size();
        for (ImageInput held : referenceImages) {
          if (held instanceof ImageInput.Inline other) {
            total += other.size();
          }
        }
        if (total > ImageInput.MAX_TOTAL_BYTES) {
          throw new IllegalArgumentException(
              "the reference images hold "
                  + total
                  + " bytes in all; at most "
                  + ImageInput.MAX_TOTAL_BYTES
                  + " go in one request");
        }
      }
      referenceImages.add(image);
      return this;
    }

    /** Replaces the reference images. */
    public Builder referenceImages(List<? extends ImageInput> images) {
      Objects.requireNonNull(images, "images == null");
      referenceImages.clear();
      images.forEach(this::addReferenceImage);
      return this;
    }

    /** The framing; {@code null} for the provider's default. */
    public Builder aspectRatio(AspectRatio aspectRatio) {
      this.aspectRatio = aspectRatio;
      return this;
    }

    /** The size tier; {@code null} for the provider's default. */
    public Builder resolution(Resolution resolution) {
      this.resolution = resolution;
      return this;
    }

    /** How many images; default 1. */
    public Builder count(int count) {
      this.count = count;
      return this;
    }

    /** The output format; {@code null} for the provider's default. */
    public Builder outputFormat(OutputFormat outputFormat) {
      this.outputFormat = outputFormat;
      return this;
    }

    /** The random seed; {@code null} for none. */
    public Builder seed(Long seed) {
      this.seed = seed;
      return this;
    }

    /** What the image should not show; {@code null} for none. */
    public Builder negativePrompt(String negativePrompt) {
      this.negativePrompt = negativePrompt;
      return this;
    }

    /** The vendor's model id; {@code null} for the provider's default. */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /** Removes every provider-specific parameter set so far. */
    public Builder clearExtras() {
      extras.clear();
      return this;
    }

    /** Sets a provider-specific parameter; the value must be a string, number or boolean. */
    public Builder extra(String name, Object value) {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(value, "value == null");
      if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
        throw new IllegalArgumentException(
            "extra '"
                + name
                + "' is a "
                + value.getClass().getSimpleName()
                + "; only strings, numbers and booleans are allowed");
      }
      extras.put(name, value);
      return this;
    }

    /** Whether a provider may drop the options it cannot honour; see {@link #isLenient()}. */
    public Builder lenient(boolean lenient) {
      this.lenient = lenient;
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws NullPointerException when no prompt was set
     * @throws IllegalArgumentException when the prompt is blank or the count below 1
     */
    public ImageRequest build() {
      return new ImageRequest(this);
    }
  }
}
