package dev.nanobanana4j.provider.modelslab.internal.mapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.Moshi;
import dev.nanobanana4j.core.domain.AspectRatio;
import dev.nanobanana4j.core.domain.FailureReason;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.Resolution;
import dev.nanobanana4j.core.error.AuthenticationException;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.InsufficientBalanceException;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.error.RateLimitException;
import dev.nanobanana4j.provider.modelslab.internal.api.GenerationResponse;
import dev.nanobanana4j.spi.Submission;
import dev.nanobanana4j.spi.VendorError;
import dev.nanobanana4j.testkit.Json;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The mapper reads ModelsLab's documented answers, errors inside HTTP 200 included. */
class ModelsLabMapperTest {
  private final Moshi moshi = new Moshi.Builder().build();
  private final ModelsLabMapper mapper = new ModelsLabMapper();
  private final ErrorContext submit = ErrorContext.of("modelslab", Operation.SUBMIT);
  private final ErrorContext status = ErrorContext.of("modelslab", Operation.STATUS);

  private GenerationResponse read(String json) throws IOException {
    return moshi.adapter(GenerationResponse.class).fromJson(json);
  }

  @Test
  void dimensions_fit_1024_to_2048_in_steps_of_32() {
    assertEquals(List.of(2048, 2048), List.of(box(AspectRatio.RATIO_1_1, Resolution.TWO_K)));
    assertEquals(List.of(1024, 1024), List.of(box(AspectRatio.RATIO_1_1, Resolution.ONE_K)));
    assertEquals(List.of(1536, 1024), List.of(box(AspectRatio.RATIO_3_2, Resolution.ONE_K)));
    assertEquals(List.of(1632, 2048), List.of(box(AspectRatio.RATIO_4_5, Resolution.TWO_K)));
    for (AspectRatio wide :
        List.of(AspectRatio.RATIO_21_9, AspectRatio.RATIO_4_1, AspectRatio.RATIO_1_8)) {
      assertTrue(ModelsLabMapper.dimensions(wide, Resolution.TWO_K).isEmpty(), wide.label());
      assertTrue(ModelsLabMapper.dimensions(wide, Resolution.ONE_K).isEmpty(), wide.label());
    }
  }

  private static Integer[] box(AspectRatio ratio, Resolution resolution) {
    int[] size = ModelsLabMapper.dimensions(ratio, resolution).orElseThrow();
    assertEquals(0, size[0] % 32);
    assertEquals(0, size[1] % 32);
    return new Integer[] {size[0], size[1]};
  }

  @Test
  void both_immediate_success_and_processing_give_a_handle_with_the_numeric_id()
      throws IOException {
    JobHandle done =
        mapper.toHandle(
            read(fixture("generation-success.json")),
            "t-1",
            false,
            new Submission("modelslab", "nano-banana", Instant.EPOCH, submit));
    assertEquals("12202888", done.taskId());
    JobHandle later =
        mapper.toHandle(
            read(fixture("generation-processing.json")),
            "t-2",
            false,
            new Submission("modelslab", "nano-banana", Instant.EPOCH, submit));
    assertEquals("12202888", later.taskId());
    assertEquals("t-2", later.attributes().get(ModelsLabMapper.TRACK_ID));
  }

  @Test
  void an_error_inside_http_200_on_submit_is_the_error_it_describes() {
    assertThrows(
        AuthenticationException.class,
        () ->
            mapper.toHandle(
                read("{\"status\":\"error\",\"message\":\"Invalid API key\"}"),
                "t",
                false,
                new Submission("modelslab", "m", Instant.EPOCH, submit)));
    assertThrows(
        InsufficientBalanceException.class,
        () ->
            mapper.toHandle(
                read(
                    "{\"status\":\"error\",\"message\":\"Insufficient credits. Please add more credits to continue.\"}"),
                "t",
                false,
                new Submission("modelslab", "m", Instant.EPOCH, submit)));
    RateLimitException limited =
        assertThrows(
            RateLimitException.class,
            () ->
                mapper.toHandle(
                    read(fixture("error-rate-limit.json")),
                    "t",
                    false,
                    new Submission("modelslab", "m", Instant.EPOCH, submit)));
    assertEquals(Optional.of(Duration.ofSeconds(30)), limited.retryAfter());
  }

  @Test
  void fetch_success_lists_the_output_urls() throws IOException {
    assertEquals(
        new JobStatus.Succeeded(
            List.of(
                GeneratedImage.ofUrl(
                    URI.create("https://cdn.modelslab.com/generated/image.png"), "image/png"))),
        mapper.toStatus(read(fixture("fetch-success.json")), false, status));
    // The doc's processing answer says "eta": 20 (seconds left).
    assertEquals(
        JobStatus.Running.endingIn(Duration.ofSeconds(20)),
        mapper.toStatus(read(fixture("generation-processing.json")), false, status));
  }

  @Test
  void an_eta_that_is_missing_negative_or_absurd_gives_no_estimate() {
    for (Double eta : new Double[] {null, -1.0, Double.NaN, 1e12}) {
      GenerationResponse processing =
          new GenerationResponse(
              "processing", 7, List.of(), eta, null, null, null, null, null, null, null, null);
      assertEquals(
          new JobStatus.Running(), mapper.toStatus(processing, false, status), "eta " + eta);
    }
  }

  @Test
  void a_failed_generation_carries_its_message_including_the_legacy_spelling() throws IOException {
    JobStatus.Failed failed =
        assertInstanceOf(
            JobStatus.Failed.class, mapper.toStatus(read(fixture("failed.json")), false, status));
    assertEquals("Processing failed: Invalid input dimensions", failed.message());
    assertEquals(FailureReason.INVALID_INPUT, failed.reason());
    JobStatus.Failed legacy =
        (JobStatus.Failed)
            mapper.toStatus(
                read("{\"status\":\"error\",\"messege\":\"NSFW content detected\"}"),
                false,
                status);
    assertEquals(FailureReason.CONTENT_POLICY, legacy.reason());
  }

  @Test
  void reads_the_documented_error_body_with_retry_after() throws IOException {
    VendorError error = ModelsLabMapper.ERRORS.parse(429, fixture("error-rate-limit.json"));
    assertEquals(
        Optional.of("Rate limit exceeded. Maximum 5 queued requests allowed."), error.message());
    assertEquals(Optional.of(Duration.ofSeconds(30)), error.retryAfter());
  }

  private static String fixture(String name) {
    return Json.fixtureText("modelslab/" + name);
  }
}
