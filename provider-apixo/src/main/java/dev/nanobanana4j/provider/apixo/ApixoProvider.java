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
import dev.nanobanana4j.spi.ProviderHttp;
import dev.nanobanana4j.spi.UnsignedCallbacks;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The APIXO adapter: Nano Banana 2 through APIXO's task API. With a callback URL, APIXO posts the
 * status envelope to it when the task ends; it signs nothing, so the client's URL token vouches.
 */
final class ApixoProvider extends HttpImageProvider implements UnsignedCallbacks {
  private final ApixoApi api;
  private final ApixoMapper mapper;

  ApixoProvider(ProviderInfo info, ProviderConfig config, Clock clock) {
    this(info, config, clock, new ApixoMapper(ProviderHttp.defaultMoshi()));
  }

  private ApixoProvider(ProviderInfo info, ProviderConfig config, Clock clock, ApixoMapper mapper) {
    super(info, config, clock, http -> http.errorBodies(mapper::parseError));
    this.mapper = mapper;
    this.api = http.create(ApixoApi.class);
  }

  @Override
  public CompletableFuture<JobHandle> submit(ImageRequest request) {
    ResolvedRequest resolved = resolve(request);
    ErrorContext context = http.context(Operation.SUBMIT);
    return http.send(
        api.submit(resolved.model(), mapper.toSubmitRequest(resolved)),
        context,
        response ->
            mapper.toHandle(
                response, info().id(), resolved.model(), http.clock().instant(), context));
  }

  @Override
  public CompletableFuture<JobStatus> status(JobHandle handle) {
    String model = model(handle);
    ErrorContext context = http.context(Operation.STATUS).withTaskId(handle.taskId());
    return http.send(
        api.status(model, handle.taskId()),
        context,
        response -> {
          requireAnswerFor(handle, response.data() == null ? null : response.data().taskId());
          return mapper.toStatus(response, context);
        });
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
