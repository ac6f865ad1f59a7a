package dev.nanobanana4j.langchain4j;

import dev.langchain4j.data.image.Image;
import dev.langchain4j.model.image.ImageModel;
import dev.langchain4j.model.output.Response;
import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.application.routing.Budget;
import dev.nanobanana4j.core.application.routing.Route;
import dev.nanobanana4j.core.application.waiting.AwaitOptions;
import dev.nanobanana4j.core.domain.AspectRatio;
import dev.nanobanana4j.core.domain.CostEstimate;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.GenerationResult;
import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.Resolution;
import dev.nanobanana4j.core.error.JobTimeoutException;
import dev.nanobanana4j.core.error.OutcomeUnknownException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * LangChain4j's {@link ImageModel} over a {@link NanoBananaClient}: text to image, {@code n}
 * images, and edits of an image, through one provider or a route, within a budget and a timeout.
 *
 * <pre>{@code
 * ImageModel model = NanoBananaImageModel.builder()
 *     .client(client)
 *     .provider("apixo")                 // or .route(Route.cheapest())
 *     .aspectRatio(AspectRatio.RATIO_16_9)
 *     .timeout(Duration.ofMinutes(3))
 *     .build();
 * Response<Image> response = model.generate("a lighthouse at dusk");
 * }</pre>
 *
 * <p>Every request is checked against the provider before anything is sent, and a submission is
 * never sent twice; failures are the library's typed, unchecked exceptions. A response's metadata
 * names the provider, the job's token and task id, and the estimate. An image comes as its URL
 * where the vendor gives one, else as base64 data with its media type. Masks are not part of Nano
 * Banana's edit: {@link #edit(Image, Image, String)} refuses them.
 *
 * <p>The model does not own the client: closing the client is the application's.
 */
public final class NanoBananaImageModel implements ImageModel {
  private final NanoBananaClient client;
  private final String provider;
  private final Route route;
  private final Budget budget;
  private final AwaitOptions wait;
  private final Function<ImageRequest.Builder, ImageRequest.Builder> template;

  private NanoBananaImageModel(Builder b) {
    this.client = Objects.requireNonNull(b.client, "client is required");
    this.provider = b.provider;
    this.route = b.route;
    this.budget = b.budget;
    this.wait = b.timeout == null ? AwaitOptions.defaults() : AwaitOptions.timeout(b.timeout);
    this.template = b.template;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Response<Image> generate(String prompt) {
    return first(run(request(prompt, 1, List.of())));
  }

  @Override
  public Response<List<Image>> generate(String prompt, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, got " + n);
    }
    GenerationResult result = run(request(prompt, n, List.of()));
    List<Image> images = new ArrayList<>();
    result.images().forEach(image -> images.add(image(image)));
    return new Response<>(images, null, null, metadata(result));
  }

  @Override
  public Response<Image> edit(Image image, String prompt) {
    Objects.requireNonNull(image, "image == null");
    return first(run(request(prompt, 1, List.of(input(image)))));
  }

  /** Nano Banana edits by prompt alone: a mask is refused, nothing sent. */
  @Override
  public Response<Image> edit(Image image, Image mask, String prompt) {
    throw new IllegalArgumentException(
        "Nano Banana edits an image by its prompt and takes no mask; call edit(image, prompt)"
            + " and say in the prompt which part to change. Nothing was sent.");
  }

  private ImageRequest request(String prompt, int count, List<ImageInput> references) {
    ImageRequest.Builder builder =
        ImageRequest.builder().prompt(Objects.requireNonNull(prompt, "prompt == null"));
    template.apply(builder);
    builder.count(count);
    references.forEach(builder::addReferenceImage);
    return builder.build();
  }

