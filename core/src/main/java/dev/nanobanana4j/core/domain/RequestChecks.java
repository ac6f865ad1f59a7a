package dev.nanobanana4j.core.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** The checks of a request against a model's {@link ProviderCapabilities}, in a user's words. */
final class RequestChecks {
  private RequestChecks() {}

  /** See {@link ProviderCapabilities#violations}. */
  static List<String> violations(ProviderCapabilities c, String providerId, ImageRequest request) {
    List<String> out = new ArrayList<>();
    int length = request.prompt().length();
    if (length < c.minPromptLength() || length > c.maxPromptLength()) {
      out.add(
          "prompt has "
              + length
              + " characters; "
              + providerId
              + " accepts "
              + c.minPromptLength()
              + " to "
              + c.maxPromptLength());
    }
    if (!c.modes().contains(request.mode())) {
      out.add(
          providerId
              + " does not support "
              + (request.mode() == Mode.EDIT
                  ? "editing (requests with reference images)"
                  : "text-to-image (requests without reference images)"));
    }
    int refs = request.referenceImages().size();
    if (refs > c.maxReferenceImages() && c.modes().contains(Mode.EDIT)) {
      out.add(
          refs + " reference images; " + providerId + " accepts at most " + c.maxReferenceImages());
    }
    for (int i = 0; i < refs; i++) {
      ImageInput input = request.referenceImages().get(i);
      if (input instanceof ImageInput.Inline inline
          && c.referenceImageKinds().contains(ImageInput.Kind.INLINE)
          && inline.size() > c.maxInlineImageBytes()) {
        out.add(
            "reference image "
                + (i + 1)
                + " is "
                + inline.size()
                + " bytes; "
                + providerId
                + " accepts inline images of at most "
                + c.maxInlineImageBytes()
                + " bytes");
      }
      if (input instanceof ImageInput.Inline inline
          && c.referenceImageKinds().contains(ImageInput.Kind.INLINE)
          && !c.inlineImageTypes().isEmpty()
          && !c.inlineImageTypes().contains(inline.mediaType())) {
        out.add(
            "reference image "
                + (i + 1)
                + " is "
                + inline.mediaType()
                + "; "
                + providerId
                + " takes inline images of "
                + String.join(", ", new java.util.TreeSet<>(c.inlineImageTypes())));
      }
      if (!c.referenceImageKinds().contains(input.kind())) {
        out.add(
            "reference image "
                + (i + 1)
                + (input.kind() == ImageInput.Kind.INLINE
                    ? " is an inline file; "
                        + providerId
                        + " accepts only http(s) URLs (an ImageUploader on the client uploads"
                        + " local files)"
                    : " is a URL; " + providerId + " accepts only inline images"));
      }
    }
    unsupported(out, "aspect ratio", request.aspectRatio(), c.aspectRatios(), providerId);
    unsupported(out, "resolution", request.resolution(), c.resolutions(), providerId);
    unsupported(out, "output format", request.outputFormat(), c.outputFormats(), providerId);
    if (request.count() > c.maxCount()) {
      out.add(
          "count is "
              + request.count()
              + "; "
              + providerId
              + " generates at most "
              + c.maxCount()
              + (c.maxCount() == 1 ? " image" : " images")
              + " per request");
    }
    if (request.seed().isPresent() && !c.supportsSeed()) {
      out.add(providerId + " does not accept a seed");
    }
    if (request.negativePrompt().isPresent() && !c.supportsNegativePrompt()) {
      out.add(providerId + " does not accept a negative prompt");
    }
    if (request.callbackUrl().isPresent() && !c.supportsWebhooks()) {
      out.add(providerId + " does not take a callback URL with a request");
    }
    if (!request.extras().isEmpty()) {
      for (String name : request.extras().keySet()) {
        if (!c.extras().contains(name)) {
          out.add(
              "extra '"
                  + name
                  + "' is not known to "
                  + providerId
                  + (c.extras().isEmpty()
                      ? ", which takes none"
                      : "; known: " + String.join(", ", c.extras())));
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * {@code request} without the options {@code c} cannot honour, each named in a warning; see
   * {@link ImageRequest#isLenient()}.
   */
  static RelaxedRequest relax(ProviderCapabilities c, String providerId, ImageRequest request) {
    List<RequestWarning> warnings = new ArrayList<>();
    ImageRequest.Builder relaxed = request.newBuilder();
    if (request.seed().isPresent() && !c.supportsSeed()) {
      relaxed.seed(null);
      warnings.add(
          new RequestWarning(
              providerId,
              "seed",
              providerId
                  + " does not accept a seed; seed "
                  + request.seed().getAsLong()
                  + " was not sent"));
    }
    if (request.negativePrompt().isPresent() && !c.supportsNegativePrompt()) {
      relaxed.negativePrompt(null);
      warnings.add(
          new RequestWarning(
              providerId,
              "negativePrompt",
              providerId + " does not accept a negative prompt; it was not sent"));
    }
    if (dropped(
        warnings,
        providerId,
        "aspectRatio",
        "aspect ratio",
        request.aspectRatio(),
        c.aspectRatios(),
        c.defaultAspectRatio())) {
      relaxed.aspectRatio(null);
    }
    if (dropped(
        warnings,
        providerId,
        "resolution",
        "resolution",
        request.resolution(),
        c.resolutions(),
        c.defaultResolution())) {
      relaxed.resolution(null);
    }
    if (dropped(
        warnings,
        providerId,
        "outputFormat",
        "output format",
        request.outputFormat(),
        c.outputFormats(),
        c.defaultOutputFormat())) {
      relaxed.outputFormat(null);
    }
    if (request.callbackUrl().isPresent() && !c.supportsWebhooks()) {
      relaxed.callbackUrl(null);
      warnings.add(
          new RequestWarning(
              providerId,
              "callbackUrl",
              providerId + " does not take a callback URL; the job is polled instead"));
    }
    List<String> unknown =
        request.extras().keySet().stream().filter(name -> !c.extras().contains(name)).toList();
    if (!unknown.isEmpty()) {
      relaxed.clearExtras();
      request
          .extras()
          .forEach(
              (name, value) -> {
                if (c.extras().contains(name)) {
                  relaxed.extra(name, value);
                }
              });
      for (String name : unknown) {
        warnings.add(
            new RequestWarning(
                providerId,
                "extra:" + name,
                "extra '" + name + "' is not known to " + providerId + "; it was not sent"));
      }
    }
    return warnings.isEmpty()
        ? RelaxedRequest.unchanged(request)
        : new RelaxedRequest(relaxed.build(), warnings);
  }

  /** Whether {@code asked} is not {@code accepted}, and so dropped with a warning. */
  private static <T> boolean dropped(
      List<RequestWarning> warnings,
      String providerId,
      String option,
      String what,
      java.util.Optional<T> asked,
      Collection<T> accepted,
      T fallback) {
    if (!lacks(accepted, asked)) {
      return false;
    }
    warnings.add(
        new RequestWarning(
            providerId,
            option,
            what
                + " "
                + asked.get()
                + " is not supported by "
                + providerId
                + "; its default "
                + fallback
                + " is used"));
    return true;
  }

  private static <T> void unsupported(
      List<String> out,
      String what,
      java.util.Optional<T> asked,
      Collection<T> accepted,
      String providerId) {
    if (lacks(accepted, asked)) {
      out.add(
          what
              + " "
              + asked.get()
              + " is not supported by "
              + providerId
              + "; use one of "
              + join(accepted));
    }
  }

  /** Whether a request asks for a value that the provider does not offer. */
  private static <T> boolean lacks(Collection<T> accepted, java.util.Optional<T> asked) {
    return asked.isPresent() && !accepted.contains(asked.get());
  }

  private static String join(Collection<?> values) {
    return values.stream().map(Object::toString).collect(Collectors.joining(", "));
  }
}
