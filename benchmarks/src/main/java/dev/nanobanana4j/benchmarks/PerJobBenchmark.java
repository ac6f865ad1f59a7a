package dev.nanobanana4j.benchmarks;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.application.waiting.PollingPolicy;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.testkit.Simulator;
import dev.nanobanana4j.testkit.TaskScript;
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

/**
 * The cost of one job, submission plus the poll that finds it done, through the library and through
 * a hand-written OkHttp + Moshi client making the same two calls to the same simulated APIXO
 * endpoint. Both share the simulator's cost (it runs in the same JVM), so the difference between
 * the two is the library's own.
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

  private Simulator simulator;
  private NanoBananaClient client;
  private ImageRequest request;
  private OkHttpClient http;
  private JsonAdapter<Map<String, Object>> json;
  private String baseUrl;
  private String authorization;

  /** Starts the simulator, whose tasks end as soon as they are created, and both clients. */
  @Setup(Level.Trial)
  public void start() {
    simulator =
        Simulator.builder().defaultScript(TaskScript.succeed(Duration.ZERO, Duration.ZERO)).start();
    client =
        NanoBananaClient.builder()
            .provider("apixo", simulator.config("apixo"))
            .pollingPolicy(PollingPolicy.fixed(Duration.ZERO, Duration.ofMillis(1)))
            .build();
    request = ImageRequest.builder().prompt("a lighthouse at dusk").build();
    http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    json =
        new Moshi.Builder()
            .build()
            .adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
    baseUrl = simulator.baseUrl("apixo").toString().replaceAll("/$", "");
    authorization = "Bearer " + simulator.apiKey("apixo");
  }

  /** Stops both clients and the simulator. */
  @TearDown(Level.Trial)
  public void stop() {
    client.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    simulator.close();
  }

  /** Forgets the calls the simulator recorded, so that memory stays flat over the run. */
  @TearDown(Level.Iteration)
  public void forget() {
    simulator.clearCalls();
  }

  /** One job through the library: validate, map, submit, poll, map the answer. */
  @Benchmark
  public JobStatus library() {
    JobHandle handle = client.submit("apixo", request).join();
    return client.await(handle).join();
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
}
