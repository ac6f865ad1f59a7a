package dev.nanobanana4j.provider.seaart;

import static dev.nanobanana4j.core.domain.FailureReason.PROVIDER_ERROR;
import static dev.nanobanana4j.core.domain.FailureReason.TIMEOUT;
import static dev.nanobanana4j.core.domain.JobState.QUEUED;
import static dev.nanobanana4j.core.domain.JobState.RUNNING;

import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.testkit.ProviderContract;
import dev.nanobanana4j.testkit.ProviderContractTest;

class SeaArtContractTest extends ProviderContractTest {
  SeaArtContractTest() {
    super(
        ProviderContract.of(SeaArtProviderFactory.ID)
            .progress(QUEUED, RUNNING)
            // The error_type values SeaArt's result page shows.
            .failure("INFERENCE_FAILURE", "Model execution failed", PROVIDER_ERROR)
            .failure("INFERENCE_TIMEOUT", "Model execution timed out", TIMEOUT)
            .edit(
                "A red apple on a white table, clean studio lighting, simple background.",
                "https://image.cdn2.seaart.me/2026-06-01/d8ejq1de878c739e2lrg/995ff4fe1eeec10a06c3c7a172862733.webp")
            // Five reference images and a 2600-character prompt: each past Nano Banana 2's limit.
            .beyondLimits(
                ImageRequest.builder()
                    .prompt("p".repeat(2600))
                    .referenceImages(ProviderContract.referenceUrls(5))
                    .build(),
                "prompt has 2600 characters; seaart accepts 1 to 2500",
                "5 reference images; seaart accepts at most 3"));
  }
}
