package dev.nanobanana4j.springai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.application.waiting.PollingPolicy;
import dev.nanobanana4j.core.domain.AspectRatio;
import dev.nanobanana4j.core.domain.Resolution;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.error.ProviderConfigurationException;
import dev.nanobanana4j.core.error.RequestValidationException;
import dev.nanobanana4j.testkit.Simulator;
import dev.nanobanana4j.testkit.TaskScript;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.image.ImageMessage;
import org.springframework.ai.image.ImageModel;
import org.springframework.ai.image.ImageOptionsBuilder;
import org.springframework.ai.image.ImagePrompt;
import org.springframework.ai.image.ImageResponse;

/** The model driven through Spring AI's own interface, against the simulator. */
class NanoBananaSpringImageModelTest {
  private final Simulator simulator =
      Simulator.builder()
          .defaultScript(TaskScript.succeed(Duration.ZERO, Duration.ofMillis(100)))
          .start();
  private final NanoBananaClient client =
      NanoBananaClient.builder()
          .provider("apixo", simulator.config("apixo"))
          .pollingPolicy(PollingPolicy.fixed(Duration.ofMillis(20), Duration.ofMillis(20)))
          .build();
  private final ImageModel model =
      NanoBananaSpringImageModel.builder()
          .client(client)
          .provider("apixo")
          .timeout(Duration.ofSeconds(30))
          .build();

  @AfterEach
  void close() {
    client.close();
    simulator.close();
  }

  private String sent(int index) {
    return simulator.calls("apixo", Operation.SUBMIT).get(index).body();
  }

  @Test
  void generates_an_image_and_says_which_job_made_it() {
    ImageResponse response = model.call(new ImagePrompt("a lighthouse at dusk"));
    assertEquals(1, response.getResults().size());
    assertNotNull(response.getResult().getOutput().getUrl());
    assertNull(response.getResult().getOutput().getB64Json());
    assertEquals("apixo", response.getMetadata().get("provider"));
    assertTrue(response.getMetadata().<String>get("token").startsWith("nb1."));
    assertEquals("0.05", response.getMetadata().get("estimatedCost"));
  }

  @Test
  void options_become_count_ratio_resolution_and_a_style_sentence() {
    ImageResponse response =
        model.call(
            new ImagePrompt(
                "a fox",
                ImageOptionsBuilder.builder()
                    .n(2)
                    .width(1920)
                    .height(1080)
                    .style("watercolor")
                    .build()));
    assertEquals(2, response.getResults().size());
    assertEquals(2, simulator.calls("apixo", Operation.SUBMIT).size(), "one image a call");
    assertTrue(sent(0).contains("16:9"), sent(0));
    assertTrue(sent(0).contains("\"resolution\":\"2k\""), sent(0)); // APIXO writes it in lower case
    assertTrue(sent(0).contains("Style: watercolor."), sent(0));
  }

  @Test
  void a_route_makes_n_images_in_as_many_routed_calls_as_its_first_choice_needs() {
    ImageModel routed =
        NanoBananaSpringImageModel.builder()
            .client(client)
            .route(dev.nanobanana4j.core.application.routing.Route.cheapest())
            .timeout(Duration.ofSeconds(30))
            .build();
    ImageResponse response =
        routed.call(new ImagePrompt("a fox", ImageOptionsBuilder.builder().n(2).build()));
    assertEquals(2, response.getResults().size());
    assertEquals(2, simulator.calls("apixo", Operation.SUBMIT).size(), "one image a call");
  }

  @Test
  void the_messages_make_one_prompt_and_a_bad_request_is_refused_unsent() {
    model.call(
        new ImagePrompt(List.of(new ImageMessage("a fox"), new ImageMessage("in the snow"))));
    assertTrue(sent(0).contains("a fox\\nin the snow"), sent(0));
    assertThrows(
        RequestValidationException.class,
        () -> model.call(new ImagePrompt("a fox", ImageOptionsBuilder.builder().n(99).build())));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            model.call(
                new ImagePrompt(
                    "a fox", ImageOptionsBuilder.builder().width(0).height(5).build())));
    assertEquals(1, simulator.calls("apixo", Operation.SUBMIT).size());
  }

  @Test
  void sizes_map_to_the_nearest_ratio_and_the_smallest_resolution_that_holds_them() {
    assertEquals(AspectRatio.RATIO_1_1, NanoBananaSpringImageModel.nearestRatio(1000, 1000, null));
    assertEquals(AspectRatio.RATIO_9_16, NanoBananaSpringImageModel.nearestRatio(720, 1280, null));
    assertEquals(AspectRatio.RATIO_21_9, NanoBananaSpringImageModel.nearestRatio(2560, 1080, null));
    assertEquals(Resolution.HALF_K, NanoBananaSpringImageModel.resolutionFor(512, null));
    assertEquals(Resolution.ONE_K, NanoBananaSpringImageModel.resolutionFor(513, null));
    assertEquals(Resolution.FOUR_K, NanoBananaSpringImageModel.resolutionFor(9000, null));
  }

  @Test
  void without_a_provider_it_uses_the_clients_default_and_refuses_to_guess() {
    try (NanoBananaClient two =
            NanoBananaClient.builder()
                .provider("apixo", simulator.config("apixo"))
                .provider("mulerun", simulator.config("mulerun"))
                .pollingPolicy(PollingPolicy.fixed(Duration.ofMillis(20), Duration.ofMillis(20)))
                .defaultProvider("mulerun")
                .build();
        NanoBananaClient undecided =
            NanoBananaClient.builder()
                .provider("apixo", simulator.config("apixo"))
                .provider("mulerun", simulator.config("mulerun"))
                .build()) {
      NanoBananaSpringImageModel.builder().client(two).build().call(new ImagePrompt("a fox"));
      assertEquals(1, simulator.calls("mulerun", Operation.SUBMIT).size());
      assertEquals(List.of(), simulator.calls("apixo", Operation.SUBMIT));
      ImageModel guessing = NanoBananaSpringImageModel.builder().client(undecided).build();
      assertThrows(
          ProviderConfigurationException.class, () -> guessing.call(new ImagePrompt("a fox")));
      assertEquals(1, simulator.calls("mulerun", Operation.SUBMIT).size(), "nothing sent");
    }
  }
}
