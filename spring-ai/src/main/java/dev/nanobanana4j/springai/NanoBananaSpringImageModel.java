package dev.nanobanana4j.springai;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.application.routing.Route;
import dev.nanobanana4j.core.application.waiting.AwaitOptions;
import dev.nanobanana4j.core.domain.AspectRatio;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.GenerationResult;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.ModelInfo;
import dev.nanobanana4j.core.domain.ProviderCapabilities;
import dev.nanobanana4j.core.domain.Resolution;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.ai.image.Image;
import org.springframework.ai.image.ImageGeneration;
import org.springframework.ai.image.ImageMessage;
import org.springframework.ai.image.ImageModel;
import org.springframework.ai.image.ImageOptions;
import org.springframework.ai.image.ImagePrompt;
import org.springframework.ai.image.ImageResponse;
import org.springframework.ai.image.ImageResponseMetadata;

/**
 * Spring AI's {@link ImageModel} over a {@link NanoBananaClient}.
 *
 * <pre>{@code
 * ImageModel model = NanoBananaSpringImageModel.builder().client(client).provider("apixo").build();
 * ImageResponse response = model.call(new ImagePrompt("a lighthouse at dusk",
 *     ImageOptionsBuilder.builder().n(2).width(1920).height(1080).build()));
 * }</pre>
 *
 * <p>{@link ImageOptions} map to Nano Banana's request:
 *
 * <ul>
 *   <li>{@code n}: the count (a provider that makes one image a call gets {@code n} calls);
 *   <li>{@code width} and {@code height}: the aspect ratio nearest to theirs, and the smallest
 *       resolution whose long edge holds the longer side, among those the provider offers;
 *   <li>{@code model}: the model at the provider, such as {@code nano-banana-pro};
 *   <li>{@code style}: a sentence added to the prompt, Nano Banana having no style setting;
 *   <li>{@code responseFormat}: not used; each image comes as its URL where the vendor gives one,
 *       else as base64 data.
 * </ul>
 *
 * The prompt is the text of the prompt's messages, in order (weights are not used). The response's
 * metadata names the provider, the job's token and task id, and the estimate. Every request is
 * checked before anything is sent; failures are the library's typed exceptions.
 */
public final class NanoBananaSpringImageModel implements ImageModel {
  private final NanoBananaClient client;
  private final String provider;
  private final Route route;
  private final AwaitOptions wait;

