package dev.nanobanana4j.provider.mulerun;

import static dev.nanobanana4j.core.domain.FailureReason.PROVIDER_ERROR;
import static dev.nanobanana4j.core.domain.JobState.QUEUED;
import static dev.nanobanana4j.core.domain.JobState.RUNNING;

import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.Resolution;
import dev.nanobanana4j.testkit.ProviderContract;
import dev.nanobanana4j.testkit.ProviderContractTest;

class MuleRunContractTest extends ProviderContractTest {
  MuleRunContractTest() {
    super(
        ProviderContract.of(MuleRunProviderFactory.ID)
            .progress(QUEUED, RUNNING)
            // The async-tasks guide's error codes: 3001–3005 upstream, 4002 and 4008 MuleRouter's.
            .failure("3001", "Task execution failed", PROVIDER_ERROR)
            .failure("3005", "Task execution failed", PROVIDER_ERROR)
            .failure("4002", "Task execution failed", PROVIDER_ERROR)
            .failure("4008", "Task execution failed", PROVIDER_ERROR)
            .edit(
                "Add a small knitted wizard hat on the cat's head, make it look natural",
                "https://example.com/cat_photo.png")
            .beyondLimits(
                ImageRequest.builder()
                    .prompt("a fox")
                    .model("nano-banana-pro")
                    .referenceImages(ProviderContract.referenceUrls(11))
                    .resolution(Resolution.FOUR_K)
                    .build(),
                "11 reference images; mulerun accepts at most 10",
                "resolution 4K is not supported by mulerun; use one of 1K, 2K"));
  }
}
