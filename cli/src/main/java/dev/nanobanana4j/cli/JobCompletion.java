package dev.nanobanana4j.cli;

import dev.nanobanana4j.core.application.AwaitOptions;
import dev.nanobanana4j.core.application.ImageDownloader;
import dev.nanobanana4j.core.application.JobListener;
import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobState;
import dev.nanobanana4j.core.domain.JobStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/** Waits for a job with progress on stderr, then saves its images when asked. */
final class JobCompletion {
  private JobCompletion() {}

  /** Waits, fills {@code report}, and returns the exit code. */
  static int await(
      NanoBananaClient client,
      JobHandle handle,
      Duration timeout,
      Path out,
      Report report,
      PrintWriter err) {
    AwaitOptions options =
        (timeout == null ? AwaitOptions.defaults() : AwaitOptions.timeout(timeout))
            .withListener(progress(err));
    JobStatus status = client.blocking().await(handle, options);
    report.status(status);
    if (!(status instanceof JobStatus.Succeeded succeeded)) {
      return ExitCodes.JOB_FAILED;
    }
    if (out != null) {
      report.files(save(succeeded.images(), handle, out, err));
    }
    return ExitCodes.OK;
  }

  static List<Path> save(List<GeneratedImage> images, JobHandle handle, Path out, PrintWriter err) {
    ImageDownloader downloader = ImageDownloader.create();
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      String name = handle.providerId() + "-" + safe(handle.taskId()) + "-" + (i + 1);
      Path file = downloader.save(images.get(i), out, name);
      err.println("saved " + file);
      err.flush();
      files.add(file);
    }
    return files;
  }

  private static String safe(String taskId) {
    return taskId.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** Prints each change of state, with the time since submission. */
  static JobListener progress(PrintWriter err) {
    AtomicReference<JobState> last = new AtomicReference<>();
    return (handle, status, elapsed) -> {
      JobState state = status.state();
      if (last.getAndSet(state) != state) {
        String position =
            status instanceof JobStatus.Queued q && q.position().isPresent()
                ? " (position " + q.position().getAsInt() + ")"
                : "";
        err.printf(
            Locale.ROOT,
            "[%6.1fs] %s %s: %s%s%n",
            elapsed.toMillis() / 1000.0,
            handle.providerId(),
            handle.taskId(),
            state.label(),
            position);
        err.flush();
      }
    };
  }
}