  private NanoBananaSpringImageModel(Builder b) {
    this.client = Objects.requireNonNull(b.client, "client is required");
    this.provider = b.provider;
    this.route = b.route;
    this.wait = b.timeout == null ? AwaitOptions.defaults() : AwaitOptions.timeout(b.timeout);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public ImageResponse call(ImagePrompt prompt) {
    Objects.requireNonNull(prompt, "prompt == null");
    ImageRequest request = request(prompt);
    GenerationResult result =
        route != null
            ? client.blocking().generate(request, route, wait)
            : client.blocking().generate(providerId(), request, wait);
    List<ImageGeneration> generations = new ArrayList<>();
    for (GeneratedImage image : result.images()) {
      generations.add(
          new ImageGeneration(
              image.url().isPresent()
                  ? new Image(image.url().get().toString(), null)
                  : new Image(
                      null, Base64.getEncoder().encodeToString(image.bytes().orElseThrow()))));
    }
    ImageResponseMetadata metadata = new ImageResponseMetadata(System.currentTimeMillis());
    result.metadata().forEach(metadata::put);
    return new ImageResponse(generations, metadata);
  }

  private String providerId() {
    return provider != null ? provider : client.defaultProviderId();
  }

  /** The request {@code prompt} asks for. */
  ImageRequest request(ImagePrompt prompt) {
    String text =
        prompt.getInstructions().stream()
            .map(ImageMessage::getText)
            .filter(Objects::nonNull)
            .map(String::strip)
            .filter(message -> !message.isEmpty())
            .collect(Collectors.joining("\n"));
    ImageOptions options = prompt.getOptions();
    ImageRequest.Builder builder = ImageRequest.builder();
    if (options != null && options.getStyle() != null && !options.getStyle().isBlank()) {
      text = text + "\nStyle: " + options.getStyle().strip() + ".";
    }
    builder.prompt(text);
    if (options == null) {
      return builder.build();
    }
    if (options.getN() != null) {
      builder.count(options.getN());
    }
    if (options.getModel() != null && !options.getModel().isBlank()) {
      builder.model(options.getModel());
    }
    Integer width = options.getWidth();
    Integer height = options.getHeight();
    if (width != null && height != null) {
      if (width < 1 || height < 1) {
        throw new IllegalArgumentException(
            "width and height must be positive, got " + width + "x" + height);
      }
      ProviderCapabilities capabilities = capabilities(options.getModel());
      builder.aspectRatio(nearestRatio(width, height, capabilities));
      builder.resolution(resolutionFor(Math.max(width, height), capabilities));
    }
    return builder.build();
  }

  /** The capabilities of the provider's model, or none known (a route). */
  private ProviderCapabilities capabilities(String model) {
    if (route != null) {
      return null;
    }
    String id = providerId();
    return client.providers().stream()
        .filter(info -> info.id().equals(id))
        .findFirst()
        .map(
            info ->
                (model == null ? Optional.<ModelInfo>empty() : info.model(model))
                    .orElse(info.defaultModel())
                    .capabilities())
        .orElse(null);
  }

  /** The ratio nearest to {@code width:height}, on a log scale, among those offered. */
  static AspectRatio nearestRatio(int width, int height, ProviderCapabilities capabilities) {
    Set<AspectRatio> offered =
        capabilities == null
            ? EnumSet.allOf(AspectRatio.class)
            : EnumSet.copyOf(capabilities.aspectRatios());
    offered.remove(AspectRatio.AUTO);
    double wanted = Math.log((double) width / height);
    return offered.stream()
        .min(
            Comparator.comparingDouble(
                ratio ->
                    Math.abs(Math.log((double) ratio.widthTerm() / ratio.heightTerm()) - wanted)))
        .orElse(AspectRatio.RATIO_1_1);
  }

  /** The smallest resolution offered whose long edge holds {@code longSide}, else the largest. */
  static Resolution resolutionFor(int longSide, ProviderCapabilities capabilities) {
    List<Resolution> offered =
        capabilities == null
            ? Arrays.asList(Resolution.values())
            : capabilities.resolutions().stream().sorted().toList();
    return offered.stream()
        .filter(resolution -> resolution.longEdgePixels() >= longSide)
        .findFirst()
        .orElse(offered.get(offered.size() - 1));
  }

  @Override
  public String toString() {
    return "NanoBananaSpringImageModel{"
        + (route != null
            ? "route=" + route
            : "provider=" + (provider == null ? "default" : provider))
        + "}";
  }

  /** Builds a {@link NanoBananaSpringImageModel}. */
  public static final class Builder {
    private NanoBananaClient client;
    private String provider;
    private Route route;
    private Duration timeout;

    private Builder() {}

    /** The client to generate with. Required. */
    public Builder client(NanoBananaClient client) {
      this.client = Objects.requireNonNull(client, "client == null");
      return this;
    }

    /** Generates with this provider (default: the client's default provider). */
    public Builder provider(String providerId) {
      this.provider = Objects.requireNonNull(providerId, "providerId == null");
      this.route = null;
      return this;
    }

    /** Chooses the provider for each request by {@code route}. */
    public Builder route(Route route) {
      this.route = Objects.requireNonNull(route, "route == null");
      this.provider = null;
      return this;
    }

    /** How long a generation may take (default: the client's). */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout == null");
      return this;
    }

    /** Builds the model. */
    public NanoBananaSpringImageModel build() {
      return new NanoBananaSpringImageModel(this);
    }
  }
}
