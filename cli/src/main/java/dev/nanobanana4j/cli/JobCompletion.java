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
      Duration left =
          timeout == null
              ? DEFAULT_DOWNLOAD_TIMEOUT
              : timeout.minus(Duration.ofNanos(System.nanoTime() - started));
      if (left.compareTo(LEAST_DOWNLOAD_TIME) < 0) {
        left = LEAST_DOWNLOAD_TIME;
      }
      ImageDownloader downloader =
          ImageDownloader.builder()
              .timeout(left)
              .maxImages(saving.maxImages())
              .trustingAddressesOf(saving.providerBaseUrl())
              .build();
      report.files(save(downloader, succeeded.images(), handle, saving.out(), err));
    }
    return ExitCodes.OK;
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
