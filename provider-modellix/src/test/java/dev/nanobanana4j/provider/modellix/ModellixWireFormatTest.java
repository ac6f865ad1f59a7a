package dev.nanobanana4j.provider.modellix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.domain.AspectRatio;
import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.Resolution;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.error.RequestValidationException;
import dev.nanobanana4j.core.port.ImageProvider;
import dev.nanobanana4j.core.port.ProviderConfig;
import dev.nanobanana4j.provider.modellix.internal.mapper.ModellixMapper;
import dev.nanobanana4j.testkit.Json;
import dev.nanobanana4j.testkit.SimulatedCall;
import dev.nanobanana4j.testkit.Simulator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What Modellix receives is what its documentation shows. */
class ModellixWireFormatTest {
  private final Simulator simulator = Simulator.builder().start();
  private final ProviderConfig config = simulator.config("modellix");
  private final ImageProvider provider = new ModellixProviderFactory().create(config);

  @AfterEach
  void close() {
    provider.close();
    simulator.close();
  }

  @Test
  void text_to_image_body_is_the_documented_example_with_the_resolution_it_is_priced_at() {
    provider
        .submit(
            ImageRequest.builder()
                .prompt("A colorful abstract painting with flowing shapes")
                .build())
        .join();
    SimulatedCall call = onlySubmission();
    assertEquals("/modellix/api/v1/google/nano-banana-2/async", call.path());
    // The documented example leaves imageSize to its documented default, 1K; the library sends the
    // resolution it priced (ResolvedRequest), which is that default.
    java.util.Map<String, Object> documented =
        Json.fixture("modellix/submit-request-text-to-image.json");
    documented.put("imageSize", "1K");
    assertEquals(documented, Json.parse(call.body()));
    assertEquals(
        "Bearer " + simulator.apiKey("modellix"), call.header("Authorization").orElseThrow());
  }

  @Test
  void nano_banana_and_nano_banana_2_lite_go_to_their_text_to_image_endpoints_without_a_size() {
    for (String model : List.of("nano-banana", ModellixProviderFactory.NANO_BANANA_2_LITE)) {
      simulator.clearCalls();
      provider
          .submit(
              ImageRequest.builder()
                  .prompt("a lighthouse")
                  .model(model)
                  .aspectRatio(AspectRatio.RATIO_16_9)
                  .build())
          .join();
      SimulatedCall call = onlySubmission();
      assertEquals("/modellix/api/v1/google/" + model + "/async", call.path());
      assertEquals(
          Map.of("prompt", "a lighthouse", "aspectRatio", "16:9"), Json.parse(call.body()));
    }
    List<String> edit =
        provider.violations(
            ImageRequest.builder()
                .prompt("warmer")
                .model("nano-banana")
                .addReferenceImage(ImageInput.url("https://example.com/a.png"))
                .resolution(Resolution.TWO_K)
                .build());
    assertTrue(edit.stream().anyMatch(v -> v.contains("resolution 2K")), edit.toString());
    assertTrue(edit.stream().anyMatch(v -> v.contains("edit")), edit.toString());
  }

  @Test
  void the_account_is_the_keys_validity_and_the_teams_balance_in_two_reads() {
    try (NanoBananaClient client =
        NanoBananaClient.builder().provider("modellix", simulator.config("modellix")).build()) {
      dev.nanobanana4j.core.domain.AccountStatus account = client.blocking().account("modellix");
      assertEquals(java.util.Optional.of(true), account.keyValid());
      assertEquals(
          java.util.Optional.of(dev.nanobanana4j.core.domain.Money.usd("100")), account.balance());
      assertEquals(
          List.of("/modellix/api/v1/apikey/validate", "/modellix/api/v1/team/balance"),
          simulator.calls("modellix", Operation.ACCOUNT).stream()
              .map(SimulatedCall::path)
              .sorted()
              .toList());
    }
    try (NanoBananaClient wrong =
        NanoBananaClient.builder()
            .provider(
                "modellix",
                simulator.config("modellix").newBuilder().apiKey("sk-not-this-one").build())
            .build()) {
      java.util.concurrent.CompletionException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              java.util.concurrent.CompletionException.class,
              () -> wrong.account("modellix").join());
      org.junit.jupiter.api.Assertions.assertInstanceOf(
          dev.nanobanana4j.core.error.AuthenticationException.class, e.getCause());
    }
  }

  @Test
  void edit_body_sends_image_as_the_documented_array_with_camel_case_ratio_and_size() {
    provider
        .submit(
            ImageRequest.builder()
                .prompt("Transform this into a watercolor painting")
                .addReferenceImage(ImageInput.url("https://example.com/image.jpg"))
                .aspectRatio(AspectRatio.RATIO_16_9)
                .resolution(Resolution.HALF_K)
                .build())
        .join();
    SimulatedCall call = onlySubmission();
    assertEquals("/modellix/api/v1/google/nano-banana-2-edit/async", call.path());
    Map<String, Object> expected = Json.fixture("modellix/submit-request-edit.json");
    expected.put("image", List.of(expected.get("image")));
    expected.put("aspectRatio", "16:9");
    expected.put("imageSize", "512");
    assertEquals(expected, Json.parse(call.body()));
  }

  @Test
  void the_pro_model_is_a_model_choice_with_its_own_endpoint_and_sizes() {
    provider.submit(ImageRequest.builder().prompt("a fox").model("nano-banana-pro").build()).join();
    assertEquals("/modellix/api/v1/google/nano-banana-pro/async", onlySubmission().path());
    try (NanoBananaClient client =
        NanoBananaClient.builder().provider("modellix", config).build()) {
      RequestValidationException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              RequestValidationException.class,
              () ->
                  client.estimate(
                      ImageRequest.builder()
                          .prompt("a fox")
                          .model("nano-banana-pro")
                          .resolution(Resolution.HALF_K)
                          .build()));
      assertEquals(
          List.of("resolution 512 is not supported by modellix; use one of 1K, 2K, 4K"),
          e.violations());
    }
  }

  @Test
  void polls_the_result_url_the_vendor_gave() {
    JobHandle handle = provider.submit(ImageRequest.builder().prompt("a fox").build()).join();
    assertTrue(
        handle.attributes().get(ModellixMapper.STATUS_URL).endsWith("/tasks/" + handle.taskId()));
    provider.status(handle).join();
    assertEquals(
        "/modellix/api/v1/tasks/" + handle.taskId(),
        simulator.calls("modellix", Operation.STATUS).get(0).path());
  }

  @Test
  void never_sends_the_key_to_a_result_url_on_another_host() {
    JobHandle handle = provider.submit(ImageRequest.builder().prompt("a fox").build()).join();
    Map<String, String> attributes = new HashMap<>(handle.attributes());
    attributes.put(
        ModellixMapper.STATUS_URL, "https://elsewhere.example/api/v1/tasks/" + handle.taskId());
    provider
        .status(JobHandle.of("modellix", handle.taskId(), handle.submittedAt(), attributes))
        .join();
    assertEquals(
        "/modellix/api/v1/tasks/" + handle.taskId(),
        simulator.calls("modellix", Operation.STATUS).get(0).path());
  }

  private SimulatedCall onlySubmission() {
    List<SimulatedCall> calls = simulator.calls("modellix", Operation.SUBMIT);
    assertEquals(1, calls.size());
    return calls.get(0);
  }
}
