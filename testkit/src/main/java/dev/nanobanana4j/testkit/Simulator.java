package dev.nanobanana4j.testkit;

import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.port.ProviderConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;

/**
 * An embedded HTTP server on loopback that speaks each vendor's documented protocol, for tests,
 * demos ({@code nanobanana generate --sandbox}) and provider authors. Each vendor lives under
 * {@code /<id>} followed by its documented base path; generated images are real PNG or JPEG files
 * served under {@code /files/}.
 *
 * <pre>{@code
 * try (Simulator simulator = Simulator.builder().start()) {
 *   ProviderConfig config = ProviderConfig.builder()
 *       .apiKey(simulator.apiKey("apixo"))
 *       .baseUrl(simulator.baseUrl("apixo"))
 *       .build();
 *   simulator.inject(Fault.RATE_LIMITED, Operation.STATUS, 1);
 *   ...
 * }
 * }</pre>
 */
public final class Simulator implements AutoCloseable {
  private final MockWebServer server = new MockWebServer();

  /** Another origin on loopback, where the hostile redirects point; it counts what reaches it. */
  private final MockWebServer elsewhere = new MockWebServer();

  private final java.util.concurrent.atomic.AtomicInteger elsewhereCalls =
      new java.util.concurrent.atomic.AtomicInteger();
  private final Map<String, VendorSimulation> vendors;
  private final Clock clock;
  private final TaskScript defaultScript;
  // Appending is constant-time: the log grows by one call per request, never copied.
  private final java.util.Queue<SimulatedCall> calls =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final boolean recordCalls;
  private final Duration latency;
  private final List<PendingFault> faults = new ArrayList<>();
  private final Map<String, FileSpec> files = new ConcurrentHashMap<>();
  private final double randomFaultRate;
  private final java.util.Random randomFaultSource;
  private final List<Fault> randomFaults;

  /** An image the simulator serves. */
  record FileSpec(String format, int width, int height, String seed) {}

  private record PendingFault(
      Fault fault, Optional<String> vendor, Optional<Operation> operation, int[] left) {}

  private final Map<String, WebhookEndpoint> webhookEndpoints;
  private final java.util.Set<String> calledBack =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final List<Delivered> deliveries = new java.util.concurrent.CopyOnWriteArrayList<>();

