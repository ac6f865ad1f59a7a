package dev.nanobanana4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.application.ProviderRegistry;
import dev.nanobanana4j.core.application.download.ImageDownloader;
import dev.nanobanana4j.core.application.waiting.AwaitOptions;
import dev.nanobanana4j.core.application.waiting.PollingPolicy;
import dev.nanobanana4j.core.application.waiting.RetryPolicy;
import dev.nanobanana4j.core.domain.GenerationResult;
import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobState;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.ProviderInfo;
import dev.nanobanana4j.core.error.AuthenticationException;
import dev.nanobanana4j.core.error.InsufficientBalanceException;
import dev.nanobanana4j.core.error.JobNotFoundException;
import dev.nanobanana4j.core.error.NanoBananaException;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.error.OutcomeUnknownException;
import dev.nanobanana4j.core.error.ProtocolException;
import dev.nanobanana4j.core.error.ProviderUnavailableException;
import dev.nanobanana4j.core.error.RateLimitException;
import dev.nanobanana4j.core.error.RequestValidationException;
import dev.nanobanana4j.core.port.ImageProvider;
import dev.nanobanana4j.core.port.ImageProviderFactory;
import dev.nanobanana4j.core.port.ProviderConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every provider keeps, proven against the {@link Simulator} over real HTTP. A
 * provider module's tests extend this class and describe what the vendor documents:
 *
 * <pre>{@code
 * class ApixoContractTest extends ProviderContractTest {
 *   ApixoContractTest() {
 *     super(ProviderContract.of("apixo").progress(QUEUED, RUNNING).edit(...).beyondLimits(...));
 *   }
 * }
 * }</pre>
 *
 * <p>The suite checks that the provider is discoverable by id, reports every documented state and
 * failure, maps every HTTP error and network fault to the right typed error, refuses a request
 * beyond its limits before sending anything, never sends a submission twice unless the vendor
 * refused it, and never leaks its key.
 */
public abstract class ProviderContractTest {
  /** The simulator's clock; tasks move only when a test advances it. */
  protected MutableClock clock;

  /** The simulator, started before each test. */
  protected Simulator simulator;

  private final List<AutoCloseable> closeables = new ArrayList<>();

  private final ProviderContract contract;

  /**
   * For subclasses, one per provider module: the suite checks the provider against {@code
   * contract}.
   */
  protected ProviderContractTest(ProviderContract contract) {
    this.contract = Objects.requireNonNull(contract, "contract == null");
  }

  /** What the vendor documents, as the subclass gave it. */
  protected final ProviderContract contract() {
    return contract;
  }

  /** The provider id under test, such as {@code apixo}. */
  protected final String providerId() {
    return contract.providerId();
  }

  /** A text-to-image request the provider accepts. */
  protected final ImageRequest textToImageRequest() {
    return contract.textToImageRequest();
  }

  /** An edit request the provider accepts. */
  protected final ImageRequest editRequest() {
    return contract.editRequest();
  }

  /** The vendor's documented task failure codes and the reasons they map to. */
  protected final List<DocumentedFailure> documentedFailures() {
    return contract.documentedFailures();
  }

  /** The non-terminal states the vendor documents, in the order a task passes through them. */
  protected final List<JobState> documentedProgressStates() {
    return contract.documentedProgressStates();
  }

  /** A request beyond the provider's limits. */
  protected final ImageRequest requestBeyondLimits() {
    return contract.requestBeyondLimits();
  }

  /** Text that the validation error for {@link #requestBeyondLimits()} must contain. */
  protected final List<String> expectedViolations() {
    return contract.expectedViolations();
  }

  /** A simulator whose vendor under test accepts {@code apiKey}, with instant tasks by default. */
  private Simulator.Builder simulatorAccepting(String apiKey) {
    Simulator.Builder builder =
        Simulator.builder()
            .clock(clock)
            .defaultScript(TaskScript.succeed(Duration.ZERO, Duration.ZERO));
    return contract
        .simulation(apiKey)
        .map(builder::vendor)
        .orElseGet(() -> builder.apiKey(providerId(), apiKey));
  }

