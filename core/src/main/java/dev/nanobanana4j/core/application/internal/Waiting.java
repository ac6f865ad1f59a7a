package dev.nanobanana4j.core.application.internal;

import dev.nanobanana4j.core.application.waiting.AwaitOptions;
import dev.nanobanana4j.core.domain.GenerationResult;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.error.JobFailedException;
import dev.nanobanana4j.core.error.NanoBananaException;
import dev.nanobanana4j.core.port.ImageProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The wait use case: hands a job to the {@link JobWatcher} with the caller's options, and turns a
 * submission and its wait into a {@link GenerationResult}.
 */
public final class Waiting {
  private final ConfiguredProviders providers;
  private final JobWatcher watcher;
  private final Clock clock;
  private final Duration defaultTimeout;

  public Waiting(
      ConfiguredProviders providers, JobWatcher watcher, Clock clock, Duration defaultTimeout) {
    this.providers = providers;
    this.watcher = watcher;
    this.clock = clock;
    this.defaultTimeout = defaultTimeout;
  }

  public CompletableFuture<JobStatus> await(JobHandle handle, AwaitOptions options) {
    Objects.requireNonNull(handle, "handle == null");
    Objects.requireNonNull(options, "options == null");
    ImageProvider provider;
    try {
      provider = providers.require(handle.providerId());
    } catch (NanoBananaException e) {
      return CompletableFuture.failedFuture(e);
    }
    // Not a dependent future: cancelling it must reach the watch.
    return watcher.watch(
        provider,
        handle,
        options.timeout().orElse(defaultTimeout),
        options.listener(),
        options.cancelAtDeadline());
  }

  /**
   * Waits for the job {@code submission} makes, and gives its images. Cancelling the returned
   * future stops the wait (a submission under way still completes, and the job is in the books).
   */
  public CompletableFuture<GenerationResult> generate(
      CompletableFuture<Priced> submission, AwaitOptions options) {
    Objects.requireNonNull(options, "options == null");
    CompletableFuture<GenerationResult> result = new CompletableFuture<>();
    submission.whenComplete(
        (priced, error) -> {
          if (error != null) {
            result.completeExceptionally(Waits.unwrap(error));
            return;
          }
          if (result.isDone()) {
            return;
          }
          CompletableFuture<JobStatus> wait = await(priced.handle(), options);
          result.whenComplete(
              (r, e) -> {
                if (result.isCancelled()) {
                  wait.cancel(false);
                }
              });
          wait.whenComplete(
              (status, failure) -> {
                if (failure != null) {
                  result.completeExceptionally(Waits.unwrap(failure));
                  return;
                }
                try {
                  result.complete(result(priced, status));
                } catch (RuntimeException e) {
                  result.completeExceptionally(e);
                }
              });
        });
    return result;
  }

  private GenerationResult result(Priced priced, JobStatus status) {
    JobHandle handle = priced.handle();
    if (status instanceof JobStatus.Succeeded succeeded) {
      return new GenerationResult(
          handle,
          succeeded.images(),
          priced.estimate(),
          Duration.between(handle.submittedAt(), clock.instant()));
    }
    throw new JobFailedException(handle, status);
  }
}
