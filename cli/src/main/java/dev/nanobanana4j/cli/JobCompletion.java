package dev.nanobanana4j.cli;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.application.download.ImageDownloader;
import dev.nanobanana4j.core.application.waiting.AwaitOptions;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Waits for a job with progress on stderr, then saves its images when asked. */
final class JobCompletion {
  private JobCompletion() {}

  /** How long downloads may take when the command has no {@code --timeout}. */
  private static final Duration DEFAULT_DOWNLOAD_TIMEOUT = Duration.ofMinutes(2);

  /** The least time downloads are given, even when the wait used the rest of {@code --timeout}. */
  private static final Duration LEAST_DOWNLOAD_TIME = Duration.ofSeconds(1);

  /** What a job's completion needs beyond the job: where and how much to save. */
  record Saving(
      Path out, Duration timeout, int maxImages, URI providerBaseUrl, Progress.Mode progress) {}

  /**
   * Waits, fills {@code report}, and returns the exit code. {@code --timeout} bounds the wait and
   * the downloads together.
   */
  static int await(
      NanoBananaClient client, JobHandle handle, Saving saving, Report report, PrintWriter err) {
    long started = System.nanoTime();
    Duration timeout = saving.timeout();
    JobStatus status;
    try (Progress progress = Progress.start(saving.progress(), err, Clock.systemUTC(), handle)) {
      AwaitOptions options =
          (timeout == null ? AwaitOptions.defaults() : AwaitOptions.timeout(timeout))
              .withListener(progress);
      status = client.blocking().await(handle, options);
    }
    report.status(status);
    if (!(status instanceof JobStatus.Succeeded succeeded)) {
      return ExitCodes.JOB_FAILED;
    }
    if (saving.out() != null) {
      report.files(save(saving, started, succeeded.images(), handle, err));
    }
    return ExitCodes.OK;
  }

  /**
   * Generates a request that one call to {@code providerId} cannot make whole: the client splits it
   * into calls and waits for all of them. Fills {@code report} with every job and each call that
   * made no image, saves the images the others made, and returns the exit code: {@link
   * ExitCodes#JOB_FAILED} when some calls made none (their images are lost, the others' saved).
   */
  static int generateSplit(
      NanoBananaClient client,
      String providerId,
      dev.nanobanana4j.core.domain.ImageRequest request,
      Saving saving,
      Report report,
      PrintWriter err) {
    return generateSplit(
        options -> client.blocking().generate(providerId, request, options), saving, report, err);
  }

  /**
   * As above, by {@code route}: each call routed on its own (see {@link
   * NanoBananaClient#generate(dev.nanobanana4j.core.domain.ImageRequest,
   * dev.nanobanana4j.core.application.routing.Route, AwaitOptions)}).
   */
  static int generateSplit(
      NanoBananaClient client,
      dev.nanobanana4j.core.domain.ImageRequest request,
      dev.nanobanana4j.core.application.routing.Route route,
      Saving saving,
      Report report,
      PrintWriter err) {
    return generateSplit(
        options -> client.blocking().generate(request, route, options), saving, report, err);
  }

  private static int generateSplit(
      java.util.function.Function<AwaitOptions, dev.nanobanana4j.core.domain.GenerationResult>
          generate,
      Saving saving,
      Report report,
      PrintWriter err) {
    long started = System.nanoTime();
    Duration timeout = saving.timeout();
    AwaitOptions options =
        timeout == null ? AwaitOptions.defaults() : AwaitOptions.timeout(timeout);
    dev.nanobanana4j.core.domain.GenerationResult result = generate.apply(options);
    report.generation(result);
    for (JobHandle handle : result.handles()) {
      err.println("submitted " + handle.providerId() + " task " + handle.taskId());
    }
    for (dev.nanobanana4j.core.domain.GenerationResult.Failure failure : result.failures()) {
      err.println(
          "a call for "
              + failure.count()
              + (failure.count() == 1 ? " image" : " images")
              + " made none: "
              + Terminal.printable(String.valueOf(failure.error().getMessage())));
    }
    err.flush();
    if (saving.out() != null) {
      report.files(save(saving, started, result.images(), result.handle(), err));
    }
    return result.isPartial() ? ExitCodes.JOB_FAILED : ExitCodes.OK;
  }

  /** Saves {@code images} where {@code saving} says, in what is left of its timeout. */
  private static List<Path> save(
      Saving saving, long started, List<GeneratedImage> images, JobHandle handle, PrintWriter err) {
    ImageDownloader downloader =
        ImageDownloader.builder()
            .timeout(downloadTime(saving.timeout(), started))
            .maxImages(saving.maxImages())
            .trustingAddressesOf(saving.providerBaseUrl())
            .build();
    return save(downloader, images, handle, saving.out(), err);
  }

  /** What is left of {@code timeout} for downloads, at least {@link #LEAST_DOWNLOAD_TIME}. */
  private static Duration downloadTime(Duration timeout, long started) {
    Duration left =
        timeout == null
            ? DEFAULT_DOWNLOAD_TIMEOUT
            : timeout.minus(Duration.ofNanos(System.nanoTime() - started));
    return left.compareTo(LEAST_DOWNLOAD_TIME) < 0 ? LEAST_DOWNLOAD_TIME : left;
  }

  private static List<Path> save(
      ImageDownloader downloader,
      List<GeneratedImage> images,
      JobHandle handle,
      Path out,
      PrintWriter err) {
    String name = handle.providerId() + "-" + safe(handle.taskId());
    List<Path> files;
    try {
      files = downloader.saveAll(images, out, name);
    } catch (UncheckedIOException e) {
      throw new SaveFailedException(handle, e);
    }
    for (Path file : files) {
      err.println("saved " + file);
    }
    if (images.size() > files.size()) {
      err.println(
          "the vendor returned "
              + images.size()
              + " images; saved the "
              + files.size()
              + " asked for");
    }
    err.flush();
    return files;
  }

  private static String safe(String taskId) {
    return taskId.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
