package dev.nanobanana4j.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.application.waiting.AwaitOptions;
import dev.nanobanana4j.core.domain.AspectRatio;
import dev.nanobanana4j.core.domain.FailureReason;
import dev.nanobanana4j.core.domain.GenerationResult;
import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.Money;
import dev.nanobanana4j.core.domain.NanoBananaModels;
import dev.nanobanana4j.core.domain.Resolution;
import dev.nanobanana4j.core.error.JobFailedException;
import dev.nanobanana4j.core.error.JobNotFoundException;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.error.RateLimitException;
import dev.nanobanana4j.core.port.ImageProvider;
import dev.nanobanana4j.testkit.GeminiSimulation;
import dev.nanobanana4j.testkit.Json;
import dev.nanobanana4j.testkit.SimulatedCall;
import dev.nanobanana4j.testkit.Simulator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What Google receives is what its reference shows; its answers are read as it documents them. */
class GeminiWireFormatTest {
  private final GeminiSimulation google = new GeminiSimulation("AIza-test-key");
  private final Simulator simulator = Simulator.builder().vendor(google).start();
  private final ImageProvider provider =
      new GeminiProviderFactory().create(simulator.config(GeminiProviderFactory.ID));

  @AfterEach
  void close() {
    provider.close();
    simulator.close();
  }

  private SimulatedCall onlySubmission() {
    List<SimulatedCall> calls = simulator.calls(GeminiProviderFactory.ID, Operation.SUBMIT);
    assertEquals(1, calls.size());
    return calls.get(0);
  }

  @Test
  void a_generation_carries_its_charge_from_the_tokens_google_reports() {
    try (dev.nanobanana4j.core.application.NanoBananaClient client =
        dev.nanobanana4j.core.application.NanoBananaClient.builder()
            .provider(GeminiProviderFactory.ID, simulator.config(GeminiProviderFactory.ID))
            .build()) {
      dev.nanobanana4j.core.domain.GenerationResult result =
          client
              .blocking()
              .generate(
                  GeminiProviderFactory.ID,
                  ImageRequest.builder()
                      .prompt("a fox")
                      .model(dev.nanobanana4j.core.domain.NanoBananaModels.NANO_BANANA_2)
                      .resolution(dev.nanobanana4j.core.domain.Resolution.TWO_K)
                      .build(),
                  dev.nanobanana4j.core.application.waiting.AwaitOptions.defaults());
      // 2 prompt tokens at 0.25 and 1,680 image tokens at 60 per million: 0.1008005.
      assertEquals(
          Optional.of(dev.nanobanana4j.core.domain.Money.usd("0.100801")), result.charged());
      assertEquals("0.101", result.estimate().total().orElseThrow().amount().toPlainString());
      assertEquals("0.100801", result.metadata().get("chargedCost"));
    }
  }

  @Test
  void the_key_travels_in_its_header_and_the_default_model_gets_no_image_size() {
    JobHandle handle =
        provider.submit(ImageRequest.builder().prompt("a lighthouse at dusk").build()).join();
    SimulatedCall call = onlySubmission();
    assertEquals("/gemini/v1beta/models/gemini-2.5-flash-image:generateContent", call.path());
    assertEquals(Optional.of("AIza-test-key"), call.header("x-goog-api-key"));
    assertFalse(call.path().contains("key="), "never in the URL");
    assertEquals(Optional.empty(), call.header("authorization"));
    assertEquals(
        Json.parse(
            "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"a lighthouse at dusk\"}]}],"
                + "\"generationConfig\":{\"responseModalities\":[\"TEXT\",\"IMAGE\"]}}"),
        Json.parse(call.body()));
    assertEquals(google.tasks().keySet(), java.util.Set.of(handle.taskId()), "the responseId");
    JobStatus.Succeeded done =
        assertInstanceOf(JobStatus.Succeeded.class, provider.status(handle).join());
    assertEquals(Optional.of("image/png"), done.images().get(0).mediaType());
    assertTrue(done.images().get(0).bytes().orElseThrow().length > 100);
    assertEquals(1, simulator.calls().size(), "its status asked Google nothing");
  }

  @Test
  void pro_gets_its_image_size_and_aspect_ratio_and_images_travel_inline() {
    byte[] png = dev.nanobanana4j.testkit.SampleImages.render("png", 8, 8, "ref");
    provider
        .submit(
            ImageRequest.builder()
                .prompt("put the cat in the kitchen")
                .model(NanoBananaModels.NANO_BANANA_PRO)
                .resolution(Resolution.TWO_K)
                .aspectRatio(AspectRatio.RATIO_16_9)
                .addReferenceImage(ImageInput.bytes(png, "image/png"))
                .build())
        .join();
    SimulatedCall call = onlySubmission();
    assertEquals("/gemini/v1beta/models/gemini-3-pro-image-preview:generateContent", call.path());
    Map<?, ?> body = (Map<?, ?>) Json.parse(call.body());
    Map<?, ?> config = (Map<?, ?>) body.get("generationConfig");
    assertEquals(Map.of("aspectRatio", "16:9", "imageSize", "2K"), config.get("imageConfig"));
    List<?> parts = (List<?>) ((Map<?, ?>) ((List<?>) body.get("contents")).get(0)).get("parts");
    assertEquals(
        Map.of(
            "inlineData",
            Map.of(
                "mimeType",
                "image/png",
                "data",
                java.util.Base64.getEncoder().encodeToString(png))),
        parts.get(1));
  }

