package dev.nanobanana4j.provider.modelslab;

import static dev.nanobanana4j.core.domain.JobState.RUNNING;

import dev.nanobanana4j.core.domain.AspectRatio;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.Resolution;
import dev.nanobanana4j.testkit.ProviderContract;
import dev.nanobanana4j.testkit.ProviderContractTest;

/**
 * ModelsLab's failures carry a message only, no code; it reports only {@code processing} before the
 * end, and its documented fetch answer ({@code status}, {@code output}) carries no id.
 */
class ModelsLabContractTest extends ProviderContractTest {
  ModelsLabContractTest() {
    super(
        ProviderContract.of(ModelsLabProviderFactory.ID)
            .progress(RUNNING)
            .statusAnswersWithoutTaskId()
            .edit(
                "Transform this into a watercolor painting, soft edges, artistic",
                "https://assets.modelslab.ai/generations/a56df09f-4c7f-4172-8390-29a22b17877a.avif")
            .beyondLimits(
                ImageRequest.builder()
                    .prompt("a fox")
                    .aspectRatio(AspectRatio.RATIO_21_9)
                    .resolution(Resolution.FOUR_K)
                    .count(5)
                    .build(),
                "resolution 4K is not supported by modelslab; use one of 1K, 2K",
                "count is 5; modelslab generates at most 4 images per request",
                "aspect ratio 21:9 cannot fit modelslab's sizes: width and height must be 1024 to 2048"
                    + " pixels and divisible by 32, so the longer side can be at most twice the"
                    + " shorter"));
  }
}
