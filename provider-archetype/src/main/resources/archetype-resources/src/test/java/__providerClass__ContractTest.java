package ${package};

import dev.nanobanana4j.core.domain.FailureReason;
import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobState;
import dev.nanobanana4j.core.domain.Resolution;
import dev.nanobanana4j.testkit.DocumentedFailure;
import dev.nanobanana4j.testkit.ProviderContractTest;
import dev.nanobanana4j.testkit.VendorSimulation;
import java.util.List;

/**
 * The whole provider contract, against this vendor's simulation: discovery, generation, states,
 * failures, errors, the hostile-vendor catalogue, secrets, and the architecture rules.
 */
class ${providerClass}ContractTest extends ProviderContractTest {

  @Override
  protected String providerId() {
    return ${providerClass}ProviderFactory.ID;
  }

  @Override
  protected VendorSimulation simulation(String apiKey) {
    return new ${providerClass}Simulation(apiKey);
  }

  @Override
  protected ImageRequest editRequest() {
    return ImageRequest.builder()
        .prompt("make the sky a sunset")
        .addReferenceImage(ImageInput.url("https://example.com/source.png"))
        .build();
  }

  /** The failure codes of docs/vendor-api.md. */
  @Override
  protected List<DocumentedFailure> documentedFailures() {
    return List.of(
        new DocumentedFailure(
            "content_policy",
            "The prompt was rejected by the safety filter.",
            FailureReason.CONTENT_POLICY),
        new DocumentedFailure(
            "invalid_input", "A reference image could not be read.", FailureReason.INVALID_INPUT),
        new DocumentedFailure("timeout", "The generation took too long.", FailureReason.TIMEOUT),
        new DocumentedFailure(
            "server_error", "Something went wrong on our side.", FailureReason.PROVIDER_ERROR));
  }

  @Override
  protected List<JobState> documentedProgressStates() {
    return List.of(JobState.QUEUED, JobState.RUNNING);
  }

  @Override
  protected ImageRequest requestBeyondLimits() {
    ImageRequest.Builder builder = ImageRequest.builder().prompt("x".repeat(5_001));
    for (int i = 0; i < 5; i++) {
      builder.addReferenceImage(ImageInput.url("https://example.com/" + i + ".png"));
    }
    return builder.resolution(Resolution.FOUR_K).count(2).build();
  }

  @Override
  protected List<String> expectedViolations() {
    return List.of(
        "prompt has 5001 characters; ${providerId} accepts 1 to 5000",
        "5 reference images; ${providerId} accepts at most 4",
        "resolution 4K is not supported by ${providerId}; use one of 1K, 2K",
        "count is 2; ${providerId} generates at most 1 image per request");
  }
}