  /** Generates within the budget, if any: reserved before, committed on success. */
  private GenerationResult run(ImageRequest request) {
    Budget.Reservation reservation = null;
    if (budget != null) {
      CostEstimate estimate =
          route != null ? client.estimate(request, route) : client.estimate(providerId(), request);
      reservation = budget.reserve(estimate);
    }
    GenerationResult result;
    try {
      result =
          route != null
              ? client.blocking().generate(request, route, wait)
              : client.blocking().generate(providerId(), request, wait);
    } catch (OutcomeUnknownException | JobTimeoutException e) {
      throw e; // the vendor may charge: the reservation stays
    } catch (RuntimeException e) {
      if (reservation != null) {
        reservation.release();
      }
      throw e;
    }
    if (reservation != null) {
      reservation.commit();
    }
    return result;
  }

  /** The provider named, else the client's default. */
  private String providerId() {
    return provider != null ? provider : client.defaultProviderId();
  }

  private static Response<Image> first(GenerationResult result) {
    return new Response<>(image(result.images().get(0)), null, null, metadata(result));
  }

  private static Image image(GeneratedImage image) {
    Image.Builder builder = Image.builder();
    if (image.url().isPresent()) {
      builder.url(image.url().get());
    } else {
      builder.base64Data(Base64.getEncoder().encodeToString(image.bytes().orElseThrow()));
    }
    image.mediaType().ifPresent(builder::mimeType);
    return builder.build();
  }

  private static ImageInput input(Image image) {
    if (image.url() != null) {
      return ImageInput.url(image.url().toString());
    }
    if (image.base64Data() != null) {
      return ImageInput.bytes(
          Base64.getDecoder().decode(image.base64Data()),
          Objects.requireNonNullElse(image.mimeType(), "image/png"));
    }
    throw new IllegalArgumentException("the image to edit has neither a URL nor data");
  }

  private static Map<String, Object> metadata(GenerationResult result) {
    return new LinkedHashMap<>(result.metadata());
  }

  @Override
  public String toString() {
    return "NanoBananaImageModel{"
        + (route != null
            ? "route=" + route
            : "provider=" + (provider == null ? "default" : provider))
        + "}";
  }

  /** Builds a {@link NanoBananaImageModel}. */
  public static final class Builder {
    private NanoBananaClient client;
    private String provider;
    private Route route;
    private Budget budget;
    private Duration timeout;
    private Function<ImageRequest.Builder, ImageRequest.Builder> template = b -> b;

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

    /** Chooses the provider for each request by {@code route}, falling back as it says. */
    public Builder route(Route route) {
      this.route = Objects.requireNonNull(route, "route == null");
      this.provider = null;
      return this;
    }

    /**
     * Keeps this model's requests within {@code budget}: each reserves its estimate before it is
     * sent (a request over what remains, or with an unknown price, fails with {@code
     * BudgetExceededException} and nothing is sent). With a route, the estimate is that of the
     * provider the route chooses first.
     */
    public Builder budget(Budget budget) {
      this.budget = Objects.requireNonNull(budget, "budget == null");
      return this;
    }

    /** How long a generation may take, from submission to images (default: the client's). */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout == null");
      return this;
    }

    /** The aspect ratio of every request (default: the provider's). */
    public Builder aspectRatio(AspectRatio ratio) {
      Objects.requireNonNull(ratio, "ratio == null");
      return request(b -> b.aspectRatio(ratio));
    }

    /** The resolution of every request (default: the provider's). */
    public Builder resolution(Resolution resolution) {
      Objects.requireNonNull(resolution, "resolution == null");
      return request(b -> b.resolution(resolution));
    }

    /** The model of every request, such as {@code nano-banana-pro} (default: the provider's). */
    public Builder model(String model) {
      Objects.requireNonNull(model, "model == null");
      return request(b -> b.model(model));
    }

    /** Anything else every request carries: {@code b -> b.seed(42).lenient(true)}. */
    public Builder request(Function<ImageRequest.Builder, ImageRequest.Builder> options) {
      Function<ImageRequest.Builder, ImageRequest.Builder> before = template;
      this.template = b -> options.apply(before.apply(b));
      return this;
    }

    /** Builds the model. */
    public NanoBananaImageModel build() {
      return new NanoBananaImageModel(this);
    }
  }
}
