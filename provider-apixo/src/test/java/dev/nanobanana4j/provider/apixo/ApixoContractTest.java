package dev.nanobanana4j.provider.apixo;

import dev.nanobanana4j.core.domain.FailureReason;
import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobState;
import dev.nanobanana4j.core.domain.Resolution;
import dev.nanobanana4j.testkit.DocumentedFailure;
import dev.nanobanana4j.testkit.ProviderContractTest;
import java.util.List;

class ApixoContractTest extends ProviderContractTest {

  @Override
  protected String providerId() {
    return "apixo";
  }

  @Override
  protected ImageRequest editRequest() {
    return ImageRequest.builder()
        .prompt("make this scene look like sunrise with warm golden light")
        .addReferenceImage(ImageInput.url("https://example.com/source.png"))
        .build();
  }

  /** The "Task failure codes" table of APIXO's Nano Banana 2 page. */
  @Override
  protected List<DocumentedFailure> documentedFailures() {
    return List.of(
        new DocumentedFailure(
            "PromptInvalid",
            "Prompt was invalid or rejected upstream",
            FailureReason.INVALID_INPUT),
        new DocumentedFailure(
            "SensitiveContent",
            "Content violates safety policy, please adjust the prompt",
            FailureReason.CONTENT_POLICY),
        new DocumentedFailure(
            "ImageFormatIncorrect",
            "A reference image could not be accepted upstream",
            FailureReason.INVALID_INPUT),
        new DocumentedFailure(
            "MissingParameter",
            "A required upstream parameter was missing",
            FailureReason.INVALID_INPUT),
        new DocumentedFailure(
            "RateLimited", "Upstream rate limit was reached", FailureReason.RATE_LIMITED),
        new DocumentedFailure("Timeout", "Upstream timeout", FailureReason.TIMEOUT),
        new DocumentedFailure(
            "Unknown error",
            "Upstream failure did not match a known rule",
            FailureReason.PROVIDER_ERROR));
  }

  @Override
  protected List<JobState> documentedProgressStates() {
    return List.of(JobState.QUEUED, JobState.RUNNING);
  }

  @Override
  protected ImageRequest requestBeyondLimits() {
    ImageRequest.Builder builder = ImageRequest.builder().prompt("x".repeat(20_001));
    for (int i = 0; i < 14; i++) {
      builder.addReferenceImage(ImageInput.url("https://example.com/" + i + ".png"));
    }
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0};
    return builder
        .addReferenceImage(ImageInput.bytes(png, "image/png"))
        .resolution(Resolution.HALF_K)
        .count(2)
        .seed(42L)
        .build();
  }

  @Override
  protected List<String> expectedViolations() {
    return List.of(
        "prompt has 20001 characters; apixo accepts 1 to 20000",
        "15 reference images; apixo accepts at most 14",
        "reference image 15 is an inline file; apixo accepts only http(s) URLs",
        "resolution 512 is not supported by apixo; use one of 1K, 2K, 4K",
        "count is 2; apixo generates at most 1 image per request",
        "apixo does not accept a seed");
  }
}
