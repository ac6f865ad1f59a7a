package dev.nanobanana4j.provider.mulerun;

import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.ProviderInfo;
import dev.nanobanana4j.core.domain.ResolvedRequest;
import dev.nanobanana4j.core.error.ProviderConfigurationException;
import dev.nanobanana4j.core.port.CallbackPort;
import dev.nanobanana4j.core.port.CallbackRequest;
import dev.nanobanana4j.core.port.ProviderConfig;
import dev.nanobanana4j.core.port.Secret;
import dev.nanobanana4j.provider.mulerun.internal.api.TaskResponse;
import dev.nanobanana4j.provider.mulerun.internal.api.WebhookEnvelope;
import dev.nanobanana4j.provider.mulerun.internal.api.WebhookEvent;
import dev.nanobanana4j.provider.mulerun.internal.client.MuleRunApi;
import dev.nanobanana4j.provider.mulerun.internal.mapper.MuleRunMapper;
import dev.nanobanana4j.spi.HttpImageProvider;
import dev.nanobanana4j.spi.JsonValues;
import dev.nanobanana4j.spi.MalformedBodyException;
import dev.nanobanana4j.spi.StandardWebhooks;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The MuleRun adapter: Nano Banana 2 and Pro through MuleRun's Google vendor API. Webhooks go to
 * the endpoint registered in the account's console and are signed with its {@code whsec_} secret
 * (set as {@link ProviderConfig#webhookSecret()}); MuleRouter documents them, and that MuleRun's
 * API sends the same is inferred. The signature scheme's header names were cut off in the docs; the
 * {@code whsec_} prefix points to Standard Webhooks, which is what is checked (inferred).
 */
final class MuleRunProvider extends HttpImageProvider implements CallbackPort {
  private final MuleRunApi api = http.create(MuleRunApi.class);
  private final MuleRunMapper mapper = new MuleRunMapper();
  private final StandardWebhooks.SigningKey webhookSecret;

  MuleRunProvider(ProviderInfo info, ProviderConfig config, Clock clock) {
    super(info, config, clock, http -> http.errorBodies(MuleRunMapper.ERRORS));
    this.webhookSecret =
        config.webhookSecret().map(secret -> signingKey(info, secret)).orElse(null);
  }

  /** Reads the signing secret now, so that a bad one fails here and not on every callback. */
  private static StandardWebhooks.SigningKey signingKey(ProviderInfo info, Secret secret) {
    try {
      return StandardWebhooks.key(secret);
    } catch (IllegalArgumentException e) {
      throw new ProviderConfigurationException(info.id(), e.getMessage());
    }
  }

  @Override
  public CompletableFuture<JobHandle> submit(ImageRequest request) {
    ResolvedRequest resolved = resolve(request);
    String kind = MuleRunMapper.kind(request);
    return sendSubmission(
        resolved,
        api.create(resolved.model(), kind, mapper.toCreateBody(resolved)),
        (response, submission) -> mapper.toHandle(response, kind, submission));
  }

  @Override
  public CompletableFuture<JobStatus> status(JobHandle handle) {
    String kind = handle.attributes().getOrDefault(MuleRunMapper.KIND, "generation");
    return sendPoll(
        handle,
        api.task(model(handle), kind, handle.taskId()),
        response -> response.taskInfo() == null ? null : response.taskInfo().id(),
        (response, context) -> {
          // The id is "id", or "task_id" on the older page (inferred: both are checked).
          requireAnswerFor(
              handle, response.taskInfo() == null ? null : response.taskInfo().taskId());
          return mapper.toStatus(response);
        });
  }

  @Override
  public Security callbackSecurity() {
    return Security.SIGNED;
  }

  @Override
  public boolean callsBack() {
    return webhookSecret != null;
  }

  @Override
  public SignatureCheck verifySignature(CallbackRequest request, Instant now) {
    if (webhookSecret == null) {
      return SignatureCheck.FORGED; // nothing to check against: trust nothing
    }
    return StandardWebhooks.verify(webhookSecret, request, now);
  }

  @Override
  public CallbackEvent readCallback(CallbackRequest request) {
    if (readEvent(request) instanceof CallbackEvent event) {
      return event;
    }
    throw new MalformedBodyException("the webhook is not about a task");
  }

  /**
   * Reads a verified webhook: {@code task.*} events ({@code task.created}, {@code task.succeeded},
   * {@code task.failed}) are about their task, in the GET task answer's shape; any other type
   * ({@code balance.low} carries no task) is about the account, acknowledged and not refused, as a
   * refusal makes MuleRun deliver it again.
   */
  @Override
  public Received readEvent(CallbackRequest request) {
    WebhookEnvelope envelope = readCallbackBody(WebhookEnvelope.class, request);
    if (envelope.type() != null && !envelope.type().startsWith("task.")) {
      return new AccountEvent(envelope.type(), Optional.ofNullable(envelope.id()));
    }
    WebhookEvent event = readCallbackBody(WebhookEvent.class, request);
    if (event.data() == null || event.data().payload() == null) {
      throw new MalformedBodyException("the webhook has no data.payload");
    }
    TaskResponse payload = event.data().payload();
    String taskId = MuleRunMapper.taskId(payload);
    if (taskId == null) {
      throw new MalformedBodyException("the webhook's payload has no task id");
    }
    return new CallbackEvent(
        taskId, mapper.toStatus(payload), Optional.ofNullable(JsonValues.text(event.id())));
  }
}
