package dev.nanobanana4j.provider.apixo;

import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.ProviderInfo;
import dev.nanobanana4j.core.domain.ResolvedRequest;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.port.CallbackRequest;
import dev.nanobanana4j.core.port.ProviderConfig;
import dev.nanobanana4j.provider.apixo.internal.api.StatusResponse;
import dev.nanobanana4j.provider.apixo.internal.client.ApixoApi;
import dev.nanobanana4j.provider.apixo.internal.mapper.ApixoMapper;
import dev.nanobanana4j.spi.HttpImageProvider;
import dev.nanobanana4j.spi.JsonValues;
import dev.nanobanana4j.spi.MalformedBodyException;
import dev.nanobanana4j.spi.UnsignedCallbacks;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The APIXO adapter: Nano Banana 2 through APIXO's task API. With a callback URL, APIXO posts the
 * status envelope to it when the task ends; it signs nothing, so the client's URL token vouches.
 */
final class ApixoProvider extends HttpImageProvider implements UnsignedCallbacks {
  private final ApixoApi api = http.create(ApixoApi.class);
  private final ApixoMapper mapper = new ApixoMapper();

  ApixoProvider(ProviderInfo info, ProviderConfig config, Clock clock) {
    super(info, config, clock, http -> http.errorBodies(ApixoMapper.ERRORS));
  }

  @Override
  public CompletableFuture<JobHandle> submit(ImageRequest request) {
    ResolvedRequest resolved = resolve(request);
    return sendSubmission(
        resolved, api.submit(resolved.model(), mapper.toSubmitRequest(resolved)), mapper::toHandle);
  }

  @Override
  public CompletableFuture<JobStatus> status(JobHandle handle) {
    return sendPoll(
        handle,
        api.status(model(handle), handle.taskId()),
        response -> response.data() == null ? null : response.data().taskId(),
        mapper::toStatus);
  }

  @Override
  public CallbackEvent readCallback(CallbackRequest request) {
    StatusResponse body = readCallbackBody(StatusResponse.class, request);
    if (body.data() == null || JsonValues.isBlank(body.data().taskId())) {
      throw new MalformedBodyException("the callback has no data.taskId");
    }
    String taskId = body.data().taskId();
    ErrorContext context = http.context(Operation.STATUS).withTaskId(taskId);
    return new CallbackEvent(taskId, mapper.toStatus(body, context), Optional.empty());
  }
}