  private Simulator(Builder b) {
    this.webhookEndpoints = Map.copyOf(b.webhookEndpoints);
    this.clock = b.clock;
    this.defaultScript = b.defaultScript;
    this.randomFaultRate = b.randomFaultRate;
    this.recordCalls = b.recordCalls;
    this.latency = b.latency;
    this.randomFaultSource = new java.util.Random(b.randomFaultSeed);
    this.randomFaults = List.copyOf(b.randomFaults);
    this.vendors = new LinkedHashMap<>();
    for (VendorSimulation vendor : b.vendors) {
      vendor.attach(this);
      vendors.put(vendor.id(), vendor);
    }
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return Simulator.this.dispatch(request);
          }
        });
    server.setServerSocketFactory(new NoDelayServerSockets());
    elsewhere.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            elsewhereCalls.incrementAndGet();
            return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body("{\"code\":200,\"data\":{\"taskId\":\"stolen\"}}")
                .build();
          }
        });
  }

  /**
   * How many requests reached the other origin that the {@code REDIRECT_*} faults point to; a
   * client that never follows a redirect leaves it at zero.
   */
  public int elsewhereCalls() {
    return elsewhereCalls.get();
  }

  /**
   * Server sockets whose connections send small writes at once. The server writes an answer's head
   * and body separately; with Nagle's algorithm the body waited for the client's delayed
   * acknowledgement of the head, some 40 ms on loopback, on every call of a kept-alive connection.
   */
  private static final class NoDelayServerSockets extends javax.net.ServerSocketFactory {
    @Override
    public java.net.ServerSocket createServerSocket() throws java.io.IOException {
      return new java.net.ServerSocket() {
        @Override
        public java.net.Socket accept() throws java.io.IOException {
          java.net.Socket socket = new java.net.Socket();
          implAccept(socket);
          socket.setTcpNoDelay(true);
          return socket;
        }
      };
    }

    @Override
    public java.net.ServerSocket createServerSocket(int port) throws java.io.IOException {
      throw new UnsupportedOperationException("the simulator binds its socket itself");
    }

    @Override
    public java.net.ServerSocket createServerSocket(int port, int backlog)
        throws java.io.IOException {
      throw new UnsupportedOperationException("the simulator binds its socket itself");
    }

    @Override
    public java.net.ServerSocket createServerSocket(
        int port, int backlog, java.net.InetAddress address) throws java.io.IOException {
      throw new UnsupportedOperationException("the simulator binds its socket itself");
    }
  }

  /** A builder with every built-in vendor, the system clock and quick tasks. */
  public static Builder builder() {
    return new Builder();
  }

  /** The root URL of the server, such as {@code http://127.0.0.1:40123/}. */
  public URI rootUrl() {
    return server.url("/").uri();
  }

  /** The base URL of vendor {@code id}, to use in place of the vendor's documented one. */
  public URI baseUrl(String id) {
    return server.url("/" + vendor(id).id() + vendor(id).basePath()).uri();
  }

  /** Whether this simulator speaks vendor {@code id}'s protocol. */
  public boolean simulates(String id) {
    return vendors.containsKey(id);
  }

  /** The API key the simulated vendor {@code id} accepts. */
  public String apiKey(String id) {
    return vendor(id).apiKey();
  }

  /**
   * A configuration of provider {@code id} that talks to this simulator: its base URL and the key
   * the simulated vendor accepts. Add timeouts with {@link ProviderConfig#newBuilder()}.
   */
  public ProviderConfig config(String id) {
    return ProviderConfig.builder().apiKey(apiKey(id)).baseUrl(baseUrl(id)).build();
  }

  /** The simulation of vendor {@code id}, to script its tasks. */
  public VendorSimulation vendor(String id) {
    VendorSimulation vendor = vendors.get(id);
    if (vendor == null) {
      throw new IllegalArgumentException(
          "the simulator has no vendor '" + id + "'; it has " + vendors.keySet());
    }
    return vendor;
  }

  /** The ids of the simulated vendors. */
  public List<String> vendorIds() {
    return List.copyOf(vendors.keySet());
  }

  /**
   * Injects {@code fault} into the next {@code times} calls of {@code operation} (any operation
   * when {@code null}), at any vendor.
   */
  public void inject(Fault fault, Operation operation, int times) {
    inject(fault, null, operation, times);
  }

  /**
   * Injects {@code fault} into the next {@code times} calls of {@code operation} at {@code vendor}.
   */
  public void inject(Fault fault, String vendor, Operation operation, int times) {
    Objects.requireNonNull(fault, "fault == null");
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1");
    }
    synchronized (faults) {
      faults.add(
          new PendingFault(
              fault,
              Optional.ofNullable(vendor),
              Optional.ofNullable(operation),
              new int[] {times}));
    }
  }

  /**
   * A webhook endpoint registered with a vendor that calls a fixed URL (as in MuleRun's console),
   * and the secret it signs with.
   */
  public record WebhookEndpoint(URI url, String secret) {}

  /** The endpoint registered for {@code vendor}. */
  Optional<WebhookEndpoint> webhookEndpoint(String vendor) {
    return Optional.ofNullable(webhookEndpoints.get(vendor));
  }

  /**
   * Sends the callbacks of every task that has ended by the simulator's clock and whose vendor
   * calls back, once per task, and returns them with the receiver's HTTP status. Call it after
   * moving a {@link MutableClock}, or whenever a test wants the callbacks that are due.
   */
  public List<Delivered> deliverCallbacks() {
    List<Delivered> sent = new ArrayList<>();
    for (CallbackDelivery callback : callbacksDue()) {
      int status;
      try {
        status = callback.send();
      } catch (IOException e) {
        status = 0; // the receiver could not be reached; the vendors document no retry
      }
      Delivered delivered = new Delivered(callback, status);
      deliveries.add(delivered);
      sent.add(delivered);
    }
    return sent;
  }

  /**
   * The callbacks now due (tasks ended by the simulator's clock, whose vendor calls back), each
   * once, without sending them: for tests that send, change or withhold them.
   */
  public List<CallbackDelivery> callbacksDue() {
    List<CallbackDelivery> due = new ArrayList<>();
    Instant now = clock.instant();
    for (VendorSimulation vendor : vendors.values()) {
      for (SimulatedTask task : vendor.tasks().values()) {
        if (task.stateAt(now).isTerminal() && calledBack.add(vendor.id() + "/" + task.id())) {
          vendor.callback(task).ifPresent(due::add);
        }
      }
    }
    return due;
  }

  /** A callback sent, and the receiver's HTTP status (0 when it could not be reached). */
  public record Delivered(CallbackDelivery callback, int status) {}

  /** Every callback sent so far, in order. */
  public List<Delivered> deliveries() {
    return List.copyOf(deliveries);
  }

  /** Every request received, in order. */
  public List<SimulatedCall> calls() {
    return List.copyOf(calls);
  }

  /** The requests received by {@code vendor} for {@code operation}. */
  public List<SimulatedCall> calls(String vendor, Operation operation) {
    return calls.stream()
        .filter(c -> c.vendor().equals(vendor) && c.operation().equals(Optional.of(operation)))
        .toList();
  }

  /** Drops the faults injected and not yet used. */
  public void clearFaults() {
    synchronized (faults) {
      faults.clear();
    }
  }

  private void record(SimulatedCall call) {
    if (recordCalls) {
      calls.add(call);
    }
  }

  /** Forgets the calls received so far. */
  public void clearCalls() {
    calls.clear();
  }

  /** The clock that moves simulated tasks. */
  public Clock clock() {
    return clock;
  }

  TaskScript defaultScript() {
    return defaultScript;
  }

  String registerFile(String path, FileSpec spec) {
    files.put(path, spec);
    return server.url("/files/" + path).toString();
  }

  /** Stops the server, closing open connections. */
  @Override
  public void close() {
    server.close();
    elsewhere.close();
  }

  private MockResponse dispatch(RecordedRequest request) {
    String target = request.getTarget();
    String method = request.getMethod();
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : request.getHeaders().names()) {
      headers.put(name.toLowerCase(Locale.ROOT), request.getHeaders().values(name));
    }
    if (target.startsWith("/files/")) {
      return serveFile(target.substring("/files/".length()), headers, method);
    }
    String[] segments = target.split("/", 3);
    VendorSimulation vendor =
        segments.length > 1 ? vendors.get(segments[1].replaceAll("\\?.*", "")) : null;
    if (vendor == null || !target.startsWith("/" + vendor.id() + vendor.basePath())) {
      return plain(404, "no simulated vendor at " + target);
    }
    String path = target.substring(("/" + vendor.id() + vendor.basePath()).length());
    Optional<Operation> operation = vendor.classify(method, path);
    record(new SimulatedCall(vendor.id(), operation, method, target, Map.copyOf(headers), body));
    Fault fault = takeFault(vendor.id(), operation);
    if (fault == null) {
      return toMockResponse(vendor.handle(method, path, headers, body));
    }
    Reply acted = fault.actsOnCall() ? vendor.handle(method, path, headers, body) : null;
    return switch (fault) {
      case RATE_LIMITED ->
          toMockResponse(vendor.error(429, "Rate limit exceeded").withHeader("Retry-After", "1"));
      case INSUFFICIENT_BALANCE -> toMockResponse(vendor.error(402, "Insufficient balance"));
      case FORBIDDEN -> toMockResponse(vendor.error(403, "Key cannot access this model"));
      case SERVER_ERROR -> toMockResponse(vendor.error(500, "Internal server error"));
      case BAD_GATEWAY -> toMockResponse(vendor.error(502, "Upstream service error"));
      case SERVICE_UNAVAILABLE ->
          toMockResponse(vendor.error(503, "Service unavailable").withHeader("Retry-After", "1"));
      case GATEWAY_TIMEOUT -> toMockResponse(vendor.error(504, "Upstream timeout"));
      case MALFORMED_BODY ->
          toMockResponse(
              new Reply(200, Map.of("Content-Type", "application/json"), "<<this is not json>>"));
      case TRUNCATED_BODY ->
          toMockResponse(
              new Reply(
                  acted.status(),
                  acted.headers(),
                  acted.body().substring(0, acted.body().length() / 2)));
      case HTML_ERROR_PAGE ->
          toMockResponse(
              new Reply(
                  502,
                  Map.of("Content-Type", "text/html"),
                  "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"));
      case DROP_BEFORE_REQUEST, DROP_AFTER_REQUEST ->
          new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
      case STALL -> new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
      case REDIRECT_301,
          REDIRECT_302,
          REDIRECT_303,
          REDIRECT_307,
          REDIRECT_308,
          HUGE_BODY,
          ENDLESS_BODY ->
          hostile(fault, target, "application/json");
      case TRICKLING_BODY ->
          new MockResponse.Builder()
              .code(200)
              .addHeader("Content-Type", "application/json")
              .body(acted.body() + " ".repeat(10_000))
              .throttleBody(1, 100, java.util.concurrent.TimeUnit.MILLISECONDS)
              .build();
      case DEEP_JSON ->
          toMockResponse(
              new Reply(
                  200,
                  Map.of("Content-Type", "application/json"),
                  "[".repeat(100_000) + "]".repeat(100_000)));
      case LYING_CONTENT_TYPE ->
          toMockResponse(
              new Reply(
                  200,
                  Map.of("Content-Type", "application/json"),
                  "<html><body><h1>Welcome</h1><p>Sign in to continue</p></body></html>"));
      case FOREIGN_TASK -> {
        // The task asked about is the one whose id the request names; the answer names another.
        String asked =
            vendor.tasks().keySet().stream().filter(target::contains).findFirst().orElse("");
        yield toMockResponse(
            asked.isEmpty()
                ? acted
                : new Reply(
                    acted.status(), acted.headers(), acted.body().replace(asked, asked + "9")));
      }
    };
  }

  private Fault takeFault(String vendor, Optional<Operation> operation) {
    synchronized (faults) {
      for (Iterator<PendingFault> it = faults.iterator(); it.hasNext(); ) {
        PendingFault pending = it.next();
        boolean vendorMatches = pending.vendor().map(vendor::equals).orElse(true);
        boolean operationMatches =
            pending.operation().isEmpty() || pending.operation().equals(operation);
        if (vendorMatches && operationMatches) {
          if (--pending.left()[0] == 0) {
            it.remove();
          }
          return pending.fault();
        }
      }
    }
    if (randomFaultRate > 0 && operation.isPresent() && operation.get() != Operation.DOWNLOAD) {
      synchronized (randomFaultSource) {
        if (randomFaultSource.nextDouble() < randomFaultRate) {
          return randomFaults.get(randomFaultSource.nextInt(randomFaults.size()));
        }
      }
    }
    return null;
  }

  private MockResponse serveFile(String path, Map<String, List<String>> headers, String method) {
    String vendor = path.contains("/") ? path.substring(0, path.indexOf('/')) : "";
    record(
        new SimulatedCall(
            vendor,
            Optional.of(Operation.DOWNLOAD),
            method,
            "/files/" + path,
            Map.copyOf(headers),
            ""));
    FileSpec spec = files.get(path);
    if (spec == null) {
      return plain(404, "no such file");
    }
    byte[] image = SampleImages.render(spec.format(), spec.width(), spec.height(), spec.seed());
    String type = spec.format().equals("png") ? "image/png" : "image/jpeg";
    Fault fault = takeFault(vendor, Optional.of(Operation.DOWNLOAD));
    if (fault != null) {
      return hostileFile(fault, "/files/" + path, image, type);
    }
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", type)
        .body(new Buffer().write(image))
        .build();
  }

  /**
   * An image download answered as the hostile vendor would; the faults that make no sense for a
   * file (rate limits and the like) answer as a plain 503.
   */
  private MockResponse hostileFile(Fault fault, String target, byte[] image, String type) {
    return switch (fault) {
      case REDIRECT_301,
          REDIRECT_302,
          REDIRECT_303,
          REDIRECT_307,
          REDIRECT_308,
          HUGE_BODY,
          ENDLESS_BODY ->
          hostile(fault, target, type);
      case TRICKLING_BODY ->
          new MockResponse.Builder()
              .code(200)
              .addHeader("Content-Type", type)
              .body(new Buffer().write(image))
              .throttleBody(1, 100, java.util.concurrent.TimeUnit.MILLISECONDS)
              .build();
      case LYING_CONTENT_TYPE ->
          new MockResponse.Builder()
              .code(200)
              .addHeader("Content-Type", type)
              .body("<html><body>Sign in to see this image</body></html>")
              .build();
      case STALL -> new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
      default -> plain(503, "unavailable");
    };
  }

  /**
   * The answers every kind of call gets alike from the hostile vendor: a redirect to the other
   * origin, or a body of 200 MB or without end, labelled {@code contentType}.
   */
  private MockResponse hostile(Fault fault, String target, String contentType) {
    return switch (fault) {
      case HUGE_BODY ->
          new MockResponse.Builder()
              .code(200)
              .addHeader("Content-Type", contentType)
              .body(HostileBodies.generated(200L * 1024 * 1024))
              .build();
      case ENDLESS_BODY ->
          new MockResponse.Builder()
              .code(200)
              .addHeader("Content-Type", contentType)
              .addHeader("Transfer-Encoding", "chunked")
              .body(HostileBodies.generated(-1))
              .removeHeader("Content-Length") // the builder writes the body's -1 there
              .build();
      default ->
          new MockResponse.Builder()
              .code(Integer.parseInt(fault.name().substring("REDIRECT_".length())))
              .addHeader("Location", elsewhere.url(target).toString())
              .build();
    };
  }

  private static MockResponse plain(int status, String text) {
    return new MockResponse.Builder()
        .code(status)
        .addHeader("Content-Type", "text/plain")
        .body(text)
        .build();
  }

  private MockResponse toMockResponse(Reply reply) {
    MockResponse.Builder builder = new MockResponse.Builder().code(reply.status());
    if (!latency.isZero()) {
      builder.headersDelay(latency.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
    reply.headers().forEach(builder::addHeader);
    return builder.body(reply.body()).build();
  }

  /** Builds and starts a {@link Simulator}. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private TaskScript defaultScript =
        TaskScript.succeed(Duration.ofSeconds(1), Duration.ofSeconds(2));
    private final List<VendorSimulation> vendors = new ArrayList<>();
    private final Map<String, String> keys = new LinkedHashMap<>();
    private double randomFaultRate;
    private long randomFaultSeed;
    private final List<Fault> randomFaults = new ArrayList<>();
    private final Map<String, WebhookEndpoint> webhookEndpoints = new LinkedHashMap<>();
    private boolean recordCalls = true;
    private Duration latency = Duration.ZERO;
    private int port;

    private Builder() {}

    /** The loopback port to serve on; by default (0) a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("a port is 0 to 65535, not " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Registers a webhook endpoint with a vendor that calls a fixed URL for every task (MuleRun),
     * signing with {@code secret} (a {@code whsec_} secret).
     */
    public Builder webhook(String vendor, URI url, String secret) {
      webhookEndpoints.put(
          Objects.requireNonNull(vendor, "vendor == null"),
          new WebhookEndpoint(
              Objects.requireNonNull(url, "url == null"),
              Objects.requireNonNull(secret, "secret == null")));
      return this;
    }

    /**
     * Answers a share {@code rate} (0 to 1) of the vendor calls with one of {@code faults}, chosen
     * by a random source seeded with {@code seed}, besides any faults injected one by one.
     */
    public Builder randomFaults(double rate, long seed, List<Fault> faults) {
      if (rate < 0 || rate > 1) {
        throw new IllegalArgumentException("rate must be between 0 and 1, was " + rate);
      }
      if (rate > 0 && faults.isEmpty()) {
        throw new IllegalArgumentException("faults is empty");
      }
      this.randomFaultRate = rate;
      this.randomFaultSeed = seed;
      this.randomFaults.clear();
      this.randomFaults.addAll(faults);
      return this;
    }

    /**
     * Whether every request is kept for {@link Simulator#calls()} (the default). A load harness
     * that sends millions of requests turns it off, so that the log does not grow without bound.
     */
    public Builder recordCalls(boolean recordCalls) {
      this.recordCalls = recordCalls;
      return this;
    }

    /**
     * How long every answer takes, as a vendor's network and servers do (default none): for load
     * harnesses that measure what waiting on the wire costs.
     */
    public Builder latency(Duration latency) {
      if (latency.isNegative()) {
        throw new IllegalArgumentException("latency must not be negative");
      }
      this.latency = latency;
      return this;
    }

    /** The clock that moves tasks; a {@link MutableClock} makes tests exact. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** How tasks go unless scripted one by one; by default 1 s queued, 2 s running, success. */
    public Builder defaultScript(TaskScript script) {
      this.defaultScript = Objects.requireNonNull(script, "script == null");
      return this;
    }

    /** The key the built-in vendor {@code id} accepts, instead of its sandbox key. */
    public Builder apiKey(String id, String key) {
      keys.put(
          Objects.requireNonNull(id, "id == null"), Objects.requireNonNull(key, "key == null"));
      return this;
    }

    /**
     * Adds a vendor simulation of the caller's, such as a third-party provider's; it replaces a
     * built-in simulation of the same id.
     */
    public Builder vendor(VendorSimulation vendor) {
      vendors.add(Objects.requireNonNull(vendor, "vendor == null"));
      return this;
    }

    /**
     * Starts the server on a free loopback port.
     *
     * @throws UncheckedIOException when no port can be bound
     */
    public Simulator start() {
      List<VendorSimulation> all = new ArrayList<>();
      all.add(new ApixoSimulation(keys.getOrDefault("apixo", "sk-sandbox-apixo")));
      all.add(new ModellixSimulation(keys.getOrDefault("modellix", "sk-sandbox-modellix")));
      all.add(new ModelsLabSimulation(keys.getOrDefault("modelslab", "sk-sandbox-modelslab")));
      all.add(new MuleRunSimulation(keys.getOrDefault("mulerun", "sk-sandbox-mulerun")));
      all.add(new SeaArtSimulation(keys.getOrDefault("seaart", "sk-sandbox-seaart")));
      all.add(new GeminiSimulation(keys.getOrDefault("gemini", "sk-sandbox-gemini")));
      // Simulations other jars ship, found as providers are: a SimulationFactory service.
      for (SimulationFactory factory : SimulationFactory.installed()) {
        all.removeIf(known -> known.id().equals(factory.id()));
        all.add(factory.create(keys.getOrDefault(factory.id(), "sk-sandbox-" + factory.id())));
      }
      // A vendor of the caller's replaces a built-in one of the same id.
      all.removeIf(builtIn -> vendors.stream().anyMatch(v -> v.id().equals(builtIn.id())));
      all.addAll(vendors);
      this.vendors.clear();
      this.vendors.addAll(all);
      Simulator simulator = new Simulator(this);
      try {
        simulator.server.start(InetAddress.getLoopbackAddress(), port);
        simulator.elsewhere.start(InetAddress.getLoopbackAddress(), 0);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the simulator", e);
      }
      return simulator;
    }
  }
}
