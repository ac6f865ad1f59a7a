package dev.nanobanana4j.benchmarks;

import com.squareup.moshi.Json;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.application.waiting.PollingPolicy;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.port.ImageProvider;
import dev.nanobanana4j.core.port.ProviderConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Query;

/**
 * The cost of one job to the client, submission plus the poll that finds it done, through the
 * library and through three hand-written clients making the same two calls to the same simulated
 * APIXO endpoint: raw OkHttp + Moshi blocking, the same asynchronous, and a Retrofit + Moshi
 * interface as a user would write it. The simulator runs in a process of its own, so that neither
 * its CPU nor its allocation is counted: what is measured is the client's alone.
 *
 * <pre>
 * java -cp "benchmarks/target/classes:$CP" org.openjdk.jmh.Main PerJobBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PerJobBenchmark {
  private static final MediaType JSON = MediaType.get("application/json");

  private RemoteSimulator simulator;
  private NanoBananaClient client;
  private ImageProvider provider;
  private VendorApi retrofit;
  private ImageRequest request;
  private OkHttpClient http;
  private JsonAdapter<Map<String, Object>> json;
  private String baseUrl;
  private String authorization;

  /** Starts the simulator, whose tasks end as soon as they are created, and the clients. */
  @Setup(Level.Trial)
  public void start() throws IOException {
    simulator = RemoteSimulator.start(0, "1g");
    ProviderConfig config = simulator.config("apixo");
    client =
        NanoBananaClient.builder()
            .provider("apixo", config)
            .pollingPolicy(PollingPolicy.fixed(Duration.ZERO, Duration.ofMillis(1)))
            .build();
    provider =
        dev.nanobanana4j.core.application.ProviderRegistry.load().factory("apixo").create(config);
    request = ImageRequest.builder().prompt("a lighthouse at dusk").build();
    http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    Moshi moshi = new Moshi.Builder().build();
    json = moshi.adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
    baseUrl = config.baseUrl().orElseThrow().toString().replaceAll("/$", "");
    authorization = "Bearer " + config.apiKey().reveal();
    retrofit =
        new Retrofit.Builder()
            .baseUrl(baseUrl + "/")
            .client(
                http.newBuilder()
                    .addInterceptor(
                        chain ->
                            chain.proceed(
                                chain
                                    .request()
                                    .newBuilder()
                                    .header("Authorization", authorization)
                                    .build()))
                    .build())
            .addConverterFactory(MoshiConverterFactory.create(moshi))
            .build()
            .create(VendorApi.class);
  }

  /** Stops the clients and the simulator. */
  @TearDown(Level.Trial)
  public void stop() {
    client.close();
    provider.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    simulator.close();
  }

  /** One job through the library: validate, map, submit, poll, map the answer. */
  @Benchmark
  public JobStatus library() {
    JobHandle handle = client.submit("apixo", request).join();
    return client.await(handle).join();
  }

  /**
   * The same job through the APIXO provider called directly, without the client: what the adapter
   * (spi and the provider module) costs, apart from the client's books, validation and waiting.
   */
  @Benchmark
  public JobStatus providerOnly() {
    JobHandle handle = provider.submit(request).join();
    return provider.status(handle).join();
  }

  /**
   * The same two calls written by hand without blocking a thread on either, as waiting for many
   * jobs requires: OkHttp's asynchronous calls chained through futures, as the library does.
   */
  @Benchmark
  public List<?> handWrittenAsync() {
    return enqueue(submitRequest())
        .thenApply(answer -> (String) ((Map<?, ?>) answer.get("data")).get("taskId"))
        .thenCompose(taskId -> enqueue(statusRequest(taskId)))
        .thenApply(this::resultUrls)
        .join();
  }

  private CompletableFuture<Map<String, Object>> enqueue(Request request) {
    CompletableFuture<Map<String, Object>> result = new CompletableFuture<>();
    http.newCall(request)
        .enqueue(
            new Callback() {
              @Override
              public void onFailure(Call call, IOException e) {
                result.completeExceptionally(e);
              }

              @Override
              public void onResponse(Call call, Response response) {
                try (response) {
                  result.complete(json.fromJson(response.body().source()));
                } catch (IOException | RuntimeException e) {
                  result.completeExceptionally(e);
                }
              }
            });
    return result;
  }

  private Request submitRequest() {
    Map<String, Object> body =
        Map.of(
            "request_type",
            "async",
            "input",
            Map.of(
                "mode",
                "text-to-image",
                "prompt",
                "a lighthouse at dusk",
                "aspect_ratio",
                "auto",
                "resolution",
                "1k",
                "output_format",
                "png"));
    return new Request.Builder()
        .url(baseUrl + "/generateTask/nano-banana-2")
        .header("Authorization", authorization)
        .post(RequestBody.create(json.toJson(body), JSON))
        .build();
  }

  private Request statusRequest(String taskId) {
    return new Request.Builder()
        .url(baseUrl + "/statusTask/nano-banana-2?taskId=" + taskId)
        .header("Authorization", authorization)
        .build();
  }

  private List<?> resultUrls(Map<String, Object> answer) {
    Map<?, ?> data = (Map<?, ?>) answer.get("data");
    if (!"success".equals(data.get("state"))) {
      throw new IllegalStateException("not done: " + data);
    }
    try {
      return (List<?>) json.fromJson((String) data.get("resultJson")).get("resultUrls");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The same two calls, written by hand against the vendor's documented JSON, blocking. */
  @Benchmark
  public List<?> handWritten() throws IOException {
    String taskId;
    try (Response response = http.newCall(submitRequest()).execute()) {
      Map<String, Object> answer = json.fromJson(response.body().source());
      taskId = (String) ((Map<?, ?>) answer.get("data")).get("taskId");
    }
    try (Response response = http.newCall(statusRequest(taskId)).execute()) {
      return resultUrls(json.fromJson(response.body().source()));
    }
  }

  /** The APIXO endpoints as a user would declare them for Retrofit. */
  public interface VendorApi {
    @POST("generateTask/{model}")
    CompletableFuture<SubmitAnswer> submit(@Path("model") String model, @Body SubmitBody body);

    @GET("statusTask/{model}")
    CompletableFuture<StatusAnswer> status(
        @Path("model") String model, @Query("taskId") String taskId);
  }

  public record SubmitBody(@Json(name = "request_type") String requestType, Input input) {}

  public record Input(
      String mode,
      String prompt,
      @Json(name = "aspect_ratio") String aspectRatio,
      String resolution,
      @Json(name = "output_format") String outputFormat) {}

  public record SubmitAnswer(int code, String message, Task data) {}

  public record StatusAnswer(int code, String message, Task data) {}

  public record Task(String taskId, String state, String resultJson) {}

  public record ResultJson(List<String> resultUrls) {}

  private static final SubmitBody SUBMIT =
      new SubmitBody(
          "async", new Input("text-to-image", "a lighthouse at dusk", "auto", "1k", "png"));

  /** The same two calls through a Retrofit interface, chained without blocking a thread. */
  @Benchmark
  public List<String> retrofit() {
    return retrofit
        .submit("nano-banana-2", SUBMIT)
        .thenCompose(answer -> retrofit.status("nano-banana-2", answer.data().taskId()))
        .thenApply(
            answer -> {
              if (!"success".equals(answer.data().state())) {
                throw new IllegalStateException("not done: " + answer.data());
              }
              try {
                return RESULT_JSON.fromJson(answer.data().resultJson()).resultUrls();
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            })
        .join();
  }

  private static final JsonAdapter<ResultJson> RESULT_JSON =
      new Moshi.Builder().build().adapter(ResultJson.class);
}
