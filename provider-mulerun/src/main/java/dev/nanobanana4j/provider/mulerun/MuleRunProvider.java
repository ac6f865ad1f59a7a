package dev.nanobanana4j.provider.mulerun;

import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.ModelInfo;
import dev.nanobanana4j.core.domain.ProviderInfo;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.port.ProviderConfig;
import dev.nanobanana4j.provider.mulerun.internal.client.MuleRunApi;
import dev.nanobanana4j.provider.mulerun.internal.mapper.MuleRunMapper;
import dev.nanobanana4j.spi.Authentication;
import dev.nanobanana4j.spi.HttpImageProvider;
import dev.nanobanana4j.spi.ProviderHttp;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/** The MuleRun adapter: Nano Banana 2 and Pro through MuleRun's Google vendor API. */
final class MuleRunProvider extends HttpImageProvider {
  private final MuleRunApi api;
  private final MuleRunMapper mapper;

  MuleRunProvider(ProviderInfo info, ProviderConfig config, Clock clock) {
    this(info, config, clock, new MuleRunMapper(ProviderHttp.defaultMoshi()));
  }

  private MuleRunProvider(
      ProviderInfo info, ProviderConfig config, Clock clock, MuleRunMapper mapper) {
    super(
        info,
        ProviderHttp.builder(info.id(), info.defaultBaseUrl(), config)
            .authentication(Authentication.bearer(config.apiKey()))
            .errorBodies(mapper::parseError)
            .clock(clock)
            .build());
    this.mapper = mapper;
    this.api = http.create(MuleRunApi.class);
  }

  @Override
  public CompletableFuture<JobHandle> submit(ImageRequest request) {
    ModelInfo model = model(request);
    String kind = MuleRunMapper.kind(request);
    ErrorContext context = http.context(Operation.SUBMIT);
    return http.send(
        api.create(model.id(), kind, mapper.toCreateBody(request)),
        context,
        response ->
            mapper.toHandle(response, info().id(), model.id(), kind, http.clock().instant()));
  }

  @Override
  public CompletableFuture<JobStatus> status(JobHandle handle) {
    String model = model(handle);
    String kind = handle.attributes().getOrDefault(MuleRunMapper.KIND, "generation");
    ErrorContext context = http.context(Operation.STATUS).withTaskId(handle.taskId());
    return http.send(api.task(model, kind, handle.taskId()), context, mapper::toStatus);
  }
}
