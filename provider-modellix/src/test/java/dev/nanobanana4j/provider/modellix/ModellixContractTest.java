package dev.nanobanana4j.provider.modellix;

import static dev.nanobanana4j.core.domain.JobState.QUEUED;
import static dev.nanobanana4j.core.domain.JobState.RUNNING;

import dev.nanobanana4j.core.domain.AspectRatio;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.testkit.ProviderContract;
import dev.nanobanana4j.testkit.ProviderContractTest;

/** Modellix documents no failure codes: a failed task is a bare {@code status: failed}. */
class ModellixContractTest extends ProviderContractTest {
  ModellixContractTest() {
    super(
        ProviderContract.of(ModellixProviderFactory.ID)
            .progress(QUEUED, RUNNING)
            .edit("Transform this into a watercolor painting", "https://example.com/image.jpg")
            .beyondLimits(
                ImageRequest.builder()
                    .prompt("a fox")
                    .referenceImages(ProviderContract.referenceUrls(14))
                    .addReferenceImage(ProviderContract.inlinePng())
                    .aspectRatio(AspectRatio.AUTO)
                    .count(2)
                    .build(),
                "15 reference images; modellix accepts at most 14",
                "reference image 15 is an inline file; modellix accepts only http(s) URLs",
                "aspect ratio auto is not supported by modellix",
                "count is 2; modellix generates at most 1 image per request"));
  }
}