  @BeforeEach
  void startSimulator() {
    clock = MutableClock.startingAt(Instant.parse("2026-01-15T10:00:00Z"));
    simulator = simulatorAccepting("sk-sandbox-" + providerId()).start();
  }

  @Test
  void keeps_the_provider_architecture_rules() {
    ProviderArchitecture.check(factory().getClass());
  }

  @AfterEach
  void stopSimulator() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
    simulator.close();
  }

  /** The factory, as {@link ProviderRegistry#load()} finds it. */
  protected final ImageProviderFactory factory() {
    return ProviderRegistry.load().factory(providerId());
  }

  /** A configuration pointing at {@code sim} with {@code key}. */
  protected final ProviderConfig config(Simulator sim, String key) {
    return ProviderConfig.builder()
        .apiKey(key)
        .baseUrl(sim.baseUrl(providerId()))
        .requestTimeout(Duration.ofSeconds(5))
        .build();
  }

  /** A provider configured for the simulator, closed after the test. */
  protected final ImageProvider provider() {
    return track(factory().create(config(simulator, simulator.apiKey(providerId()))));
  }

  /** A provider configured for the simulator with {@code requestTimeout}, closed after the test. */
  protected final ImageProvider provider(Duration requestTimeout) {
    return track(
        factory()
            .create(
                config(simulator, simulator.apiKey(providerId()))
                    .newBuilder()
                    .requestTimeout(requestTimeout)
                    .build()));
  }

  /** A client for the simulator that polls at once and retries quickly, closed after the test. */
  protected final NanoBananaClient client(Simulator sim, String key) {
    return track(
        NanoBananaClient.builder()
            .provider(providerId(), config(sim, key))
            .pollingPolicy(PollingPolicy.fixed(Duration.ZERO, Duration.ofMillis(20)))
            .retryPolicy(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50)))
            .defaultTimeout(Duration.ofSeconds(30))
            .build());
  }

  private <T extends AutoCloseable> T track(T closeable) {
    closeables.add(closeable);
    return closeable;
  }

  @Test
  void is_discoverable_by_id() {
    ImageProviderFactory factory = factory();
    ProviderInfo info = factory.info();
    assertEquals(providerId(), info.id());
    assertFalse(info.models().isEmpty(), "a provider sells at least one model");
    assertTrue(ProviderRegistry.load().ids().contains(providerId()));
  }

  @Test
  void generates_text_to_image_and_serves_a_real_image(@TempDir Path dir) throws Exception {
    GenerationResult result =
        client(simulator, simulator.apiKey(providerId()))
            .blocking()
            .generate(providerId(), textToImageRequest(), AwaitOptions.defaults());
    assertEquals(providerId(), result.handle().providerId());
    assertFalse(result.images().isEmpty());
    // The simulator serves its images on loopback, an address downloads allow only on request.
    Path saved =
        ImageDownloader.builder()
            .allowPrivateAddresses(true)
            .build()
            .save(result.images().get(0), dir, "image");
    assertIsImage(Files.readAllBytes(saved));
    assertEquals(1, simulator.calls(providerId(), Operation.SUBMIT).size());
  }

  @Test
  void generates_an_edit() {
    GenerationResult result =
        client(simulator, simulator.apiKey(providerId()))
            .blocking()
            .generate(providerId(), editRequest(), AwaitOptions.defaults());
    assertFalse(result.images().isEmpty());
  }

  @Test
  void reports_each_documented_state_in_order() {
    List<JobState> progress = documentedProgressStates();
    Duration step = Duration.ofSeconds(10);
    Duration queued = progress.contains(JobState.QUEUED) ? step : Duration.ZERO;
    vendor().scriptNextTask(TaskScript.succeed(queued, step));
    ImageProvider provider = provider();
    JobHandle handle = join(provider.submit(textToImageRequest()));
    List<JobState> seen = new ArrayList<>();
    for (int i = 0; i < progress.size(); i++) {
      seen.add(join(provider.status(handle)).state());
      clock.advance(step);
    }
    JobStatus last = join(provider.status(handle));
    seen.add(last.state());
    // A synchronous vendor's job has ended when its submission is answered: no state before.
    List<JobState> expected = new ArrayList<>(progress);
    expected.add(JobState.SUCCEEDED);
    assertEquals(expected, seen);
    assertFalse(((JobStatus.Succeeded) last).images().isEmpty());
  }

  @Test
  void reports_a_failed_task_as_failed() {
    vendor().scriptNextTask(TaskScript.fail(Duration.ZERO, "InternalError", "generation failed"));
    ImageProvider provider = provider();
    JobHandle handle = join(provider.submit(textToImageRequest()));
    JobStatus.Failed failed =
        assertInstanceOf(JobStatus.Failed.class, join(provider.status(handle)));
    assertFalse(failed.message().isBlank(), "a failure says something");
  }

  @Test
  void maps_each_documented_failure_code() {
    ImageProvider provider = provider();
    for (DocumentedFailure failure : documentedFailures()) {
      vendor()
          .scriptNextTask(TaskScript.fail(Duration.ZERO, failure.vendorCode(), failure.message()));
      JobHandle handle = join(provider.submit(textToImageRequest()));
      JobStatus status = join(provider.status(handle));
      JobStatus.Failed failed =
          assertInstanceOf(JobStatus.Failed.class, status, failure.vendorCode());
      assertEquals(failure.reason(), failed.reason(), failure.vendorCode());
      assertEquals(Optional.of(failure.vendorCode()), failed.vendorCode());
      assertEquals(failure.message(), failed.message());
    }
  }

  @Test
  void refuses_a_wrong_key_with_an_authentication_error() {
    ImageProvider provider = track(factory().create(config(simulator, "sk-not-the-right-key")));
    NanoBananaException e = failure(provider.submit(textToImageRequest()));
    assertInstanceOf(AuthenticationException.class, e);
    // 401 by most vendors; Google answers 400 with the reason API_KEY_INVALID.
    int status = e.httpStatus().orElse(0);
    assertTrue(status == 401 || status == 400, "a refused key's status: " + status);
    assertEquals(Optional.of(providerId()), e.providerId());
    assertFalse(e.isSafeToResubmit() && e.isRetryable(), "a rejected key is not retried");
  }

  @Test
  void maps_submission_errors_so_that_only_refusals_are_safe_to_resend() {
    ImageProvider provider = provider();
    expectSubmit(provider, Fault.RATE_LIMITED, RateLimitException.class, 429, true);
    expectSubmit(
        provider, Fault.INSUFFICIENT_BALANCE, InsufficientBalanceException.class, 402, false);
    expectSubmit(provider, Fault.FORBIDDEN, AuthenticationException.class, 403, false);
    expectSubmit(
        provider, Fault.SERVICE_UNAVAILABLE, ProviderUnavailableException.class, 503, true);
    expectSubmit(provider, Fault.SERVER_ERROR, OutcomeUnknownException.class, 500, false);
    expectSubmit(provider, Fault.BAD_GATEWAY, OutcomeUnknownException.class, 502, false);
    expectSubmit(provider, Fault.GATEWAY_TIMEOUT, OutcomeUnknownException.class, 504, false);
    expectSubmit(provider, Fault.HTML_ERROR_PAGE, OutcomeUnknownException.class, 502, false);
    expectSubmit(provider, Fault.MALFORMED_BODY, OutcomeUnknownException.class, 0, false);
    expectSubmit(provider, Fault.TRUNCATED_BODY, OutcomeUnknownException.class, 0, false);
    expectSubmit(provider, Fault.DROP_AFTER_REQUEST, OutcomeUnknownException.class, 0, false);
    expectSubmit(provider, Fault.DROP_BEFORE_REQUEST, OutcomeUnknownException.class, 0, false);
  }

  @Test
  void rate_limit_carries_the_vendors_retry_after() {
    simulator.inject(Fault.RATE_LIMITED, Operation.SUBMIT, 1);
    RateLimitException e =
        assertInstanceOf(
            RateLimitException.class, failure(provider().submit(textToImageRequest())));
    assertEquals(Optional.of(Duration.ofSeconds(1)), e.retryAfter());
  }

  @Test
  void maps_status_errors_to_retryable_typed_errors_carrying_the_task_id() {
    if (contract.isSynchronous()) {
      return; // its status asks the vendor nothing
    }
    ImageProvider provider = provider();
    JobHandle handle = join(provider.submit(textToImageRequest()));
    expectStatus(provider, handle, Fault.RATE_LIMITED, RateLimitException.class, 429);
    expectStatus(provider, handle, Fault.SERVER_ERROR, ProviderUnavailableException.class, 500);
    expectStatus(
        provider, handle, Fault.SERVICE_UNAVAILABLE, ProviderUnavailableException.class, 503);
    expectStatus(provider, handle, Fault.GATEWAY_TIMEOUT, ProviderUnavailableException.class, 504);
    expectStatus(provider, handle, Fault.HTML_ERROR_PAGE, ProviderUnavailableException.class, 502);
    expectStatus(provider, handle, Fault.MALFORMED_BODY, ProtocolException.class, 0);
    expectStatus(provider, handle, Fault.TRUNCATED_BODY, ProtocolException.class, 0);
    expectStatus(provider, handle, Fault.DROP_AFTER_REQUEST, ProviderUnavailableException.class, 0);
  }

  /**
   * The hostile vendor's catalogue ({@link Fault#hostile()}): redirects of every kind to another
   * origin, huge, endless and trickling bodies, deep and mislabelled JSON. Each ends in a typed
   * error within the request timeout: a submission as outcome unknown, sent once; nothing reaches
   * the other origin.
   */
  @Test
  void survives_the_hostile_vendor_catalogue() {
    ImageProvider provider = provider(Duration.ofSeconds(1));
    JobHandle handle = join(provider.submit(textToImageRequest()));
    for (Fault fault : Fault.hostile()) {
      if (fault == Fault.FOREIGN_TASK) {
        continue; // about a task: a submission has none yet (tried on its own below)
      }
      simulator.clearCalls();
      simulator.inject(fault, Operation.SUBMIT, 1);
      NanoBananaException submit = failure(provider.submit(textToImageRequest()));
      assertInstanceOf(OutcomeUnknownException.class, submit, fault + " on submit: " + submit);
      assertEquals(
          1, simulator.calls(providerId(), Operation.SUBMIT).size(), fault + ": sent once");
      if (contract.isSynchronous()) {
        continue; // its status asks the vendor nothing
      }
      simulator.inject(fault, Operation.STATUS, 1);
      NanoBananaException status = failure(provider.status(handle));
      assertTrue(
          status instanceof ProtocolException || status instanceof ProviderUnavailableException,
          fault + " on status: " + status);
      assertEquals(Optional.of(handle.taskId()), status.taskId(), fault + ": names its task");
    }
    assertEquals(0, simulator.elsewhereCalls(), "no request followed a redirect");
  }

  @Test
  void an_answer_about_another_task_is_not_taken_for_this_one() {
    if (contract.isSynchronous()) {
      return; // its status asks the vendor nothing: there is no answer about a task
    }
    ImageProvider provider = provider();
    JobHandle handle = join(provider.submit(textToImageRequest()));
    simulator.inject(Fault.FOREIGN_TASK, Operation.STATUS, 1);
    if (!contract.statusAnswersNameTheirTask()) {
      join(provider.status(handle)); // nothing in the answer tells: taken, as documented
      return;
    }
    NanoBananaException e = failure(provider.status(handle));
    assertInstanceOf(ProtocolException.class, e);
    assertTrue(e.getMessage().contains("another task than " + handle.taskId()), e.getMessage());
    assertInstanceOf(JobStatus.Succeeded.class, join(provider.status(handle)));
  }

  @Test
  void a_vendor_returning_hundreds_of_images_for_one_gets_only_the_one_saved(@TempDir Path dir)
      throws Exception {
    vendor().scriptNextTask(TaskScript.succeed(Duration.ZERO, Duration.ZERO).withImages(300));
    NanoBananaClient client = client(simulator, simulator.apiKey(providerId()));
    GenerationResult result =
        client
            .generate(providerId(), textToImageRequest(), AwaitOptions.defaults())
            .get(30, TimeUnit.SECONDS);
    assertFalse(result.images().isEmpty());
    List<Path> saved =
        ImageDownloader.builder()
            .allowPrivateAddresses(true)
            .maxImages(textToImageRequest().count())
            .build()
            .saveAll(result.images(), dir, "job");
    assertEquals(1, saved.size());
    assertEquals(
        result.images().get(0).url().isPresent() ? 1 : 0,
        simulator.calls(providerId(), Operation.DOWNLOAD).size(),
        "one image was fetched, or none where the answer carried them");
  }

  @Test
  void an_unknown_task_is_not_found() {
    ImageProvider provider = provider();
    JobHandle real = join(provider.submit(textToImageRequest()));
    String unknownId = "no-such-task-" + UUID.randomUUID();
    // Locators such as a status URL name the task too: point them at the unknown one.
    Map<String, String> attributes = new HashMap<>(real.attributes());
    attributes.replaceAll((name, value) -> value.replace(real.taskId(), unknownId));
    JobHandle unknown = JobHandle.of(providerId(), unknownId, real.submittedAt(), attributes);
    NanoBananaException e = failure(provider.status(unknown));
    assertInstanceOf(JobNotFoundException.class, e);
    assertEquals(Optional.of(unknown.taskId()), e.taskId());
  }

  @Test
  void a_refused_connection_is_safe_to_resend() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/");
    ImageProvider provider =
        track(factory().create(ProviderConfig.builder().apiKey("sk-any").baseUrl(nowhere).build()));
    NanoBananaException e = failure(provider.submit(textToImageRequest()));
    assertInstanceOf(ProviderUnavailableException.class, e);
    assertTrue(e.isSafeToResubmit(), "nothing was sent");
  }

  @Test
  void the_client_resends_a_refused_submission_and_never_one_with_unknown_outcome() {
    NanoBananaClient client = client(simulator, simulator.apiKey(providerId()));
    simulator.inject(Fault.SERVICE_UNAVAILABLE, Operation.SUBMIT, 1);
    JobHandle handle = client.blocking().submit(providerId(), textToImageRequest());
    assertEquals(2, simulator.calls(providerId(), Operation.SUBMIT).size());
    assertEquals(1, vendor().tasks().size());
    assertTrue(vendor().task(handle.taskId()).isPresent());

    simulator.clearCalls();
    simulator.inject(Fault.SERVER_ERROR, Operation.SUBMIT, 1);
    NanoBananaException e = failure(client.submit(providerId(), textToImageRequest()));
    assertInstanceOf(OutcomeUnknownException.class, e);
    assertEquals(1, simulator.calls(providerId(), Operation.SUBMIT).size(), "sent exactly once");
    assertEquals(2, vendor().tasks().size(), "the vendor did accept it");
  }

  @Test
  void a_submission_that_hangs_past_the_request_timeout_is_outcome_unknown() {
    ImageProvider provider = provider(Duration.ofMillis(300));
    simulator.inject(Fault.STALL, Operation.SUBMIT, 1);
    NanoBananaException e = failure(provider.submit(textToImageRequest()));
    assertInstanceOf(OutcomeUnknownException.class, e);
    assertEquals(1, simulator.calls(providerId(), Operation.SUBMIT).size());
  }

  @Test
  void refuses_a_request_beyond_its_limits_before_sending() {
    NanoBananaClient client = client(simulator, simulator.apiKey(providerId()));
    NanoBananaException e = failure(client.submit(providerId(), requestBeyondLimits()));
    RequestValidationException invalid = assertInstanceOf(RequestValidationException.class, e);
    String all = String.join("\n", invalid.violations());
    for (String expected : expectedViolations()) {
      assertTrue(all.contains(expected), "violations should mention '" + expected + "': " + all);
    }
    assertEquals(List.of(), simulator.calls(), "nothing was sent");
  }

  /**
   * Response parsing meets arbitrary answers over real HTTP and only ever yields a result or a
   * library exception. {@code -Dnanobanana.fuzz.iterations=N} runs longer (default 300 a call).
   */
  @Test
  void response_parsing_survives_arbitrary_answers() throws Exception {
    int iterations = Integer.getInteger("nanobanana.fuzz.iterations", 300);
    ArbitraryAnswers answers = ArbitraryAnswers.seeded(providerId().hashCode());
    try (mockwebserver3.MockWebServer server = new mockwebserver3.MockWebServer()) {
      server.setDispatcher(
          new mockwebserver3.Dispatcher() {
            @Override
            public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest request) {
              synchronized (answers) {
                return new mockwebserver3.MockResponse.Builder()
                    .code(answers.status())
                    .addHeader("Content-Type", "application/json")
                    // A fresh connection per answer: garbage must not poison a reused one, and
                    // small writes on a kept-alive socket stall on delayed acknowledgements.
                    .addHeader("Connection", "close")
                    .body(new okio.Buffer().write(answers.body()))
                    .build();
              }
            }
          });
      server.start();
      ImageProvider provider =
          track(
              factory()
                  .create(
                      ProviderConfig.builder()
                          .apiKey("sk-fuzz")
                          .baseUrl(server.url("/").uri())
                          .requestTimeout(Duration.ofSeconds(5))
                          .build()));
      JobHandle handle =
          JobHandle.of(
              providerId(),
              "task-fuzz",
              Instant.EPOCH,
              java.util.Map.of("model", factory().info().defaultModel().id()));
      for (int i = 0; i < iterations; i++) {
        assertTypedOutcome(provider.submit(textToImageRequest()), "submit #" + i);
        assertTypedOutcome(provider.status(handle), "status #" + i);
      }
    }
  }

  private static void assertTypedOutcome(CompletableFuture<?> future, String what) {
    try {
      future.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof NanoBananaException)) {
        throw new AssertionError(what + " ended in an untyped " + e.getCause(), e.getCause());
      }
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError(what + " did not end", e);
    }
  }

  @Test
  void never_leaks_its_key() throws Exception {
    String key = "sk-contract-" + UUID.randomUUID();
    String wrongKey = "sk-wrong-" + UUID.randomUUID();
    List<String> seen = new ArrayList<>();
    try (Simulator sim = simulatorAccepting(key).start();
        LogCapture logs = LogCapture.start()) {
      RecordingObserver observer = new RecordingObserver();
      NanoBananaClient client =
          track(
              NanoBananaClient.builder()
                  .provider(providerId(), config(sim, key))
                  .pollingPolicy(PollingPolicy.fixed(Duration.ZERO, Duration.ofMillis(20)))
                  .observer(observer)
                  .build());
      GenerationResult result =
          client.blocking().generate(providerId(), textToImageRequest(), AwaitOptions.defaults());
      sim.inject(Fault.SERVER_ERROR, Operation.SUBMIT, 1);
      errors(client, textToImageRequest());
      seen.addAll(observer.events());
      assertTrue(
          observer.count("call " + providerId()) > (contract.isSynchronous() ? 1 : 2),
          "the client observed its calls");
      seen.add(result.handle().toToken());
      seen.add(result.handle().toString());
      seen.add(result.toString());
      ImageProvider provider = track(factory().create(config(sim, key)));
      seen.add(provider.toString());
      seen.add(config(sim, key).toString());
      List<NanoBananaException> errors = new ArrayList<>();
      for (Fault fault :
          List.of(
              Fault.RATE_LIMITED,
              Fault.SERVER_ERROR,
              Fault.FORBIDDEN,
              Fault.MALFORMED_BODY,
              Fault.DROP_AFTER_REQUEST)) {
        sim.inject(fault, Operation.SUBMIT, 1);
        errors.add(failure(provider.submit(textToImageRequest())));
        sim.inject(fault, Operation.STATUS, 1);
        errors.add(failure(provider.status(result.handle())));
      }
      ImageProvider wrong = track(factory().create(config(sim, wrongKey)));
      errors.add(failure(wrong.submit(textToImageRequest())));
      for (NanoBananaException e : errors) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        seen.add(trace.toString());
        seen.add(e.context().toString());
      }
      seen.addAll(logs.lines());
      assertTrue(
          sim.calls().stream()
              .anyMatch(c -> c.headers().toString().contains(key) || c.body().contains(key)),
          "the key was sent to the vendor, so the search below is meaningful");
      assertTrue(logs.lines().size() > 10, "logging was at its most verbose");
    }
    for (String text : seen) {
      assertFalse(text.contains(key), () -> "the key leaked into: " + text);
      assertFalse(text.contains(wrongKey), () -> "the wrong key leaked into: " + text);
    }
  }

  private void errors(NanoBananaClient client, ImageRequest request) {
    try {
      client.blocking().submit(providerId(), request);
    } catch (NanoBananaException e) {
      // expected: only the meters it leaves behind matter here
    }
  }

  private void expectSubmit(
      ImageProvider provider,
      Fault fault,
      Class<? extends NanoBananaException> type,
      int status,
      boolean safe) {
    simulator.inject(fault, Operation.SUBMIT, 1);
    NanoBananaException e = failure(provider.submit(textToImageRequest()));
    assertInstanceOf(type, e, fault.name());
    assertEquals(status, e.httpStatus().orElse(0), fault.name());
    assertEquals(Optional.of(providerId()), e.providerId(), fault.name());
    assertEquals(Operation.SUBMIT, e.operation(), fault.name());
    assertEquals(safe, e.isSafeToResubmit(), fault.name());
  }

  private void expectStatus(
      ImageProvider provider,
      JobHandle handle,
      Fault fault,
      Class<? extends NanoBananaException> type,
      int status) {
    simulator.inject(fault, Operation.STATUS, 1);
    NanoBananaException e = failure(provider.status(handle));
    assertInstanceOf(type, e, fault.name());
    assertEquals(status, e.httpStatus().orElse(0), fault.name());
    assertEquals(Optional.of(handle.taskId()), e.taskId(), fault.name());
    assertTrue(e.isRetryable(), fault.name() + " on a status poll is retryable");
  }

  /** The simulated vendor under test. */
  protected final VendorSimulation vendor() {
    return simulator.vendor(providerId());
  }

  /** Waits for {@code future} to succeed, at most 30 seconds. */
  protected static <T> T join(CompletableFuture<T> future) {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("expected success, got " + e.getCause(), e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError(e);
    }
  }

  /** Waits for {@code future} to fail with a library exception, at most 30 seconds. */
  protected static NanoBananaException failure(CompletableFuture<?> future) {
    try {
      Object value = future.get(30, TimeUnit.SECONDS);
      return fail("expected a failure, got " + value);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof NanoBananaException n) {
        return n;
      }
      throw new AssertionError("expected a NanoBananaException, got " + cause, cause);
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertIsImage(byte[] bytes) {
    Optional<String> type = ImageInput.mediaTypeOf(bytes);
    assertTrue(
        type.equals(Optional.of("image/png")) || type.equals(Optional.of("image/jpeg")),
        "a PNG or JPEG file, not " + type);
  }
}
