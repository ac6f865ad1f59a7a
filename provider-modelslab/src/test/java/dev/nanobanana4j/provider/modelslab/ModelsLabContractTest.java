package dev.nanobanana4j.provider.modelslab;

import dev.nanobanana4j.core.domain.AspectRatio;
import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobState;
import dev.nanobanana4j.core.domain.Resolution;
import dev.nanobanana4j.testkit.DocumentedFailure;
import dev.nanobanana4j.testkit.ProviderContractTest;
import java.util.List;

class ModelsLabContractTest extends ProviderContractTest {

  /** The documented fetch answer ({@code status}, {@code output}) carries no id. */
  @Override
  protected boolean statusAnswersNameTheirTask() {
    return false;
  }

  @Override
  protected String providerId() {
    return "modelslab";
  }

  @Override
  protected ImageRequest editRequest() {
    return ImageRequest.builder()
        .prompt("Transform this into a watercolor painting, soft edges, artistic")
        .addReferenceImage(
            ImageInput.url(
                "https://assets.modelslab.ai/generations/a56df09f-4c7f-4172-8390-29a22b17877a.avif"))
        .build();
  }

  /** ModelsLab's failures carry a message only, no code. */
  @Override
  protected List<DocumentedFailure> documentedFailures() {
    return List.of();
  }

  /** ModelsLab reports only {@code processing} before the end. */
  @Override
  protected List<JobState> documentedProgressStates() {
    return List.of(JobState.RUNNING);
  }

  @Override
  protected ImageRequest requestBeyondLimits() {
    return ImageRequest.builder()
        .prompt("a fox")
        .aspectRatio(AspectRatio.RATIO_21_9)
        .resolution(Resolution.FOUR_K)
        .count(5)
        .build();
  }

  @Override
  protected List<String> expectedViolations() {
    return List.of(
        "resolution 4K is not supported by modelslab; use one of 1K, 2K",
        "count is 5; modelslab generates at most 4 images per request",
        "aspect ratio 21:9 cannot fit modelslab's sizes: width and height must be 1024 to 2048 pixels and"
            + " divisible by 32, so the longer side can be at most twice the shorter");
  }
}
