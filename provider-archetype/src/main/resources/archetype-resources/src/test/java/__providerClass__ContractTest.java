package ${package};

import static dev.nanobanana4j.core.domain.FailureReason.CONTENT_POLICY;
import static dev.nanobanana4j.core.domain.FailureReason.INVALID_INPUT;
import static dev.nanobanana4j.core.domain.FailureReason.PROVIDER_ERROR;
import static dev.nanobanana4j.core.domain.FailureReason.TIMEOUT;
import static dev.nanobanana4j.core.domain.JobState.QUEUED;
import static dev.nanobanana4j.core.domain.JobState.RUNNING;

import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.Resolution;
import dev.nanobanana4j.testkit.ProviderContract;
import dev.nanobanana4j.testkit.ProviderContractTest;

/**
 * The whole provider contract, against this vendor's simulation: discovery, generation, states,
 * failures, errors, the hostile-vendor catalogue, secrets, and the architecture rules.
 */
class ${providerClass}ContractTest extends ProviderContractTest {
  ${providerClass}ContractTest() {
    super(
        ProviderContract.of(${providerClass}ProviderFactory.ID)
            .simulation(${providerClass}Simulation::new)
            .progress(QUEUED, RUNNING)
            // The failure codes of docs/vendor-api.md.
            .failure("content_policy", "The prompt was rejected by the safety filter.", CONTENT_POLICY)
            .failure("invalid_input", "A reference image could not be read.", INVALID_INPUT)
            .failure("timeout", "The generation took too long.", TIMEOUT)
            .failure("server_error", "Something went wrong on our side.", PROVIDER_ERROR)
            .edit("make the sky a sunset", "https://example.com/source.png")
            .beyondLimits(
                ImageRequest.builder()
                    .prompt("x".repeat(5_001))
                    .referenceImages(ProviderContract.referenceUrls(5))
                    .resolution(Resolution.FOUR_K)
                    .count(2)
                    .build(),
                "prompt has 5001 characters; ${providerId} accepts 1 to 5000",
                "5 reference images; ${providerId} accepts at most 4",
                "resolution 4K is not supported by ${providerId}; use one of 1K, 2K",
                "count is 2; ${providerId} generates at most 1 image per request"));
  }
}
