package dev.nanobanana4j.cli;

import dev.nanobanana4j.core.domain.AspectRatio;
import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.OutputFormat;
import dev.nanobanana4j.core.domain.Resolution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** What to generate: the request options shared by {@code generate} and {@code quotes}. */
final class RequestOptions {
  @Option(
      names = "--prompt",
      required = true,
      paramLabel = "TEXT",
      description = "What to generate or how to edit.")
  String prompt;

  @Option(
      names = "--image",
      paramLabel = "URL_OR_FILE",
      description = "A reference image: an http(s) URL or a local file. Repeat for several.")
  List<String> images = new ArrayList<>();

  @Option(
      names = "--aspect-ratio",
      paramLabel = "RATIO",
      description = "auto, 1:1, 16:9, 9:16, 4:3, ...")
  String aspectRatio;

  @Option(names = "--resolution", paramLabel = "RES", description = "512, 1K, 2K or 4K.")
  String resolution;

  @Option(
      names = "--count",
      paramLabel = "N",
      defaultValue = "1",
      description = "How many images (default 1).")
  int count;

  @Option(names = "--format", paramLabel = "FORMAT", description = "png, jpeg or webp.")
  String format;

  @Option(
      names = "--model",
      paramLabel = "MODEL",
      description = "The vendor's model id (default: the provider's).")
  String model;

  @Option(
      names = "--lenient",
      description =
          "Let a provider drop the options it cannot honour (seed, negative prompt, aspect ratio,"
              + " resolution, format, extras) instead of refusing the request; each dropped option"
              + " is a warning on stderr.")
  boolean lenient;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "A random seed, where the provider takes one.")
  Long seed;

  @Option(
      names = "--negative-prompt",
      paramLabel = "TEXT",
      description = "What the image should not show, where the provider takes it.")
  String negativePrompt;

  @Option(
      names = "--extra",
      paramLabel = "NAME=VALUE",
      description =
          "A provider-specific parameter (see providers --json for each provider's extras)."
              + " true/false become booleans. Repeat for several.")
  java.util.Map<String, String> extras = new java.util.LinkedHashMap<>();

  /** The request the options describe. */
  ImageRequest request() {
    ImageRequest.Builder builder = ImageRequest.builder().prompt(prompt).count(count);
    // The files' sizes first: what one request cannot hold is refused before any is read.
    long total = 0;
    for (String image : images) {
      String lower = image.toLowerCase(Locale.ROOT);
      Path file = Path.of(image);
      if (!lower.startsWith("http://")
          && !lower.startsWith("https://")
          && Files.isRegularFile(file)) {
        try {
          total += Files.size(file);
        } catch (java.io.IOException e) {
          throw new IllegalArgumentException(
              "--image " + image + " cannot be read: " + e.getMessage());
        }
      }
    }
    if (total > ImageInput.MAX_TOTAL_BYTES) {
      throw new IllegalArgumentException(
          "the --image files hold "
              + total
              + " bytes in all; at most "
              + ImageInput.MAX_TOTAL_BYTES
              + " go in one request (nothing was read or sent)");
    }
    for (String image : images) {
      String lower = image.toLowerCase(Locale.ROOT);
      if (lower.startsWith("http://") || lower.startsWith("https://")) {
        builder.addReferenceImage(ImageInput.url(image));
      } else {
        Path file = Path.of(image);
        if (!Files.isRegularFile(file)) {
          throw new IllegalArgumentException(
              "--image " + image + " is neither an http(s) URL nor a readable file");
        }
        builder.addReferenceImage(ImageInput.file(file));
      }
    }
    if (aspectRatio != null) {
      builder.aspectRatio(AspectRatio.parse(aspectRatio));
    }
    if (resolution != null) {
      builder.resolution(Resolution.parse(resolution));
    }
    if (format != null) {
      builder.outputFormat(OutputFormat.parse(format));
    }
    extras.forEach(
        (name, value) ->
            builder.extra(
                name,
                value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")
                    ? (Object) Boolean.valueOf(value)
                    : value));
    return builder.model(model).seed(seed).negativePrompt(negativePrompt).lenient(lenient).build();
  }
}
