package dev.nanobanana4j.provider.apixo;

import static dev.nanobanana4j.core.domain.FailureReason.CONTENT_POLICY;
import static dev.nanobanana4j.core.domain.FailureReason.INVALID_INPUT;
import static dev.nanobanana4j.core.domain.FailureReason.PROVIDER_ERROR;
import static dev.nanobanana4j.core.domain.FailureReason.RATE_LIMITED;
import static dev.nanobanana4j.core.domain.FailureReason.TIMEOUT;
import static dev.nanobanana4j.core.domain.JobState.QUEUED;
import static dev.nanobanana4j.core.domain.JobState.RUNNING;

import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.Resolution;
import dev.nanobanana4j.testkit.ProviderContract;
import dev.nanobanana4j.testkit.ProviderContractTest;

class ApixoContractTest extends ProviderContractTest {
  ApixoContractTest() {
    super(
        ProviderContract.of(ApixoProviderFactory.ID)
            .progress(QUEUED, RUNNING)
            // The "Task failure codes" table of APIXO's Nano Banana 2 page.
            .failure("PromptInvalid", "Prompt was invalid or rejected upstream", INVALID_INPUT)
            .failure(
                "SensitiveContent",
                "Content violates safety policy, please adjust the prompt",
                CONTENT_POLICY)
            .failure(
                "ImageFormatIncorrect",
                "A reference image could not be accepted upstream",
                INVALID_INPUT)
            .failure("MissingParameter", "A required upstream parameter was missing", INVALID_INPUT)
            .failure("RateLimited", "Upstream rate limit was reached", RATE_LIMITED)
            .failure("Timeout", "Upstream timeout", TIMEOUT)
            .failure("Unknown error", "Upstream failure did not match a known rule", PROVIDER_ERROR)
            .edit(
                "make this scene look like sunrise with warm golden light",
                "https://example.com/source.png")
            .beyondLimits(
                ImageRequest.builder()
                    .prompt("x".repeat(20_001))
                    .referenceImages(ProviderContract.referenceUrls(14))
                    .addReferenceImage(ProviderContract.inlinePng())
                    .resolution(Resolution.HALF_K)
                    .count(2)
                    .seed(42L)
                    .build(),
                "prompt has 20001 characters; apixo accepts 1 to 20000",
                "15 reference images; apixo accepts at most 14",
                "reference image 15 is an inline file; apixo accepts only http(s) URLs",
                "resolution 512 is not supported by apixo; use one of 1K, 2K, 4K",
                "count is 2; apixo generates at most 1 image per request",
                "apixo does not accept a seed"));
  }
}
