package ${package}.internal.mapper;

import ${package}.internal.api.ErrorBody;
import ${package}.internal.api.Generation;
import ${package}.internal.api.SubmitRequest;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.nanobanana4j.core.domain.FailureReason;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.ModelInfo;
import dev.nanobanana4j.core.domain.ProviderCapabilities;
import dev.nanobanana4j.spi.HttpImageProvider;
import dev.nanobanana4j.spi.JsonValues;
import dev.nanobanana4j.spi.MalformedBodyException;
import dev.nanobanana4j.spi.MediaTypes;
import dev.nanobanana4j.spi.VendorError;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/** Everything the vendor does differently, in one place: bodies, states and failure codes. */
public final class ${providerClass}Mapper {
  private final JsonAdapter<ErrorBody> errorJson;

  /** A mapper reading error bodies with {@code moshi}. */
  public ${providerClass}Mapper(Moshi moshi) {
    this.errorJson = moshi.adapter(ErrorBody.class);
  }

  /**
   * The submission body for {@code request}, which has passed validation: options the user left
   * out are sent as the model's declared defaults, so that the price and the image agree.
   */
  public SubmitRequest toSubmitRequest(ImageRequest request, ModelInfo model) {
    ProviderCapabilities capabilities = model.capabilities();
    List<String> urls = null;
    if (!request.referenceImages().isEmpty()) {
      urls = new ArrayList<>();
      for (ImageInput image : request.referenceImages()) {
        if (!(image instanceof ImageInput.Url url)) {
          throw new IllegalArgumentException("${providerId} takes reference images as URLs only");
        }
        urls.add(url.uri().toString());
      }
    }
    return new SubmitRequest(
        model.id(),
        request.prompt(),
        urls,
        capabilities.effectiveAspectRatio(request).label(),
        capabilities.effectiveResolution(request).label(),
        capabilities.effectiveOutputFormat(request).label());
  }

  /** The handle of an accepted submission. */
  public JobHandle toHandle(Generation answer, String providerId, String model, Instant now) {
    String id = JsonValues.text(answer.id());
    if (JsonValues.isBlank(id)) {
      throw new MalformedBodyException("the submission answer has no id");
    }
    return JobHandle.of(providerId, id, now, Map.of(HttpImageProvider.MODEL, model));
  }

  /** The status a status answer reports. */
  public JobStatus toStatus(Generation answer) {
    if (JsonValues.isBlank(answer.status())) {
      throw new MalformedBodyException("the status answer has no status");
    }
    // Documented: queued, running, succeeded, failed, cancelled.
    switch (answer.status().trim().toLowerCase(Locale.ROOT)) {
      case "queued":
        return new JobStatus.Queued(position(answer.queuePosition()));
      case "running":
        return new JobStatus.Running();
      case "succeeded":
        return new JobStatus.Succeeded(images(answer.images()));
      case "failed":
        Generation.Failure error = answer.error();
        String code = error == null ? null : error.code();
        String message = error == null ? null : error.message();
        return new JobStatus.Failed(
            reason(code),
            JsonValues.isBlank(code) ? java.util.Optional.empty() : java.util.Optional.of(code),
            JsonValues.isBlank(message) ? "${providerId} reported the generation failed" : message);
      case "cancelled":
        return new JobStatus.Cancelled();
      default:
        throw new MalformedBodyException("unknown status '" + answer.status() + "'");
    }
  }

  /** A queue position the vendor gives as a number (or numeric text); anything else is unknown. */
  private static OptionalInt position(Object value) {
    String text = JsonValues.text(value);
    if (text == null) {
      return OptionalInt.empty();
    }
    try {
      double number = Double.parseDouble(text);
      return number >= 0 && number <= Integer.MAX_VALUE && number == Math.rint(number)
          ? OptionalInt.of((int) number)
          : OptionalInt.empty();
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  private static List<GeneratedImage> images(List<Generation.Image> images) {
    if (images == null || images.isEmpty()) {
      throw new MalformedBodyException("a succeeded generation has no images");
    }
    List<GeneratedImage> result = new ArrayList<>();
    for (Generation.Image image : images) {
      if (image == null || JsonValues.isBlank(image.url())) {
        throw new MalformedBodyException("an image has no url");
      }
      try {
        result.add(GeneratedImage.ofUrl(URI.create(image.url().trim()), MediaTypes.fromUrl(image.url())));
      } catch (IllegalArgumentException e) {
        throw new MalformedBodyException("an image url is not a URL", e);
      }
    }
    return result;
  }

  /** The reason behind a documented failure code; anything else is unknown, with its code kept. */
  static FailureReason reason(String code) {
    if (JsonValues.isBlank(code)) {
      return FailureReason.UNKNOWN;
    }
    switch (code.trim().toLowerCase(Locale.ROOT)) {
      case "content_policy":
        return FailureReason.CONTENT_POLICY;
      case "invalid_input":
        return FailureReason.INVALID_INPUT;
      case "timeout":
        return FailureReason.TIMEOUT;
      case "server_error":
        return FailureReason.PROVIDER_ERROR;
      default:
        return FailureReason.UNKNOWN;
    }
  }

  /** Reads an error body; any shape, or none, is accepted. */
  public VendorError parseError(int httpStatus, String body) {
    if (JsonValues.isBlank(body)) {
      return VendorError.none();
    }
    ErrorBody parsed;
    try {
      parsed = errorJson.fromJson(body);
    } catch (IOException | RuntimeException e) {
      return VendorError.none(); // an HTML page or a cut body: the HTTP status says enough
    }
    if (parsed == null || parsed.error() == null) {
      return VendorError.none();
    }
    return VendorError.of(parsed.error().code(), parsed.error().message());
  }
}