  @Test
  void nano_banana_2_sends_512_as_google_spells_it() {
    provider
        .submit(
            ImageRequest.builder()
                .prompt("a fox")
                .model(NanoBananaModels.NANO_BANANA_2)
                .resolution(Resolution.HALF_K)
                .aspectRatio(AspectRatio.RATIO_1_8)
                .build())
        .join();
    Map<?, ?> config =
        (Map<?, ?>) ((Map<?, ?>) Json.parse(onlySubmission().body())).get("generationConfig");
    assertEquals(Map.of("aspectRatio", "1:8", "imageSize", "512"), config.get("imageConfig"));
  }

  @Test
  void a_model_id_extra_sends_another_google_model_and_a_malformed_one_is_refused() {
    ImageRequest renamed =
        ImageRequest.builder()
            .prompt("a fox")
            .model(NanoBananaModels.NANO_BANANA_PRO)
            .extra("model_id", "gemini-3-pro-image")
            .build();
    CompletionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            CompletionException.class, () -> provider.submit(renamed).join());
    // The simulated Google knows no such model yet: its 404 names the id that was sent.
    assertTrue(e.getCause().getMessage().contains("gemini-3-pro-image"), e.getMessage());
    assertEquals(
        "/gemini/v1beta/models/gemini-3-pro-image:generateContent", onlySubmission().path());
    assertEquals(
        List.of(
            "extra model_id must be a Google model id such as gemini-3-pro-image-preview"
                + " (lower-case letters, digits, dots and dashes, at most 64)"),
        provider.violations(
            ImageRequest.builder().prompt("a fox").extra("model_id", "../../v1/files").build()));
  }

  @Test
  void a_blocked_prompt_fails_the_job_for_content_policy_and_releases_nothing_to_poll() {
    try (NanoBananaClient client =
        NanoBananaClient.builder()
            .provider(GeminiProviderFactory.ID, simulator.config(GeminiProviderFactory.ID))
            .build()) {
      google.blockNextPrompt("PROHIBITED_CONTENT");
      CompletionException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              CompletionException.class,
              () ->
                  client
                      .generate(
                          GeminiProviderFactory.ID,
                          ImageRequest.builder().prompt("something forbidden").build(),
                          AwaitOptions.defaults())
                      .join());
      JobFailedException failed = assertInstanceOf(JobFailedException.class, e.getCause());
      JobStatus.Failed status = (JobStatus.Failed) failed.status();
      assertEquals(FailureReason.CONTENT_POLICY, status.reason());
      assertEquals(Optional.of("PROHIBITED_CONTENT"), status.vendorCode());
      GenerationResult ok =
          client
              .blocking()
              .generate(
                  GeminiProviderFactory.ID,
                  ImageRequest.builder().prompt("a lighthouse").build(),
                  AwaitOptions.defaults());
      assertEquals(1, ok.images().size());
      assertEquals(Money.usd("0.039"), ok.estimate().total().orElseThrow());
      assertEquals(2, simulator.calls().size(), "one call a job, no polls");
    }
  }

  @Test
  void a_result_store_keeps_the_image_google_answered_with(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    try (dev.nanobanana4j.core.application.download.FileResultStore store =
            dev.nanobanana4j.core.application.download.FileResultStore.of(dir);
        NanoBananaClient client =
            NanoBananaClient.builder()
                .provider(GeminiProviderFactory.ID, simulator.config(GeminiProviderFactory.ID))
                .resultStore(store)
                .build()) {
      GenerationResult result =
          client
              .blocking()
              .generate(
                  GeminiProviderFactory.ID,
                  ImageRequest.builder().prompt("a lighthouse").build(),
                  AwaitOptions.defaults());
      java.nio.file.Path kept =
          java.nio.file.Path.of(result.images().get(0).storedAt().orElseThrow());
      assertEquals(dir.resolve("gemini").resolve(result.handle().taskId() + "-1.png"), kept);
      assertEquals(
          java.util.Arrays.toString(result.images().get(0).bytes().orElseThrow()),
          java.util.Arrays.toString(java.nio.file.Files.readAllBytes(kept)));
    }
  }

  @Test
  void a_handle_from_another_process_is_not_found_here() {
    JobHandle handle = provider.submit(ImageRequest.builder().prompt("a fox").build()).join();
    try (ImageProvider other =
        new GeminiProviderFactory().create(simulator.config(GeminiProviderFactory.ID))) {
      CompletionException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              CompletionException.class, () -> other.status(handle).join());
      JobNotFoundException notFound = assertInstanceOf(JobNotFoundException.class, e.getCause());
      assertEquals(Optional.of(handle.taskId()), notFound.taskId());
      assertTrue(notFound.getMessage().contains("held only by the process"), notFound.getMessage());
    }
  }

  @Test
  void a_rate_limit_waits_the_retry_delay_googles_body_gives() {
    simulator.inject(
        dev.nanobanana4j.testkit.Fault.RATE_LIMITED, GeminiProviderFactory.ID, Operation.SUBMIT, 1);
    CompletionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            CompletionException.class,
            () -> provider.submit(ImageRequest.builder().prompt("a fox").build()).join());
    RateLimitException limited = assertInstanceOf(RateLimitException.class, e.getCause());
    assertEquals(Optional.of("RESOURCE_EXHAUSTED"), limited.vendorCode());
    assertTrue(limited.isSafeToResubmit());
  }

  @Test
  void a_request_google_cannot_take_is_refused_before_sending() {
    List<String> violations =
        provider.violations(
            ImageRequest.builder()
                .prompt("a fox")
                .addReferenceImage(ImageInput.url("https://example.com/a.png"))
                .aspectRatio(AspectRatio.RATIO_1_4)
                .build());
    assertTrue(
        violations.contains("reference image 1 is a URL; gemini accepts only inline images"),
        violations.toString());
    assertTrue(
        violations.stream().anyMatch(v -> v.startsWith("aspect ratio 1:4 is not supported")),
        violations.toString());
    assertEquals(List.of(), simulator.calls());
  }
}
