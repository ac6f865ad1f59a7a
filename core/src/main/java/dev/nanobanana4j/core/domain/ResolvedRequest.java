package dev.nanobanana4j.core.domain;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A request after validation, with the model's defaults applied: what a provider sends and what the
 * price is computed from, so that the two cannot disagree. Made by {@link
 * ModelInfo#resolve(ImageRequest)}.
 *
 * <p>The policy for an option the user left out, the same for every provider:
 *
 * <ul>
 *   <li>the <b>resolution</b> and the <b>output format</b> are always sent, as the model's declared
 *       defaults: the first sets the price, the second the file the caller gets;
 *   <li>the <b>aspect ratio</b> is sent only where the user gave one, or where the vendor's API
 *       requires the field ({@link #aspectRatioOrDefault()}); otherwise the vendor's documented
 *       default applies (square for text, the reference image's shape for many edits), which the
 *       price does not depend on;
 *   <li>a seed, a negative prompt, extras and a callback URL are sent only when given.
 * </ul>
 *
 * @param request the validated request
 * @param model the vendor's model id it runs on
 * @param resolution the resolution it is generated and priced at
 * @param outputFormat the format of the images it returns
 * @param defaultAspectRatio the model's aspect ratio when the request names none
 */
public record ResolvedRequest(
    ImageRequest request,
    String model,
    Resolution resolution,
    OutputFormat outputFormat,
    AspectRatio defaultAspectRatio) {
  /** Checks every part is present. */
  public ResolvedRequest {
    Objects.requireNonNull(request, "request == null");
    Objects.requireNonNull(model, "model == null");
    Objects.requireNonNull(resolution, "resolution == null");
    Objects.requireNonNull(outputFormat, "outputFormat == null");
    Objects.requireNonNull(defaultAspectRatio, "defaultAspectRatio == null");
  }

  /** The aspect ratio the user asked for; empty leaves it to the vendor's documented default. */
  public Optional<AspectRatio> aspectRatio() {
    return request.aspectRatio();
  }

  /** The aspect ratio asked for, else the model's default: for APIs that require the field. */
  public AspectRatio aspectRatioOrDefault() {
    return request.aspectRatio().orElse(defaultAspectRatio);
  }

  /** See {@link ImageRequest#mode()}. */
  public Mode mode() {
    return request.mode();
  }

  /** See {@link ImageRequest#prompt()}. */
  public String prompt() {
    return request.prompt();
  }

  /** See {@link ImageRequest#referenceImages()}. */
  public List<ImageInput> referenceImages() {
    return request.referenceImages();
  }

  /** See {@link ImageRequest#count()}. */
  public int count() {
    return request.count();
  }

  /** See {@link ImageRequest#seed()}. */
  public OptionalLong seed() {
    return request.seed();
  }

  /** See {@link ImageRequest#negativePrompt()}. */
  public Optional<String> negativePrompt() {
    return request.negativePrompt();
  }

  /** See {@link ImageRequest#extras()}. */
  public Map<String, Object> extras() {
    return request.extras();
  }

  /** See {@link ImageRequest#callbackUrl()}. */
  public Optional<URI> callbackUrl() {
    return request.callbackUrl();
  }
}
