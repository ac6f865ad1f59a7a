package dev.nanobanana4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A short run of the fault load for every provider; longer runs: see the module's README. */
class FaultLoadTest {
  @ParameterizedTest
  @ValueSource(strings = {"apixo", "modellix", "modelslab", "mulerun", "seaart"})
  void every_job_ends_typed_and_none_is_accepted_twice_under_20_percent_faults(String provider)
      throws Exception {
    FaultLoad.Result result =
        FaultLoad.run(
            provider,
            Integer.getInteger("nanobanana.load.jobs", 300),
            0.2,
            provider.hashCode(),
            false);
    System.out.println(provider + ": " + result);
    assertEquals(0, result.untyped(), result::toString);
    assertEquals(0, result.missingTaskIds(), result::toString);
    assertEquals(0, result.duplicateSubmissions(), result::toString);
    assertTrue(result.succeeded() > result.jobs() / 2, result::toString);
  }
}
