package dev.nanobanana4j.testkit;

import dev.nanobanana4j.core.domain.FailureReason;
import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * What a vendor documents, as {@link ProviderContractTest} checks it: the provider's id, its
 * simulation, an edit request it accepts, its failure codes and progress states, and a request
 * beyond its limits with the violations it must produce. Immutable: each method returns a copy.
 *
 * <pre>{@code
 * class AcmeContractTest extends ProviderContractTest {
 *   AcmeContractTest() {
 *     super(
 *         ProviderContract.of(AcmeProviderFactory.ID)
 *             .simulation(AcmeSimulation::new)
 *             .progress(JobState.QUEUED, JobState.RUNNING)
 *             .failure("content_policy", "The prompt was rejected.", FailureReason.CONTENT_POLICY)
 *             .edit("make the sky a sunset", "https://example.com/source.png")
 *             .beyondLimits(
 *                 ImageRequest.builder().prompt("x".repeat(5_001)).build(),
 *                 "prompt has 5001 characters; acme accepts 1 to 5000"));
 *   }
 * }
 * }</pre>
 */
public final class ProviderContract {
  private static final ImageRequest TEXT_TO_IMAGE =
      ImageRequest.builder().prompt("a lighthouse at dusk, oil painting").build();

  private final String providerId;
  private Function<String, VendorSimulation> simulation;
  private ImageRequest textToImage = TEXT_TO_IMAGE;
  private ImageRequest edit;
  private List<DocumentedFailure> failures = List.of();
  private List<JobState> progress = List.of();
  private ImageRequest beyondLimits;
  private List<String> violations = List.of();
  private boolean statusAnswersNameTheirTask = true;
  private boolean synchronous;

  private ProviderContract(String providerId) {
    this.providerId = Objects.requireNonNull(providerId, "providerId == null");
  }

  /** A copy of {@code from}, changed by the caller before anyone else sees it. */
  private ProviderContract(ProviderContract from) {
    this(from.providerId);
    simulation = from.simulation;
    textToImage = from.textToImage;
    edit = from.edit;
    failures = from.failures;
    progress = from.progress;
    beyondLimits = from.beyondLimits;
    violations = from.violations;
    statusAnswersNameTheirTask = from.statusAnswersNameTheirTask;
    synchronous = from.synchronous;
  }

  /**
   * The contract of provider {@code providerId}: so far no failure codes, no progress states, the
   * simulator's built-in simulation of that id (which exists for this library's own providers), and
   * a plain text-to-image request.
   */
  public static ProviderContract of(String providerId) {
    return new ProviderContract(providerId);
  }

  /**
   * The simulation of the vendor, made for the API key it must accept: a {@link VendorSimulation}
   * written from the vendor's docs. A provider written outside this library supplies its own.
   */
  public ProviderContract simulation(Function<String, VendorSimulation> simulation) {
    ProviderContract copy = new ProviderContract(this);
    copy.simulation = Objects.requireNonNull(simulation, "simulation == null");
    return copy;
  }

  /** A text-to-image request the provider accepts, instead of the plain default. */
  public ProviderContract textToImage(ImageRequest request) {
    ProviderContract copy = new ProviderContract(this);
    copy.textToImage = Objects.requireNonNull(request, "request == null");
    return copy;
  }

  /** An edit request the provider accepts. */
  public ProviderContract edit(ImageRequest request) {
    ProviderContract copy = new ProviderContract(this);
    copy.edit = Objects.requireNonNull(request, "request == null");
    return copy;
  }

  /** An edit request of {@code prompt} and one reference image at {@code imageUrl}. */
  public ProviderContract edit(String prompt, String imageUrl) {
    return edit(
        ImageRequest.builder().prompt(prompt).addReferenceImage(ImageInput.url(imageUrl)).build());
  }

  /** A task failure code the vendor documents, a message it sends with it, and its reason. */
  public ProviderContract failure(String vendorCode, String message, FailureReason reason) {
    List<DocumentedFailure> more = new ArrayList<>(failures);
    more.add(new DocumentedFailure(vendorCode, message, reason));
    ProviderContract copy = new ProviderContract(this);
    copy.failures = List.copyOf(more);
    return copy;
  }

