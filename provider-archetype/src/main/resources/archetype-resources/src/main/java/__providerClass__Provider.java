package ${package};

import ${package}.internal.client.${providerClass}Api;
import ${package}.internal.mapper.${providerClass}Mapper;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.ResolvedRequest;
import dev.nanobanana4j.core.domain.ProviderInfo;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.Operation;
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
  private final ${providerClass}Api api;
  private final ${providerClass}Mapper mapper;

  ${providerClass}Provider(ProviderInfo info, ProviderConfig config, Clock clock) {
    this(info, config, clock, new ${providerClass}Mapper(ProviderHttp.defaultMoshi()));
  }

  private ${providerClass}Provider(ProviderInfo info, ProviderConfig config, Clock clock, ${providerClass}Mapper mapper) {
    // Bearer authentication is spi's default; the vendor's error bodies are the mapper's to read.
    super(info, config, clock, http -> http.errorBodies(mapper::parseError));
    this.mapper = mapper;
    this.api = http.create(${providerClass}Api.class);
  }

  @Override
  public CompletableFuture<JobHandle> submit(ImageRequest request) {
    // The request with the model's defaults applied, by the policy every provider keeps: what is
    // sent here is what the request was priced at.
    ResolvedRequest resolved = resolve(request);
    ErrorContext context = http.context(Operation.SUBMIT);
    return http.send(
        api.submit(mapper.toSubmitRequest(resolved)),
        context,
        response ->
            mapper.toHandle(response, info().id(), resolved.model(), http.clock().instant()));
  }

  @Override
  public CompletableFuture<JobStatus> status(JobHandle handle) {
    ErrorContext context = http.context(Operation.STATUS).withTaskId(handle.taskId());
    return http.send(
        api.status(handle.taskId()),
        context,
        response -> {
          requireAnswerFor(handle, response.id());
          return mapper.toStatus(response);
        });
  }
}
