package dev.nanobanana4j.provider.modellix;

import dev.nanobanana4j.core.domain.AccountStatus;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.Money;
import dev.nanobanana4j.core.domain.ProviderInfo;
import dev.nanobanana4j.core.domain.ResolvedRequest;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.port.AccountPort;
import dev.nanobanana4j.core.port.ProviderConfig;
import dev.nanobanana4j.provider.modellix.internal.api.TaskEnvelope;
import dev.nanobanana4j.provider.modellix.internal.client.ModellixApi;
import dev.nanobanana4j.provider.modellix.internal.mapper.ModellixMapper;
import dev.nanobanana4j.spi.HttpImageProvider;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import retrofit2.Call;

/** The Modellix adapter: Nano Banana 2 and Pro through Modellix's async task API. */
final class ModellixProvider extends HttpImageProvider implements AccountPort {
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
   * Validates the key and reads the team's balance, both at once (Modellix's own CLI's {@code
   * apikey/validate} and {@code team/balance}); the balance is read as US dollars, the currency
   * Modellix bills in (inferred).
   */
  @Override
  public CompletableFuture<AccountStatus> account() {
    ErrorContext context = http.context(Operation.ACCOUNT);
    CompletableFuture<Boolean> valid =
        http.send(api.validateKey(), context, answer -> ModellixMapper.keyValid(answer, context));
    CompletableFuture<java.util.Optional<Money>> balance =
        http.send(api.balance(), context, answer -> ModellixMapper.balance(answer, context));
    return valid.thenCombine(
        balance,
        (isValid, money) ->
            new AccountStatus(
                info().id(), java.util.Optional.of(isValid), money, http.clock().instant()));
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
