package dev.nanobanana4j.provider.gemini;

import static dev.nanobanana4j.core.domain.FailureReason.CONTENT_POLICY;
import static dev.nanobanana4j.core.domain.FailureReason.UNKNOWN;

import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.NanoBananaModels;
import dev.nanobanana4j.core.domain.Resolution;
import dev.nanobanana4j.testkit.GeminiSimulation;
import dev.nanobanana4j.testkit.ProviderContract;
import dev.nanobanana4j.testkit.ProviderContractTest;

/**
 * The whole provider contract against the simulation of Google's API: a synchronous vendor, whose
 * failures are answers without an image.
 */
class GeminiContractTest extends ProviderContractTest {
  GeminiContractTest() {
    super(
        ProviderContract.of(GeminiProviderFactory.ID)
            .simulation(GeminiSimulation::new)
            .synchronous()
            // Finish reasons of an answer without an image (the FinishReason enum).
            .failure("IMAGE_SAFETY", "The image was withheld for safety.", CONTENT_POLICY)
            .failure(
                "IMAGE_PROHIBITED_CONTENT", "The image showed prohibited content.", CONTENT_POLICY)
            .failure("RECITATION", "The image recited a protected work.", CONTENT_POLICY)
            .failure("NO_IMAGE", "The model made no image.", UNKNOWN)
            .edit(
                ImageRequest.builder()
                    .prompt("make the sky a sunset")
                    .addReferenceImage(ProviderContract.inlinePng())
                    .build())
            .beyondLimits(
                ImageRequest.builder()
                    .prompt("x".repeat(32_769))
                    .referenceImages(ProviderContract.referenceUrls(4))
                    .resolution(Resolution.FOUR_K)
                    .count(2)
                    .model(NanoBananaModels.NANO_BANANA)
                    .build(),
                "prompt has 32769 characters; gemini accepts 1 to 32768",
                "4 reference images; gemini accepts at most 3",
                "resolution 4K is not supported by gemini; use one of 1K",
                "count is 2; gemini generates at most 1 image per request"));
  }
}
