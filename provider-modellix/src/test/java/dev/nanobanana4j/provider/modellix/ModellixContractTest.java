package dev.nanobanana4j.provider.modellix;

import dev.nanobanana4j.core.domain.AspectRatio;
import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobState;
import dev.nanobanana4j.testkit.DocumentedFailure;
import dev.nanobanana4j.testkit.ProviderContractTest;
import java.util.List;

class ModellixContractTest extends ProviderContractTest {

  @Override
  protected String providerId() {
    return "modellix";
  }

  @Override
  protected ImageRequest editRequest() {
    return ImageRequest.builder()
        .prompt("Transform this into a watercolor painting")
        .addReferenceImage(ImageInput.url("https://example.com/image.jpg"))
        .build();
  }

  /** Modellix documents no failure codes: a failed task is a bare {@code status: failed}. */
  @Override
  protected List<DocumentedFailure> documentedFailures() {
    return List.of();
  }

  @Override
  protected List<JobState> documentedProgressStates() {
    return List.of(JobState.QUEUED, JobState.RUNNING);
  }

  @Override
  protected ImageRequest requestBeyondLimits() {
    ImageRequest.Builder builder = ImageRequest.builder().prompt("a fox");
    for (int i = 0; i < 14; i++) {
      builder.addReferenceImage(ImageInput.url("https://example.com/" + i + ".png"));
    }
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0};
    return builder
        .addReferenceImage(ImageInput.bytes(png, "image/png"))
        .aspectRatio(AspectRatio.AUTO)
        .count(2)
        .build();
  }

  @Override
  protected List<String> expectedViolations() {
    return List.of(
        "15 reference images; modellix accepts at most 14",
        "reference image 15 is an inline file; modellix accepts only http(s) URLs",
        "aspect ratio auto is not supported by modellix",
        "count is 2; modellix generates at most 1 image per request");
  }
}
