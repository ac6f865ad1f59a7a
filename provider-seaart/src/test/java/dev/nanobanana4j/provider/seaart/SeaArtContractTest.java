package dev.nanobanana4j.provider.seaart;

import dev.nanobanana4j.core.domain.FailureReason;
import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobState;
import dev.nanobanana4j.testkit.DocumentedFailure;
import dev.nanobanana4j.testkit.ProviderContractTest;
import java.util.List;

class SeaArtContractTest extends ProviderContractTest {

  @Override
  protected String providerId() {
    return "seaart";
  }

  @Override
  protected ImageRequest editRequest() {
    return ImageRequest.builder()
        .prompt("A red apple on a white table, clean studio lighting, simple background.")
        .addReferenceImage(
            ImageInput.url(
                "https://image.cdn2.seaart.me/2026-06-01/d8ejq1de878c739e2lrg/995ff4fe1eeec10a06c3c7a172862733.webp"))
        .build();
  }

  /** The error_type values SeaArt's result page shows. */
  @Override
  protected List<DocumentedFailure> documentedFailures() {
    return List.of(
        new DocumentedFailure(
            "INFERENCE_FAILURE", "Model execution failed", FailureReason.PROVIDER_ERROR),
        new DocumentedFailure(
            "INFERENCE_TIMEOUT", "Model execution timed out", FailureReason.TIMEOUT));
  }

  @Override
  protected List<JobState> documentedProgressStates() {
    return List.of(JobState.QUEUED, JobState.RUNNING);
  }

  /** The issue's own examples: five reference images and a 2600-character prompt. */
  @Override
  protected ImageRequest requestBeyondLimits() {
    ImageRequest.Builder builder = ImageRequest.builder().prompt("p".repeat(2600));
    for (int i = 0; i < 5; i++) {
      builder.addReferenceImage(ImageInput.url("https://example.com/" + i + ".png"));
    }
    return builder.build();
  }

  @Override
  protected List<String> expectedViolations() {
    return List.of(
        "prompt has 2600 characters; seaart accepts 1 to 2500",
        "5 reference images; seaart accepts at most 3");
  }
}
