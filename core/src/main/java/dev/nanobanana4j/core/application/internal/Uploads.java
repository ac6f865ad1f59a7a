package dev.nanobanana4j.core.application.internal;

import dev.nanobanana4j.core.application.waiting.Scheduler;
import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.ProviderCapabilities;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.InvalidRequestException;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.port.ImageProvider;
import dev.nanobanana4j.core.port.ImageUploader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Local reference images for vendors that take URLs only: checked as the URLs they will become
 * ({@link #standIn}), and uploaded through the application's {@link ImageUploader} just before the
 * submission ({@link #upload}), within a deadline.
 */
public final class Uploads {
  /** What an inline image is checked as before it is uploaded: a URL that names nothing. */
  private static final String STAND_IN = "https://upload.invalid/reference-image-";

  private final ImageUploader uploader;
  private final Scheduler scheduler;
  private final Duration bound;

  /** Uploads through {@code uploader} (none: nothing is uploaded), each within {@code bound}. */
  public Uploads(ImageUploader uploader, Scheduler scheduler, Duration bound) {
    this.uploader = uploader;
    this.scheduler = scheduler;
    this.bound = bound;
  }

  /** Whether {@code request}'s local files go to {@code provider} as uploaded URLs. */
  boolean uploads(ImageProvider provider, ImageRequest request) {
    if (uploader == null
        || request.referenceImages().stream().noneMatch(i -> i instanceof ImageInput.Inline)) {
      return false;
    }
    return provider
        .info()
        .modelFor(request)
        .map(model -> takesUrlsOnly(model.capabilities()))
        .orElse(false);
  }

  private static boolean takesUrlsOnly(ProviderCapabilities c) {
    return c.referenceImageKinds().contains(ImageInput.Kind.URL)
        && !c.referenceImageKinds().contains(ImageInput.Kind.INLINE);
  }

  /**
   * {@code request} as {@code provider} will receive it, for its checks: each local file a URL,
   * where the client uploads them for that provider; else the request itself.
   */
  public ImageRequest standIn(ImageProvider provider, ImageRequest request) {
    if (!uploads(provider, request)) {
      return request;
    }
    List<ImageInput> images = new ArrayList<>();
    for (int i = 0; i < request.referenceImages().size(); i++) {
      ImageInput input = request.referenceImages().get(i);
      images.add(input instanceof ImageInput.Inline ? ImageInput.url(STAND_IN + (i + 1)) : input);
    }
    return request.newBuilder().referenceImages(images).build();
  }

  /**
   * {@code request} with its local files uploaded, where {@code provider} takes URLs only; the
   * request itself otherwise. Fails with {@link InvalidRequestException}, nothing sent to the
   * vendor, when an upload fails, gives no http(s) URL, or has not finished within the bound.
   */
  public CompletableFuture<ImageRequest> upload(ImageProvider provider, ImageRequest request) {
    if (!uploads(provider, request)) {
      return CompletableFuture.completedFuture(request);
    }
    List<ImageInput> inputs = request.referenceImages();
    List<CompletableFuture<ImageInput>> uploaded = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      uploaded.add(one(provider, inputs.get(i), i + 1));
    }
    CompletableFuture<ImageRequest> result = new CompletableFuture<>();
    scheduler.schedule(
        () ->
            result.completeExceptionally(
                failure(provider, "the uploads did not finish within " + bound, null)),
        bound);
    CompletableFuture.allOf(uploaded.toArray(CompletableFuture[]::new))
        .whenComplete(
            (done, error) -> {
              if (error != null) {
                result.completeExceptionally(Waits.unwrap(error));
                return;
              }
              List<ImageInput> images = new ArrayList<>(inputs.size());
              uploaded.forEach(u -> images.add(u.join()));
              result.complete(request.newBuilder().referenceImages(images).build());
            });
    return result;
  }

  private CompletableFuture<ImageInput> one(ImageProvider provider, ImageInput input, int number) {
    if (!(input instanceof ImageInput.Inline inline)) {
      return CompletableFuture.completedFuture(input);
    }
    return Waits.call(() -> uploader.upload(inline, provider.id()))
        .handle(
            (uri, error) -> {
              if (error != null) {
                throw failure(
                    provider,
                    "reference image " + number + " could not be uploaded",
                    Waits.unwrap(error));
              }
              if (uri == null
                  || !uri.isAbsolute()
                  || !("https".equalsIgnoreCase(uri.getScheme())
                      || "http".equalsIgnoreCase(uri.getScheme()))) {
                throw failure(
                    provider,
                    "the uploader gave reference image " + number + " no http(s) URL: " + uri,
                    null);
              }
              return ImageInput.url(uri.toString());
            });
  }

  private static InvalidRequestException failure(
      ImageProvider provider, String message, Throwable cause) {
    return new InvalidRequestException(
        "request not sent: " + message, ErrorContext.of(provider.id(), Operation.VALIDATE), cause);
  }
}