  /** The non-terminal states the vendor documents, in the order a task passes through them. */
  public ProviderContract progress(JobState... states) {
    ProviderContract copy = new ProviderContract(this);
    copy.progress = List.of(states);
    return copy;
  }

  /**
   * A request beyond the provider's limits, and text that its validation error must contain: one
   * entry a violation.
   */
  public ProviderContract beyondLimits(ImageRequest request, String... expectedViolations) {
    if (expectedViolations.length == 0) {
      throw new IllegalArgumentException("a request beyond the limits must name its violations");
    }
    ProviderContract copy = new ProviderContract(this);
    copy.beyondLimits = Objects.requireNonNull(request, "request == null");
    copy.violations = List.of(expectedViolations);
    return copy;
  }

  /**
   * Says that the vendor's documented status answer carries no task id, so that an answer about
   * another task cannot be told apart (the suite then skips that check).
   */
  public ProviderContract statusAnswersWithoutTaskId() {
    ProviderContract copy = new ProviderContract(this);
    copy.statusAnswersNameTheirTask = false;
    return copy;
  }

  /**
   * Says that the vendor answers a submission with the job's end (a synchronous API, such as
   * Google's {@code generateContent}): the provider keeps the answer for its status calls (spi's
   * {@code AnsweredJobs}) and asks the vendor nothing more. The suite then expects a handle's first
   * status to be its end, and skips what concerns status calls to the vendor; documented failures
   * are the vendor's answers without an image.
   */
  public ProviderContract synchronous() {
    ProviderContract copy = new ProviderContract(this);
    copy.synchronous = true;
    return copy;
  }

  /** Whether the vendor answers a submission with the job's end. */
  public boolean isSynchronous() {
    return synchronous;
  }

  /** {@code count} distinct public image URLs, for a request with too many reference images. */
  public static List<ImageInput> referenceUrls(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> (ImageInput) ImageInput.url("https://example.com/" + i + ".png"))
        .toList();
  }

  /** A tiny inline PNG, for a vendor that accepts URLs only. */
  public static ImageInput inlinePng() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0};
    return ImageInput.bytes(png, "image/png");
  }

  /** The provider id under test. */
  public String providerId() {
    return providerId;
  }

  /** The vendor's simulation for {@code apiKey}, or empty for the simulator's built-in one. */
  public Optional<VendorSimulation> simulation(String apiKey) {
    return simulation == null ? Optional.empty() : Optional.of(simulation.apply(apiKey));
  }

  /** A text-to-image request the provider accepts. */
  public ImageRequest textToImageRequest() {
    return textToImage;
  }

  /** An edit request the provider accepts. */
  public ImageRequest editRequest() {
    return required(edit, "edit(...)");
  }

  /** The vendor's documented task failure codes and the reasons they map to. */
  public List<DocumentedFailure> documentedFailures() {
    return failures;
  }

  /** The non-terminal states the vendor documents, in order; none for a synchronous vendor. */
  public List<JobState> documentedProgressStates() {
    if (progress.isEmpty() && !synchronous) {
      throw new IllegalStateException("the contract names no progress states: call progress(...)");
    }
    return progress;
  }

  /** A request beyond the provider's limits. */
  public ImageRequest requestBeyondLimits() {
    return required(beyondLimits, "beyondLimits(...)");
  }

  /** Text the validation error for {@link #requestBeyondLimits()} must contain. */
  public List<String> expectedViolations() {
    required(beyondLimits, "beyondLimits(...)");
    return violations;
  }

  /** Whether the vendor's status answer names the task it is about. */
  public boolean statusAnswersNameTheirTask() {
    return statusAnswersNameTheirTask;
  }

  private <T> T required(T value, String call) {
    if (value == null) {
      throw new IllegalStateException(
          "the contract of " + providerId + " is incomplete: call " + call);
    }
    return value;
  }

  @Override
  public String toString() {
    return "ProviderContract{" + providerId + "}";
  }
}
