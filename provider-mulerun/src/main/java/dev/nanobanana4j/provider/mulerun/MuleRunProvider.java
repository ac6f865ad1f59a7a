package dev.nanobanana4j.provider.mulerun;

import com.squareup.moshi.Moshi;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.ModelInfo;
import dev.nanobanana4j.core.domain.ProviderInfo;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.port.ImageProvider;
import dev.nanobanana4j.core.port.ProviderConfig;
import dev.nanobanana4j.provider.mulerun.internal.client.MuleRunApi;
import dev.nanobanana4j.provider.mulerun.internal.mapper.MuleRunMapper;
import dev.nanobanana4j.spi.Authentication;
import dev.nanobanana4j.spi.ProviderHttp;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/** The MuleRun adapter: Nano Banana 2 and Pro through MuleRun's Google vendor API. */
final class MuleRunProvider implements ImageProvider {
  private final ProviderInfo info;
  private final ProviderHttp http;
  private final MuleRunApi api;
  private final MuleRunMapper mapper;

  MuleRunProvider(ProviderInfo info, ProviderConfig config, Clock clock) {
    this.info = info;
    Moshi moshi = new Moshi.Builder().build();
    this.mapper = new MuleRunMapper(moshi);
    this.http =
        ProviderHttp.builder(info.id(), info.defaultBaseUrl(), config)
            .authentication(Authentication.bearer(config.apiKey()))
            .moshi(moshi)
            .errorBodies(mapper::parseError)
            .clock(clock)
            .build();
    this.api = http.create(MuleRunApi.class);
  }

  @Override
  public ProviderInfo info() {
    return info;
  }

  @Override
  public CompletableFuture<JobHandle> submit(ImageRequest request) {
    ModelInfo model = info.modelFor(request).orElseThrow();
    String kind = MuleRunMapper.kind(request);
    ErrorContext context = http.context(Operation.SUBMIT);
    return http.send(
        api.create(model.id(), kind, mapper.toCreateBody(request)),
        context,
        response -> mapper.toHandle(response, info.id(), model.id(), kind, http.clock().instant()));
  }

  @Override
  public CompletableFuture<JobStatus> status(JobHandle handle) {
    String model = handle.attributes().getOrDefault("model", info.defaultModel().id());
    String kind = handle.attributes().getOrDefault(MuleRunMapper.KIND, "generation");
    ErrorContext context = http.context(Operation.STATUS).withTaskId(handle.taskId());
    return http.send(api.task(model, kind, handle.taskId()), context, mapper::toStatus);
  }

  @Override
  public void close() {
    http.close();
  }

  @Override
  public String toString() {
    return "MuleRunProvider{" + http + "}";
  }
}
