package dev.nanobanana4j.provider.modellix;

import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.ProviderInfo;
import dev.nanobanana4j.core.domain.ResolvedRequest;
import dev.nanobanana4j.core.port.ProviderConfig;
import dev.nanobanana4j.provider.modellix.internal.api.TaskEnvelope;
import dev.nanobanana4j.provider.modellix.internal.client.ModellixApi;
import dev.nanobanana4j.provider.modellix.internal.mapper.ModellixMapper;
import dev.nanobanana4j.spi.HttpImageProvider;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import retrofit2.Call;

/** The Modellix adapter: Nano Banana 2 and Pro through Modellix's async task API. */
final class ModellixProvider extends HttpImageProvider {
  private final ModellixApi api = http.create(ModellixApi.class);
  private final ModellixMapper mapper = new ModellixMapper();

  ModellixProvider(ProviderInfo info, ProviderConfig config, Clock clock) {
    super(info, config, clock, http -> http.errorBodies(ModellixMapper.ERRORS));
  }

  @Override
  public CompletableFuture<JobHandle> submit(ImageRequest request) {
    ResolvedRequest resolved = resolve(request);
    return sendSubmission(
        resolved,
        api.submit(
            ModellixMapper.endpoint(resolved.model(), request), mapper.toSubmitBody(resolved)),
        mapper::toHandle);
  }

  @Override
  public CompletableFuture<JobStatus> status(JobHandle handle) {
    return sendPoll(
        handle,
        poll(handle),
        response -> response.data() == null ? null : response.data().taskId(),
        mapper::toStatus);
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
