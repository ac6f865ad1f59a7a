package dev.nanobanana4j.provider.seaart;

import dev.nanobanana4j.core.domain.CancelResult;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.ProviderInfo;
import dev.nanobanana4j.core.domain.ResolvedRequest;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.InvalidRequestException;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.port.CancellationPort;
import dev.nanobanana4j.core.port.ProviderConfig;
import dev.nanobanana4j.provider.seaart.internal.api.QueueStatus;
import dev.nanobanana4j.provider.seaart.internal.client.SeaArtApi;
import dev.nanobanana4j.provider.seaart.internal.mapper.SeaArtMapper;
import dev.nanobanana4j.spi.HttpImageProvider;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The SeaArt adapter: Nano Banana 2 and Pro through SeaArt's queue API, with cancel. */
final class SeaArtProvider extends HttpImageProvider implements CancellationPort {
  private final SeaArtApi api = http.create(SeaArtApi.class);
  private final SeaArtMapper mapper = new SeaArtMapper();

  SeaArtProvider(ProviderInfo info, ProviderConfig config, Clock clock) {
    super(info, config, clock, http -> http.errorBodies(SeaArtMapper.ERRORS));
  }

  /** Adds the check of a {@code response_modalities} extra to the capabilities' checks. */
  @Override
  public java.util.List<String> violations(ImageRequest request) {
    return violationsWith(request, SeaArtMapper.responseModalitiesViolations(request.extras()));
  }

  @Override
  public CompletableFuture<JobHandle> submit(ImageRequest request) {
    ResolvedRequest resolved = resolve(request);
    return sendSubmission(
        resolved,
        api.create(SeaArtMapper.modelPath(resolved.model()), mapper.toCreateBody(resolved)),
        mapper::toHandle);
  }

  /** Polls the status; a task completed without error has its images read from /response. */
  @Override
  public CompletableFuture<JobStatus> status(JobHandle handle) {
    String model = modelPath(handle);
    ErrorContext context = http.context(Operation.STATUS).withTaskId(handle.taskId());
    return sendPoll(
            handle,
            api.status(model, handle.taskId()),
            QueueStatus::requestId,
            (response, ignored) -> mapper.toStatus(response))
        .thenCompose(
            (Optional<JobStatus> status) ->
                status.isPresent()
                    ? CompletableFuture.completedFuture(status.get())
                    : http.send(api.response(model, handle.taskId()), context, mapper::toResult));
  }

  @Override
  public CompletableFuture<CancelResult> cancel(JobHandle handle) {
    ErrorContext context = http.context(Operation.CANCEL).withTaskId(handle.taskId());
    return http.send(
            api.cancel(modelPath(handle), handle.taskId()), context, mapper::toCancelResult)
        .handle(
            (result, error) -> {
              Throwable cause = error instanceof CompletionException c ? c.getCause() : error;
              // SeaArt answers 400 ALREADY_COMPLETED for a task that has finished.
              if (cause instanceof InvalidRequestException e
                  && e.vendorCode().filter("ALREADY_COMPLETED"::equalsIgnoreCase).isPresent()) {
                return CancelResult.ALREADY_FINISHED;
              }
              if (error != null) {
                throw error instanceof CompletionException c ? c : new CompletionException(error);
              }
              return result;
            });
  }

  private String modelPath(JobHandle handle) {
    return SeaArtMapper.modelPath(model(handle));
  }
}
