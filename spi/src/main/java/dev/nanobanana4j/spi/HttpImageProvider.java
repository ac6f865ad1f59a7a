package dev.nanobanana4j.spi;

import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.ModelInfo;
import dev.nanobanana4j.core.domain.ProviderInfo;
import dev.nanobanana4j.core.domain.ResolvedRequest;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.port.CallbackRequest;
import dev.nanobanana4j.core.port.ImageProvider;
import dev.nanobanana4j.core.port.ProviderConfig;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import retrofit2.Call;

/**
 * The part every HTTP provider shares: its description, its {@link ProviderHttp} stack, the model a
 * request or handle runs on, and closing. Adapters extend it and implement submit and status.
 */
public abstract class HttpImageProvider implements ImageProvider {
  /** The handle attribute that names the model a job runs on ({@link JobHandle#MODEL}). */
  public static final String MODEL = JobHandle.MODEL;

  private final ProviderInfo info;

  /** The provider's HTTP stack. */
  protected final ProviderHttp http;

  /** A provider described by {@code info} that calls its vendor through {@code http}. */
  protected HttpImageProvider(ProviderInfo info, ProviderHttp http) {
    this.info = Objects.requireNonNull(info, "info == null");
    this.http = Objects.requireNonNull(http, "http == null");
  }

  /**
   * A provider described by {@code info}, calling its vendor through spi's HTTP stack for {@code
   * config} (bearer authentication unless {@code setup} says otherwise) with what {@code setup}
   * adds: the error body parser, another authentication, secret JSON fields and the like.
   */
  protected HttpImageProvider(
      ProviderInfo info, ProviderConfig config, Clock clock, Consumer<ProviderHttp.Builder> setup) {
    this(info, http(info, config, clock, setup));
  }

  private static ProviderHttp http(
      ProviderInfo info, ProviderConfig config, Clock clock, Consumer<ProviderHttp.Builder> setup) {
    ProviderHttp.Builder builder =
        ProviderHttp.builder(info.id(), info.defaultBaseUrl(), config).clock(clock);
    setup.accept(builder);
    return builder.build();
  }

  @Override
  public final ProviderInfo info() {
    return info;
  }

  /**
   * The model {@code request} runs on; the client has already checked that the provider sells it.
   */
  protected final ModelInfo model(ImageRequest request) {
    return info.modelFor(request)
        .orElseThrow(
            () -> new IllegalArgumentException(info.id() + " does not sell " + request.model()));
  }

  /**
   * {@code request} resolved on the model it runs on: the values to send, by the one policy every
   * provider keeps ({@link ResolvedRequest}), and the ones it was priced at.
   */
  protected final ResolvedRequest resolve(ImageRequest request) {
    return model(request).resolve(request);
  }

  /**
   * What the capabilities find wrong with {@code request}, then {@code more}: for a provider that
   * adds rules its capabilities cannot express ({@link
   * dev.nanobanana4j.core.port.ImageProvider#violations}).
   */
  protected final java.util.List<String> violationsWith(
      ImageRequest request, java.util.List<String> more) {
    java.util.List<String> all = new java.util.ArrayList<>(info.violations(request));
    all.addAll(more);
    return java.util.List.copyOf(all);
  }

  /** The model id a job runs on: the handle's {@value #MODEL} attribute, else the default. */
  protected final String model(JobHandle handle) {
    return handle.attributes().getOrDefault(MODEL, info.defaultModel().id());
  }

  /**
   * Sends a submission: {@code call} once, with a submit error context, and {@code toHandle} makes
   * the job's handle from the vendor's 2xx answer and the {@link Submission} it belongs to.
   */
  protected final <T> CompletableFuture<JobHandle> sendSubmission(
      ResolvedRequest resolved, Call<T> call, BiFunction<T, Submission, JobHandle> toHandle) {
    ErrorContext context = http.context(Operation.SUBMIT);
    return http.send(
        call,
        context,
        answer ->
            toHandle.apply(
                answer,
                new Submission(info.id(), resolved.model(), http.clock().instant(), context)));
  }

  /**
   * Sends a poll of {@code handle}'s task: {@code call} once, with a status error context that
   * names the task. The answer must be about that task ({@link #requireAnswerFor}: {@code
   * answeredTaskId} reads the id it names, or null where the vendor does not repeat it); {@code
   * toStatus} then reads it.
   */
  protected final <T, R> CompletableFuture<R> sendPoll(
      JobHandle handle,
      Call<T> call,
      Function<T, Object> answeredTaskId,
      BiFunction<T, ErrorContext, R> toStatus) {
    ErrorContext context = http.context(Operation.STATUS).withTaskId(handle.taskId());
    return http.send(
        call,
        context,
        answer -> {
          requireAnswerFor(handle, answeredTaskId.apply(answer));
          return toStatus.apply(answer, context);
        });
  }

  /**
   * Checks that a status answer is about the task that was asked about. A vendor (or anything
   * between) that answers with another task's status, result images included, must not settle this
   * job with them. An answer that names no task is taken as it is: not every vendor repeats the id.
   *
   * @param answered the task id the answer names, as the vendor wrote it (text or number), or
   *     {@code null}
   * @throws MalformedBodyException when it names another task
   */
  protected static void requireAnswerFor(JobHandle handle, Object answered) {
    String id = JsonValues.text(answered);
    if (id != null && !id.equals(handle.taskId())) {
      throw new MalformedBodyException(
          "the answer is about another task than " + handle.taskId() + "; it is not taken");
    }
  }

  /**
   * Reads a callback's body as {@code type} with the provider's Moshi.
   *
   * @throws MalformedBodyException when it is not that JSON
   */
  protected final <T> T readCallbackBody(Class<T> type, CallbackRequest request) {
    try {
      T value =
          http.moshi()
              .adapter(type)
              .fromJson(new String(request.body(), java.nio.charset.StandardCharsets.UTF_8));
      if (value == null) {
        throw new MalformedBodyException("the callback body is null");
      }
      return value;
    } catch (java.io.IOException | com.squareup.moshi.JsonDataException e) {
      throw new MalformedBodyException("the callback body is not the vendor's JSON", e);
    }
  }

  @Override
  public int maxConcurrentRequests() {
    return http.maxConcurrentRequests();
  }

  @Override
  public void close() {
    http.close();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{" + http + "}";
  }
}
