package dev.nanobanana4j.provider.apixo;

import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.ModelInfo;
import dev.nanobanana4j.core.domain.ProviderInfo;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.port.ProviderConfig;
import dev.nanobanana4j.provider.apixo.internal.client.ApixoApi;
import dev.nanobanana4j.provider.apixo.internal.mapper.ApixoMapper;
import dev.nanobanana4j.spi.Authentication;
import dev.nanobanana4j.spi.HttpImageProvider;
import dev.nanobanana4j.spi.ProviderHttp;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/** The APIXO adapter: Nano Banana 2 through APIXO's task API. */
final class ApixoProvider extends HttpImageProvider {
  private final ApixoApi api;
  private final ApixoMapper mapper;

  ApixoProvider(ProviderInfo info, ProviderConfig config, Clock clock) {
    this(info, config, clock, new ApixoMapper(ProviderHttp.defaultMoshi()));
  }

  private ApixoProvider(ProviderInfo info, ProviderConfig config, Clock clock, ApixoMapper mapper) {
    super(
        info,
        ProviderHttp.builder(info.id(), info.defaultBaseUrl(), config)
            .authentication(Authentication.bearer(config.apiKey()))
            .errorBodies(mapper::parseError)
            .clock(clock)
            .build());
    this.mapper = mapper;
    this.api = http.create(ApixoApi.class);
  }

  @Override
  public CompletableFuture<JobHandle> submit(ImageRequest request) {
    ModelInfo model = model(request);
    ErrorContext context = http.context(Operation.SUBMIT);
    return http.send(
        api.submit(model.id(), mapper.toSubmitRequest(request, model.capabilities())),
        context,
        response ->
            mapper.toHandle(response, info().id(), model.id(), http.clock().instant(), context));
  }

  @Override
  public CompletableFuture<JobStatus> status(JobHandle handle) {
    String model = model(handle);
    ErrorContext context = http.context(Operation.STATUS).withTaskId(handle.taskId());
    return http.send(
        api.status(model, handle.taskId()),
        context,
        response -> mapper.toStatus(response, context));
  }
}
