package dev.nanobanana4j.provider.gemini;

import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.ProviderInfo;
import dev.nanobanana4j.core.domain.ResolvedRequest;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.port.ProviderConfig;
import dev.nanobanana4j.provider.gemini.internal.client.GeminiApi;
import dev.nanobanana4j.provider.gemini.internal.mapper.GeminiMapper;
import dev.nanobanana4j.spi.AnsweredJobs;
import dev.nanobanana4j.spi.Authentication;
import dev.nanobanana4j.spi.HttpImageProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The Gemini adapter: Google's {@code generateContent}, which answers with the image itself. The
 * submission is the whole job: its answer is kept ({@link AnsweredJobs}) and the status of the
 * handle gives it back without a call, so the client's wait ends at its first poll. The key travels
 * in the {@code x-goog-api-key} header, never in the URL.
 */
final class GeminiProvider extends HttpImageProvider {
  /**
   * The time one call may take unless the application sets its own: the call lasts as long as the
   * generation (15 to 40 seconds, 4K longer, by third-party accounts).
   */
  static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(5);

  private final GeminiApi api;
  private final GeminiMapper mapper;
  private final AnsweredJobs answered;

  GeminiProvider(ProviderInfo info, ProviderConfig config, Clock clock) {
    super(
        info,
        config,
        clock,
        http ->
            http.authentication(Authentication.header("x-goog-api-key", config.apiKey()))
                .defaultRequestTimeout(DEFAULT_REQUEST_TIMEOUT)
                // The image comes back inline, base64 in the JSON.
                .inlineImagesPerAnswer(1)
                .errorBodies(GeminiMapper.ERRORS));
    this.mapper = new GeminiMapper(config.maxInlineImageBytes());
    this.answered = new AnsweredJobs(clock);
    this.api = http.create(GeminiApi.class);
  }

  /** Adds the check of a {@code model_id} extra to the capabilities' checks. */
  @Override
  public List<String> violations(ImageRequest request) {
    return violationsWith(request, GeminiMapper.modelIdViolations(request.extras()));
  }

  @Override
  public CompletableFuture<JobHandle> submit(ImageRequest request) {
    ResolvedRequest resolved = resolve(request);
    return sendSubmission(
        resolved,
        api.generateContent(GeminiMapper.googleModel(resolved), GeminiMapper.toBody(resolved)),
        (response, submission) -> {
          JobStatus status = mapper.toStatus(response, resolved);
          String taskId = GeminiMapper.taskId(response, UUID.randomUUID().toString());
          if (answered.contains(taskId)) {
            taskId = UUID.randomUUID().toString(); // an id Google repeated names no new answer
          }
          answered.put(taskId, status);
          return submission.handle(taskId);
        });
  }

  /** The answer kept from the job's submission; Google keeps nothing to ask about. */
  @Override
  public CompletableFuture<JobStatus> status(JobHandle handle) {
    return answered.status(handle, http.context(Operation.STATUS));
  }
}
