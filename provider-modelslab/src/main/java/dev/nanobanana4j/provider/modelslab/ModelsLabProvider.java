package dev.nanobanana4j.provider.modelslab;

import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.ProviderInfo;
import dev.nanobanana4j.core.domain.ResolvedRequest;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.port.CallbackRequest;
import dev.nanobanana4j.core.port.ProviderConfig;
import dev.nanobanana4j.core.port.Secret;
import dev.nanobanana4j.provider.modelslab.internal.api.FetchBody;
import dev.nanobanana4j.provider.modelslab.internal.api.GenerationResponse;
import dev.nanobanana4j.provider.modelslab.internal.client.ModelsLabApi;
import dev.nanobanana4j.provider.modelslab.internal.mapper.ModelsLabMapper;
import dev.nanobanana4j.spi.Authentication;
import dev.nanobanana4j.spi.HttpImageProvider;
import dev.nanobanana4j.spi.JsonValues;
import dev.nanobanana4j.spi.MalformedBodyException;
import dev.nanobanana4j.spi.UnsignedCallbacks;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The ModelsLab adapter: its enterprise Nano Banana server. The key travels in each JSON body,
 * never in a URL or header; logs and errors see it masked. With a callback URL, ModelsLab posts the
 * result to it ({@code webhook}); it signs nothing, so the client's URL token vouches.
 */
final class ModelsLabProvider extends HttpImageProvider implements UnsignedCallbacks {
  private final ModelsLabApi api;
  private final ModelsLabMapper mapper;
  private final Secret key;

  /** The most images ModelsLab makes in one call ({@code samples}). */
  private static final int MAX_SAMPLES = 4;

  ModelsLabProvider(ProviderInfo info, ProviderConfig config, Clock clock) {
    super(
        info,
        config,
        clock,
        http ->
            http.authentication(Authentication.none())
                // The key travels in the body's "key" field: logs mask that field whatever it
                // holds.
                .secretJsonFields("key")
                // base64 output carries up to four images (samples) in one answer.
                .inlineImagesPerAnswer(MAX_SAMPLES)
                .errorBodies(ModelsLabMapper.ERRORS));
    this.mapper = new ModelsLabMapper(config.maxInlineImageBytes());
    this.key = config.apiKey();
    this.api = http.create(ModelsLabApi.class);
  }

  /** Adds the width and height rule to the capabilities' checks. */
  @Override
  public List<String> violations(ImageRequest request) {
    List<String> more = new ArrayList<>();
    info()
        .modelFor(request)
        .ifPresent(model -> more.addAll(ModelsLabMapper.sizeViolations(model.resolve(request))));
    more.addAll(ModelsLabMapper.extraViolations(request));
    return violationsWith(request, more);
  }

  @Override
  public CompletableFuture<JobHandle> submit(ImageRequest request) {
    ResolvedRequest resolved = resolve(request);
    // The client's own key for this submission, sent as track_id so a webhook or the vendor's
    // dashboard can be matched to it.
    // The client's own key for this submission unless the request sets one (extra track_id).
    String trackId = ModelsLabMapper.trackId(request, UUID.randomUUID().toString());
    boolean base64 =
        "yes".equals(ModelsLabMapper.yesNo(request.extras().get(ModelsLabMapper.BASE64)));
    return sendSubmission(
        resolved,
        api.generate(ModelsLabMapper.endpoint(request), mapper.toBody(resolved, key, trackId)),
        (response, submission) -> mapper.toHandle(response, trackId, base64, submission));
  }

  @Override
  public CompletableFuture<JobStatus> status(JobHandle handle) {
    boolean base64 = "yes".equals(handle.attributes().get(ModelsLabMapper.BASE64));
    return sendPoll(
        handle,
        api.fetch(handle.taskId(), new FetchBody(key.reveal())),
        GenerationResponse::id,
        (response, context) -> mapper.toStatus(response, base64, context));
  }

  /**
   * Reads a webhook: the fetch answer's shape ({@code status}, {@code id}, {@code output}, {@code
   * message}, {@code track_id}). Output is read as URLs: the docs show no base64 webhook.
   */
  @Override
  public CallbackEvent readCallback(CallbackRequest request) {
    GenerationResponse body = readCallbackBody(GenerationResponse.class, request);
    String taskId = JsonValues.text(body.id());
    if (taskId == null) {
      throw new MalformedBodyException("the webhook has no id");
    }
    ErrorContext context = http.context(Operation.STATUS).withTaskId(taskId);
    return new CallbackEvent(taskId, mapper.toStatus(body, false, context), Optional.empty());
  }
}
