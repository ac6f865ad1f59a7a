package dev.nanobanana4j.core.domain;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one model at one provider accepts. {@link #violations} checks a request against it, so that
 * a request the vendor would refuse is refused before anything is sent.
 */
public final class ProviderCapabilities {
  private final Set<Mode> modes;
  private final Set<AspectRatio> aspectRatios;
  private final AspectRatio defaultAspectRatio;
  private final Set<Resolution> resolutions;
  private final Resolution defaultResolution;
  private final Set<OutputFormat> outputFormats;
  private final OutputFormat defaultOutputFormat;
  private final int minPromptLength;
  private final int maxPromptLength;
  private final int maxReferenceImages;
  private final Set<ImageInput.Kind> referenceImageKinds;
  private final int maxCount;
  private final boolean seed;
  private final boolean negativePrompt;
  private final Set<String> extras;
  private final boolean cancel;
  private final boolean webhooks;
  private final long maxInlineImageBytes;
  private final Set<String> inlineImageTypes;

  private ProviderCapabilities(Builder b) {
    this.modes = nonEmpty(immutableEnumSet(b.modes, Mode.class), "modes");
    this.aspectRatios =
        nonEmpty(immutableEnumSet(b.aspectRatios, AspectRatio.class), "aspectRatios");
    this.resolutions = nonEmpty(immutableEnumSet(b.resolutions, Resolution.class), "resolutions");
    this.outputFormats =
        nonEmpty(immutableEnumSet(b.outputFormats, OutputFormat.class), "outputFormats");
    // May be empty: a provider without edits takes no reference images at all.
    this.referenceImageKinds = immutableEnumSet(b.referenceImageKinds, ImageInput.Kind.class);
    this.defaultAspectRatio =
        requireMember(b.defaultAspectRatio, aspectRatios, "defaultAspectRatio");
    this.defaultResolution = requireMember(b.defaultResolution, resolutions, "defaultResolution");
    this.defaultOutputFormat =
        requireMember(b.defaultOutputFormat, outputFormats, "defaultOutputFormat");
    if (b.minPromptLength < 1 || b.maxPromptLength < b.minPromptLength) {
      throw new IllegalArgumentException(
          "prompt length range " + b.minPromptLength + ".." + b.maxPromptLength + " is empty");
    }
    if (b.maxReferenceImages < 0 || b.maxCount < 1) {
      throw new IllegalArgumentException("maxReferenceImages < 0 or maxCount < 1");
    }
    if (modes.contains(Mode.EDIT) && (b.maxReferenceImages == 0 || referenceImageKinds.isEmpty())) {
      throw new IllegalArgumentException("EDIT needs maxReferenceImages > 0 and an image kind");
    }
    this.minPromptLength = b.minPromptLength;
    this.maxPromptLength = b.maxPromptLength;
    this.maxReferenceImages = b.maxReferenceImages;
    this.maxCount = b.maxCount;
    this.seed = b.seed;
    this.negativePrompt = b.negativePrompt;
    this.extras = Collections.unmodifiableSet(new LinkedHashSet<>(b.extras));
    this.cancel = b.cancel;
    this.webhooks = b.webhooks;
    if (b.maxInlineImageBytes < 1) {
      throw new IllegalArgumentException("maxInlineImageBytes must be positive");
    }
    this.maxInlineImageBytes = b.maxInlineImageBytes;
    this.inlineImageTypes = Set.copyOf(b.inlineImageTypes);
  }

  private static <E extends Enum<E>> Set<E> immutableEnumSet(Set<E> values, Class<E> type) {
    EnumSet<E> copy = EnumSet.noneOf(type);
    copy.addAll(values);
    return Collections.unmodifiableSet(copy);
  }

  private static <E> Set<E> nonEmpty(Set<E> values, String name) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException(name + " is empty");
    }
    return values;
  }

  private static <E> E requireMember(E value, Set<E> allowed, String name) {
    Objects.requireNonNull(value, name + " == null");
    if (!allowed.contains(value)) {
      throw new IllegalArgumentException(name + " " + value + " is not among " + allowed);
    }
    return value;
  }

  /** The largest inline reference image the vendor accepts, in bytes; no limit when unstated. */
  public long maxInlineImageBytes() {
    return maxInlineImageBytes;
  }

  /**
   * The media types of inline images the vendor takes, such as {@code image/png}; empty when its
   * documentation names none (then any type the client recognises is sent).
   */
  public Set<String> inlineImageTypes() {
    return inlineImageTypes;
  }

  /** A builder; every set starts empty and must be filled. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Everything about {@code request} that {@code providerId} cannot accept, in words a user can act
   * on; empty when the request fits.
   */
  public List<String> violations(String providerId, ImageRequest request) {
    return RequestChecks.violations(this, providerId, request);
  }

  /** The aspect ratio used when a request names none. */
  public AspectRatio effectiveAspectRatio(ImageRequest request) {
    return request.aspectRatio().orElse(defaultAspectRatio);
  }

  /** The resolution used when a request names none. */
  public Resolution effectiveResolution(ImageRequest request) {
    return request.resolution().orElse(defaultResolution);
  }

  /** The output format used when a request names none. */
  public OutputFormat effectiveOutputFormat(ImageRequest request) {
    return request.outputFormat().orElse(defaultOutputFormat);
  }

  /** Text-to-image, edit, or both. */
  public Set<Mode> modes() {
    return modes;
  }

  /** The aspect ratios accepted. */
  public Set<AspectRatio> aspectRatios() {
    return aspectRatios;
  }

  /** The aspect ratio used when a request names none. */
  public AspectRatio defaultAspectRatio() {
    return defaultAspectRatio;
  }

  /** The resolutions accepted. */
  public Set<Resolution> resolutions() {
    return resolutions;
  }

  /** The resolution used when a request names none. */
  public Resolution defaultResolution() {
    return defaultResolution;
  }

  /** The output formats accepted. */
  public Set<OutputFormat> outputFormats() {
    return outputFormats;
  }

  /** The output format used when a request names none. */
  public OutputFormat defaultOutputFormat() {
    return defaultOutputFormat;
  }

  /** The shortest prompt accepted, in characters. */
  public int minPromptLength() {
    return minPromptLength;
  }

  /** The longest prompt accepted, in characters. */
  public int maxPromptLength() {
    return maxPromptLength;
  }

  /** The most reference images one request may carry. */
  public int maxReferenceImages() {
    return maxReferenceImages;
  }

  /** Whether reference images may be URLs, inline bytes, or both. */
  public Set<ImageInput.Kind> referenceImageKinds() {
    return referenceImageKinds;
  }

  /** The most images one request may ask for. */
  public int maxCount() {
    return maxCount;
  }

  /** Whether a seed is accepted. */
  public boolean supportsSeed() {
    return seed;
  }

  /** Whether a negative prompt is accepted. */
  public boolean supportsNegativePrompt() {
    return negativePrompt;
  }

  /** The names of the provider-specific extras the provider reads. */
  public Set<String> extras() {
    return extras;
  }

  /** Whether a running job can be cancelled. */
  public boolean supportsCancel() {
    return cancel;
  }

  /** Whether the vendor takes a callback URL with each request and calls it when the job ends. */
  public boolean supportsWebhooks() {
    return webhooks;
  }

  @Override
  public String toString() {
    return "ProviderCapabilities{modes="
        + modes
        + ", aspectRatios="
        + aspectRatios
        + ", resolutions="
        + resolutions
        + ", outputFormats="
        + outputFormats
        + ", prompt="
        + minPromptLength
        + ".."
        + maxPromptLength
        + ", maxReferenceImages="
        + maxReferenceImages
        + ", referenceImageKinds="
        + referenceImageKinds
        + ", maxCount="
        + maxCount
        + "}";
  }

  /** Builds {@link ProviderCapabilities}. */
  public static final class Builder {
    private final Set<Mode> modes = new LinkedHashSet<>();
    private final Set<AspectRatio> aspectRatios = new LinkedHashSet<>();
    private AspectRatio defaultAspectRatio;
    private final Set<Resolution> resolutions = new LinkedHashSet<>();
    private Resolution defaultResolution;
    private final Set<OutputFormat> outputFormats = new LinkedHashSet<>();
    private OutputFormat defaultOutputFormat;
    private int minPromptLength = 1;
    private int maxPromptLength = Integer.MAX_VALUE;
    private int maxReferenceImages;
    private final Set<ImageInput.Kind> referenceImageKinds = new LinkedHashSet<>();
    private int maxCount = 1;
    private boolean seed;
    private boolean negativePrompt;
    private final Set<String> extras = new LinkedHashSet<>();
    private boolean cancel;
    private boolean webhooks;
    private long maxInlineImageBytes = Long.MAX_VALUE;
    private final Set<String> inlineImageTypes = new java.util.LinkedHashSet<>();

    private Builder() {}

    /** Adds accepted modes. */
    public Builder modes(Mode... values) {
      modes.addAll(List.of(values));
      return this;
    }

    /** Adds accepted aspect ratios. */
    public Builder aspectRatios(Collection<AspectRatio> values) {
      aspectRatios.addAll(values);
      return this;
    }

    /** The aspect ratio used when a request names none; must be accepted. */
    public Builder defaultAspectRatio(AspectRatio value) {
      defaultAspectRatio = value;
      return this;
    }

    /** Adds accepted resolutions. */
    public Builder resolutions(Resolution... values) {
      resolutions.addAll(List.of(values));
      return this;
    }

    /** The resolution used when a request names none; must be accepted. */
    public Builder defaultResolution(Resolution value) {
      defaultResolution = value;
      return this;
    }

    /** Adds accepted output formats. */
    public Builder outputFormats(OutputFormat... values) {
      outputFormats.addAll(List.of(values));
      return this;
    }

    /** The output format used when a request names none; must be accepted. */
    public Builder defaultOutputFormat(OutputFormat value) {
      defaultOutputFormat = value;
      return this;
    }

    /** The accepted prompt length, in characters, both ends included. */
    public Builder promptLength(int min, int max) {
      minPromptLength = min;
      maxPromptLength = max;
      return this;
    }

    /** The most reference images one request may carry. */
    public Builder maxReferenceImages(int value) {
      maxReferenceImages = value;
      return this;
    }

    /** Adds the ways reference images may travel: URLs, inline bytes, or both. */
    public Builder referenceImageKinds(ImageInput.Kind... values) {
      referenceImageKinds.addAll(List.of(values));
      return this;
    }

    /** Adds media types of inline images the vendor documents it takes; none set: any. */
    public Builder inlineImageTypes(String... mediaTypes) {
      inlineImageTypes.addAll(List.of(mediaTypes));
      return this;
    }

    /** The most images one request may ask for; default 1. */
    public Builder maxCount(int value) {
      maxCount = value;
      return this;
    }

    /** Whether a seed is accepted; default no. */
    public Builder seed(boolean value) {
      seed = value;
      return this;
    }

    /** Whether a negative prompt is accepted; default no. */
    public Builder negativePrompt(boolean value) {
      negativePrompt = value;
      return this;
    }

    /** Adds the names of provider-specific extras the provider reads. */
    public Builder extras(String... names) {
      extras.addAll(List.of(names));
      return this;
    }

    /** Whether a running job can be cancelled; default no. */
    public Builder cancel(boolean value) {
      cancel = value;
      return this;
    }

    /** Whether the vendor can call back when a job ends; default no. */
    public Builder webhooks(boolean value) {
      webhooks = value;
      return this;
    }

    /** The largest inline reference image the vendor documents, in bytes; default no limit. */
    public Builder maxInlineImageBytes(long value) {
      maxInlineImageBytes = value;
      return this;
    }

    /** Builds the capabilities, checking that each default is among the accepted values. */
    public ProviderCapabilities build() {
      return new ProviderCapabilities(this);
    }
  }
}
