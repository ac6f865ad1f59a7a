package dev.nanobanana4j.core.application.internal;

import dev.nanobanana4j.core.application.waiting.AwaitOptions;
import dev.nanobanana4j.core.application.waiting.Scheduler;
import dev.nanobanana4j.core.domain.GenerationResult;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.error.JobFailedException;
import dev.nanobanana4j.core.error.NanoBananaException;
import dev.nanobanana4j.core.port.ImageProvider;
import dev.nanobanana4j.core.port.ResultStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The wait use case: hands a job to the {@link JobWatcher} with the caller's options, and turns a
 * submission and its wait into a {@link GenerationResult}.
 */
public final class Waiting {
  private static final System.Logger LOG = System.getLogger(Waiting.class.getName());

  private final ConfiguredProviders providers;
  private final JobWatcher watcher;
  private final Clock clock;
  private final Duration defaultTimeout;

  private final ResultStore resultStore;
  private final Scheduler scheduler;
  private final StoredJobs stored;

  public Waiting(
      ConfiguredProviders providers,
      JobWatcher watcher,
      Clock clock,
      Duration defaultTimeout,
      ResultStore resultStore,
      Scheduler scheduler,
      StoredJobs stored) {
    this.stored = stored;
    this.scheduler = scheduler;
    this.providers = providers;
    this.watcher = watcher;
    this.clock = clock;
    this.defaultTimeout = defaultTimeout;
    this.resultStore = resultStore == null ? ResultStore.NONE : resultStore;
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
    Duration timeout = options.timeout().orElse(defaultTimeout);
    StoredJobs.LocalWait here =
        (job, left) ->
            watcher.watch(provider, job, left, options.listener(), options.cancelAtDeadline());
    CompletableFuture<JobStatus> watch =
        stored == null ? here.watch(handle, timeout) : stored.await(handle, timeout, here);
    ResultStore store = options.resultStore().orElse(resultStore);
    return store == ResultStore.NONE
        ? watch
        : kept(handle, watch, store, options.timeout().orElse(defaultTimeout));
  }

  /**
   * The wait's status, once a succeeded job's images are kept in {@code store}. A store that fails,
   * or has not finished within {@code bound}, leaves the images as the vendor gave them (logged):
   * the job succeeded and its images are in the status still. Cancelling the returned future
   * reaches the watch.
   */
  private CompletableFuture<JobStatus> kept(
      JobHandle handle, CompletableFuture<JobStatus> watch, ResultStore store, Duration bound) {
    CompletableFuture<JobStatus> result = new CompletableFuture<>();
    Waits.cancelling(result, List.of(watch));
    watch.whenComplete(
        (status, error) -> {
          if (error != null) {
            result.completeExceptionally(Waits.unwrap(error));
            return;
          }
          if (!(status instanceof JobStatus.Succeeded succeeded)) {
            result.complete(status);
            return;
          }
          scheduler.schedule(
              () -> {
                if (result.complete(status)) {
                  LOG.log(
                      System.Logger.Level.WARNING,
                      "the result store did not finish keeping the images of {0} task {1} within"
                          + " {2}; they are in the result as the vendor gave them",
                      handle.providerId(),
                      handle.taskId(),
                      bound);
                }
              },
              bound);
          Waits.call(() -> store.store(handle, succeeded.images()))
              .whenComplete(
                  (images, failure) -> {
                    if (failure != null || images == null || images.isEmpty()) {
                      if (result.complete(status)) {
                        LOG.log(
                            System.Logger.Level.WARNING,
                            "the result store did not keep the images of "
                                + handle.providerId()
                                + " task "
                                + handle.taskId()
                                + "; they are in the result as the vendor gave them",
                            failure == null ? null : Waits.unwrap(failure));
                      }
                    } else {
                      result.complete(succeeded.withImages(images));
                    }
                  });
        });
    return result;
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
          Waits.cancelling(result, List.of(wait));
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
          Duration.between(handle.submittedAt(), clock.instant()),
          List.of(handle),
          List.of(),
          succeeded.report().charged());
    }
    throw new JobFailedException(handle, status);
  }
}
