package dev.nanobanana4j.provider.modellix;

import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.ProviderInfo;
import dev.nanobanana4j.core.domain.ResolvedRequest;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.port.ProviderConfig;
import dev.nanobanana4j.provider.modellix.internal.api.TaskEnvelope;
import dev.nanobanana4j.provider.modellix.internal.client.ModellixApi;
import dev.nanobanana4j.provider.modellix.internal.mapper.ModellixMapper;
import dev.nanobanana4j.spi.HttpImageProvider;
import dev.nanobanana4j.spi.ProviderHttp;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import retrofit2.Call;

/** The Modellix adapter: Nano Banana 2 and Pro through Modellix's async task API. */
final class ModellixProvider extends HttpImageProvider {
  private final ModellixApi api;
  private final ModellixMapper mapper;

  ModellixProvider(ProviderInfo info, ProviderConfig config, Clock clock) {
    this(info, config, clock, new ModellixMapper(ProviderHttp.defaultMoshi()));
  }

  private ModellixProvider(
      ProviderInfo info, ProviderConfig config, Clock clock, ModellixMapper mapper) {
    super(info, config, clock, http -> http.errorBodies(mapper::parseError));
    this.mapper = mapper;
    this.api = http.create(ModellixApi.class);
  }

  @Override
  public CompletableFuture<JobHandle> submit(ImageRequest request) {
    ResolvedRequest resolved = resolve(request);
    ErrorContext context = http.context(Operation.SUBMIT);
    return http.send(
        api.submit(
            ModellixMapper.endpoint(resolved.model(), request), mapper.toSubmitBody(resolved)),
        context,
        response ->
            mapper.toHandle(
                response, info().id(), resolved.model(), http.clock().instant(), context));
  }

  @Override
  public CompletableFuture<JobStatus> status(JobHandle handle) {
    ErrorContext context = http.context(Operation.STATUS).withTaskId(handle.taskId());
    return http.send(
        poll(handle),
        context,
        response -> {
          requireAnswerFor(handle, response.data() == null ? null : response.data().taskId());
          return mapper.toStatus(response, context);
        });
  }

  /**
   * Follows the vendor's {@code get_result.url} only when it is on the configured base URL's host,
   * so the key is never sent elsewhere; otherwise polls {@code tasks/{id}}.
   */
  private Call<TaskEnvelope> poll(JobHandle handle) {
    String url = handle.attributes().get(ModellixMapper.STATUS_URL);
    if (url != null && http.isSameOrigin(url)) {
      return api.taskAt(url);
    }
    return api.task(handle.taskId());
  }
}
