package dev.nanobanana4j.provider.apixo;

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
import dev.nanobanana4j.provider.apixo.internal.client.ApixoApi;
import dev.nanobanana4j.provider.apixo.internal.mapper.ApixoMapper;
import dev.nanobanana4j.spi.Authentication;
import dev.nanobanana4j.spi.ProviderHttp;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/** The APIXO adapter: Nano Banana 2 through APIXO's task API. */
final class ApixoProvider implements ImageProvider {
  private final ProviderInfo info;
  private final ProviderHttp http;
  private final ApixoApi api;
  private final ApixoMapper mapper;

  ApixoProvider(ProviderInfo info, ProviderConfig config, Clock clock) {
    this.info = info;
    Moshi moshi = new Moshi.Builder().build();
    this.mapper = new ApixoMapper(moshi);
    this.http =
        ProviderHttp.builder(info.id(), info.defaultBaseUrl(), config)
            .authentication(Authentication.bearer(config.apiKey()))
            .moshi(moshi)
            .errorBodies(mapper::parseError)
            .clock(clock)
            .build();
    this.api = http.create(ApixoApi.class);
  }

  @Override
  public ProviderInfo info() {
    return info;
  }

  @Override
  public CompletableFuture<JobHandle> submit(ImageRequest request) {
    ModelInfo model = info.modelFor(request).orElseThrow();
    ErrorContext context = http.context(Operation.SUBMIT);
    return http.send(
        api.submit(model.id(), mapper.toSubmitRequest(request, model.capabilities())),
        context,
        response ->
            mapper.toHandle(response, info.id(), model.id(), http.clock().instant(), context));
  }

  @Override
  public CompletableFuture<JobStatus> status(JobHandle handle) {
    String model = handle.attributes().getOrDefault("model", info.defaultModel().id());
    ErrorContext context = http.context(Operation.STATUS).withTaskId(handle.taskId());
    return http.send(
        api.status(model, handle.taskId()),
        context,
        response -> mapper.toStatus(response, context));
  }

  @Override
  public void close() {
    http.close();
  }

  @Override
  public String toString() {
    return "ApixoProvider{" + http + "}";
  }
}
