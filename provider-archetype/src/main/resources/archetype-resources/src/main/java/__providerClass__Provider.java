package ${package};

import ${package}.internal.client.${providerClass}Api;
import ${package}.internal.mapper.${providerClass}Mapper;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.ProviderInfo;
import dev.nanobanana4j.core.domain.ResolvedRequest;
import dev.nanobanana4j.core.port.ProviderConfig;
import dev.nanobanana4j.spi.HttpImageProvider;
import dev.nanobanana4j.spi.ProviderHttp;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * The ${providerId} adapter. spi's {@link ProviderHttp} gives it timeouts, no redirects, bounded answers,
 * authentication, redaction and the mapping of HTTP failures to typed errors; what is left here is
 * the vendor's two calls.
 */
final class ${providerClass}Provider extends HttpImageProvider {
  private final ${providerClass}Api api = http.create(${providerClass}Api.class);
  private final ${providerClass}Mapper mapper = new ${providerClass}Mapper();

  ${providerClass}Provider(ProviderInfo info, ProviderConfig config, Clock clock) {
    // Bearer authentication is spi's default; the vendor's error bodies are the mapper's to read.
    super(info, config, clock, http -> http.errorBodies(${providerClass}Mapper.ERRORS));
  }

  @Override
  public CompletableFuture<JobHandle> submit(ImageRequest request) {
    // The request with the model's defaults applied, by the policy every provider keeps: what is
    // sent here is what the request was priced at.
    ResolvedRequest resolved = resolve(request);
    return sendSubmission(resolved, api.submit(mapper.toSubmitRequest(resolved)), mapper::toHandle);
  }

  @Override
  public CompletableFuture<JobStatus> status(JobHandle handle) {
    // The answer must name this task: a vendor that answers about another is not believed.
    return sendPoll(
        handle,
        api.status(handle.taskId()),
        answer -> answer.id(),
        (answer, context) -> mapper.toStatus(answer));
  }
}
