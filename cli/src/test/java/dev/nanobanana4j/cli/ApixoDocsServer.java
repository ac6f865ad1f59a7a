package dev.nanobanana4j.cli;

import dev.nanobanana4j.testkit.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * A server that answers exactly as APIXO's Nano Banana 2 page shows, with its literal JSON and
 * nothing else: it knows one task, {@code task_12345678}, which is processing on the first poll and
 * then succeeds or fails as the test chose. It is deliberately not the simulator.
 */
final class ApixoDocsServer extends Dispatcher implements AutoCloseable {
  enum Outcome {
    SUCCESS,
    FAILED,
    HANG_ON_SUBMIT
  }

  final MockWebServer server = new MockWebServer();
  final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final String key;
  private final Outcome outcome;
  private final AtomicInteger polls = new AtomicInteger();

  ApixoDocsServer(String key, Outcome outcome) throws java.io.IOException {
    this.key = key;
    this.outcome = outcome;
    server.setDispatcher(this);
    server.start();
  }

  String baseUrl() {
    return server.url("/api/v1").toString();
  }

  long submissions() {
    return requests.stream().filter(r -> r.getMethod().equals("POST")).count();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    requests.add(request);
    if (!("Bearer " + key).equals(request.getHeaders().get("Authorization"))) {
      return json(401, Map.of("code", 401, "message", "Missing or invalid API key"));
    }
    String target = request.getTarget();
    if (request.getMethod().equals("POST") && target.equals("/api/v1/generateTask/nano-banana-2")) {
      if (outcome == Outcome.HANG_ON_SUBMIT) {
        return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
      }
      return json(200, Json.fixture("apixo/submit-response.json"));
    }
    if (request.getMethod().equals("GET")
        && target.equals("/api/v1/statusTask/nano-banana-2?taskId=task_12345678")) {
      if (polls.getAndIncrement() == 0) {
        return json(200, Json.fixture("apixo/status-processing.json"));
      }
      return json(
          200,
          Json.fixture(
              outcome == Outcome.FAILED
                  ? "apixo/status-failed.json"
                  : "apixo/status-success.json"));
    }
    return json(404, Map.of("code", 404, "message", "Not found"));
  }

  private static MockResponse json(int status, Object body) {
    return new MockResponse.Builder()
        .code(status)
        .addHeader("Content-Type", "application/json")
        .body(Json.write(body))
        .build();
  }

  @Override
  public void close() {
    server.close();
  }
}
