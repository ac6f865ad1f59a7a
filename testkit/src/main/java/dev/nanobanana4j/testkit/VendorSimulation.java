package dev.nanobanana4j.testkit;

import dev.nanobanana4j.core.error.Operation;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One vendor's documented protocol, spoken by the {@link Simulator}. A subclass is written from the
 * vendor's docs, not from an adapter: it checks credentials and bodies as the vendor documents them
 * and answers with the vendor's literal JSON shapes.
 */
public abstract class VendorSimulation {
  private final String id;
  private final String apiKey;
  private final Map<String, SimulatedTask> tasks = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<TaskScript> scripts = new ConcurrentLinkedQueue<>();
  private final AtomicLong sequence = new AtomicLong(12_345_678);
  private volatile Simulator simulator;

  /**
   * A simulation of vendor {@code id} that accepts {@code apiKey}.
   *
   * @param id the provider id, also the first path segment under the simulator's root
   */
  protected VendorSimulation(String id, String apiKey) {
    this.id = Objects.requireNonNull(id, "id == null");
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey == null");
  }

  /** The vendor id, such as {@code apixo}. */
  public final String id() {
    return id;
  }

  /** The key this simulated vendor accepts. */
  public final String apiKey() {
    return apiKey;
  }

  /**
   * The vendor's documented base path, appended to {@code /<id>} on the simulator; for example
   * {@code /api/v1} for APIXO's {@code https://api.apixo.ai/api/v1}.
   */
  public abstract String basePath();

  /** What {@code method} on {@code path} (relative to the base path, with query) is. */
  protected abstract Optional<Operation> classify(String method, String path);

  /** Answers one request, relative to the base path. */
  protected abstract Reply handle(
      String method, String path, Map<String, List<String>> headers, String body);

  /** The vendor's documented error answer for an HTTP status. */
  protected abstract Reply error(int httpStatus, String message);

  /** Makes the next task accepted go as {@code script}; scripts queue up in order. */
  public final void scriptNextTask(TaskScript script) {
    scripts.add(Objects.requireNonNull(script, "script == null"));
  }

  /** The tasks accepted so far, by id. */
  public final Map<String, SimulatedTask> tasks() {
    return Map.copyOf(tasks);
  }

  /** The task with the given id, if the vendor accepted one. */
  public final Optional<SimulatedTask> task(String taskId) {
    return Optional.ofNullable(tasks.get(taskId));
  }

  /** The simulator's clock. */
  protected final Clock clock() {
    return simulator().clock();
  }

  /**
   * Accepts a new task: takes the next script (or the default), registers its images to be served
   * and returns it.
   *
   * @param idPrefix prepended to the vendor's numeric id, such as {@code task_}
   * @param format {@code png} or {@code jpeg}
   * @param count the number of images it will produce
   * @param seed what colours the images
   */
  protected final SimulatedTask accept(
      String idPrefix,
      Object request,
      String format,
      int count,
      int width,
      int height,
      String seed) {
    String taskId = idPrefix + sequence.getAndIncrement();
    TaskScript script = Optional.ofNullable(scripts.poll()).orElse(simulator().defaultScript());
    List<String> urls = new ArrayList<>();
    String extension = format.equals("png") ? "png" : "jpg";
    int images = script.images() > 0 ? script.images() : count;
    for (int i = 0; i < images; i++) {
      urls.add(
          simulator()
              .registerFile(
                  id + "/" + taskId + "/" + i + "." + extension,
                  new Simulator.FileSpec(format, width, height, seed + "#" + i)));
    }
    SimulatedTask task = new SimulatedTask(taskId, clock().instant(), script, urls, request);
    tasks.put(taskId, task);
    return task;
  }

  /**
   * The pixel size of a small image (256 pixels on the long edge) of {@code aspectRatio}, such as
   * {@code 16:9}; square when the ratio is absent or {@code auto}.
   */
  protected static int[] size(String aspectRatio) {
    if (aspectRatio == null || !aspectRatio.matches("\\d+:\\d+")) {
      return new int[] {256, 256};
    }
    String[] terms = aspectRatio.split(":");
    double w = Double.parseDouble(terms[0]);
    double h = Double.parseDouble(terms[1]);
    return w >= h
        ? new int[] {256, Math.max(1, (int) Math.round(256 * h / w))}
        : new int[] {Math.max(1, (int) Math.round(256 * w / h)), 256};
  }

  /** The decoded value of parameter {@code name} in {@code query} (with or without its '?'). */
  protected static String queryParameter(String query, String name) {
    if (query == null) {
      return null;
    }
    String q = query.startsWith("?") ? query.substring(1) : query;
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /** The first value of a request header, by lower-case name, or {@code ""}. */
  protected static String header(Map<String, List<String>> headers, String lowerCaseName) {
    List<String> values = headers.getOrDefault(lowerCaseName, List.of());
    return values.isEmpty() ? "" : values.get(0);
  }

  /** Whether the request carries {@code Authorization: Bearer <apiKey>}, exactly once. */
  protected final boolean hasBearerKey(Map<String, List<String>> headers) {
    List<String> auth = headers.getOrDefault("authorization", List.of());
    return auth.size() == 1 && auth.get(0).equals("Bearer " + apiKey);
  }

  /** The simulator's root URL, such as {@code http://127.0.0.1:40123}, without a slash. */
  protected final String rootUrl() {
    String root = simulator().rootUrl().toString();
    return root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }

  /**
   * The callback the vendor sends for {@code task}, which has ended, or empty when the vendor does
   * not call back for it (no callback URL with the request, or no webhook endpoint registered).
   */
  protected Optional<CallbackDelivery> callback(SimulatedTask task) {
    return Optional.empty();
  }

  /** The webhook endpoint and signing secret registered for this vendor, as in its console. */
  protected final Optional<Simulator.WebhookEndpoint> webhookEndpoint() {
    return simulator().webhookEndpoint(id);
  }

  final void attach(Simulator simulator) {
    if (this.simulator != null) {
      throw new IllegalStateException(id + " is attached to a simulator already");
    }
    this.simulator = simulator;
  }

  private Simulator simulator() {
    Simulator s = simulator;
    if (s == null) {
      throw new IllegalStateException(id + " is not attached to a simulator");
    }
    return s;
  }
}
