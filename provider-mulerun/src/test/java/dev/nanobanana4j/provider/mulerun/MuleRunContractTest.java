package dev.nanobanana4j.provider.mulerun;

import dev.nanobanana4j.core.domain.FailureReason;
import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobState;
import dev.nanobanana4j.core.domain.Resolution;
import dev.nanobanana4j.testkit.DocumentedFailure;
import dev.nanobanana4j.testkit.ProviderContractTest;
import java.util.List;

class MuleRunContractTest extends ProviderContractTest {

  @Override
  protected String providerId() {
    return "mulerun";
  }

  @Override
  protected ImageRequest editRequest() {
    return ImageRequest.builder()
        .prompt("Add a small knitted wizard hat on the cat's head, make it look natural")
        .addReferenceImage(ImageInput.url("https://example.com/cat_photo.png"))
        .build();
  }

  /** The async-tasks guide's error codes: 3001–3005 upstream, 4002 and 4008 MuleRouter-side. */
  @Override
  protected List<DocumentedFailure> documentedFailures() {
    return List.of(
        new DocumentedFailure("3001", "Task execution failed", FailureReason.PROVIDER_ERROR),
        new DocumentedFailure("3005", "Task execution failed", FailureReason.PROVIDER_ERROR),
        new DocumentedFailure("4002", "Task execution failed", FailureReason.PROVIDER_ERROR),
        new DocumentedFailure("4008", "Task execution failed", FailureReason.PROVIDER_ERROR));
  }

  @Override
  protected List<JobState> documentedProgressStates() {
    return List.of(JobState.QUEUED, JobState.RUNNING);
  }

  @Override
  protected ImageRequest requestBeyondLimits() {
    ImageRequest.Builder builder = ImageRequest.builder().prompt("a fox").model("nano-banana-pro");
    for (int i = 0; i < 11; i++) {
      builder.addReferenceImage(ImageInput.url("https://example.com/" + i + ".png"));
    }
    return builder.resolution(Resolution.FOUR_K).build();
  }

  @Override
  protected List<String> expectedViolations() {
    return List.of(
        "11 reference images; mulerun accepts at most 10",
        "resolution 4K is not supported by mulerun; use one of 1K, 2K");
  }
}
