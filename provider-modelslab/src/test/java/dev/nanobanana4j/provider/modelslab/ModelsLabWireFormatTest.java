package dev.nanobanana4j.provider.modelslab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.domain.AspectRatio;
import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.Resolution;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.error.RequestValidationException;
import dev.nanobanana4j.core.port.ImageProvider;
import dev.nanobanana4j.core.port.ProviderConfig;
import dev.nanobanana4j.provider.modelslab.internal.mapper.ModelsLabMapper;
import dev.nanobanana4j.testkit.Json;
import dev.nanobanana4j.testkit.SimulatedCall;
import dev.nanobanana4j.testkit.Simulator;
import dev.nanobanana4j.testkit.TaskScript;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What ModelsLab receives is what its documentation shows; the key only ever travels in bodies. */
class ModelsLabWireFormatTest {
  private final Simulator simulator = Simulator.builder().start();
  private final String key = simulator.apiKey("modelslab");
  private final ProviderConfig config =
      ProviderConfig.builder().apiKey(key).baseUrl(simulator.baseUrl("modelslab")).build();
  private final ImageProvider provider = new ModelsLabProviderFactory().create(config);

  @AfterEach
  void close() {
    provider.close();
    simulator.close();
  }

  @Test
  void img2img_body_is_the_documented_example_with_our_track_id() {
    JobHandle handle =
        provider
            .submit(
                ImageRequest.builder()
                    .prompt("Transform this into a watercolor painting, soft edges, artistic")
                    .addReferenceImage(
                        ImageInput.url(
                            "https://assets.modelslab.ai/generations/a56df09f-4c7f-4172-8390-29a22b17877a.avif"))
                    .aspectRatio(AspectRatio.RATIO_1_1)
                    .resolution(Resolution.TWO_K)
                    .seed(42L)
                    .negativePrompt("blurry, low quality, distorted")
                    .extra("keep_original_aspect", false)
                    .extra("watermark", false)
                    .extra("base64", false)
                    .build())
            .join();
    SimulatedCall call = onlySubmission();
    assertEquals("/modelslab/api/v1/enterprise/nano_banana/img2img", call.path());
    Map<String, Object> expected = Json.fixture("modelslab/img2img-request.json");
    expected.put("key", key);
    expected.put("track_id", handle.attributes().get(ModelsLabMapper.TRACK_ID));
    // Left to ModelsLab's defaults, which these values are:
    for (String field :
        List.of("noise_scale_start", "noise_scale_end", "noise_clip_std", "temp", "webhook")) {
      expected.remove(field);
    }
    assertEquals(expected, Json.parse(call.body()));
  }

  @Test
  void the_key_is_in_the_body_and_nowhere_else() {
    JobHandle handle = provider.submit(ImageRequest.builder().prompt("a fox").build()).join();
    provider.status(handle).join();
    for (SimulatedCall call : simulator.calls()) {
      assertFalse(call.path().contains(key), call.path());
      assertFalse(call.headers().toString().contains(key), call.headers().toString());
    }
    SimulatedCall fetch = simulator.calls("modelslab", Operation.STATUS).get(0);
    assertEquals("/modelslab/api/v1/enterprise/nano_banana/fetch/" + handle.taskId(), fetch.path());
    assertEquals(Map.of("key", key), Json.parse(fetch.body()));
    assertFalse(handle.toToken().contains(key));
  }

  @Test
  void width_and_height_come_from_the_ratio_and_resolution() {
    provider
        .submit(ImageRequest.builder().prompt("a").aspectRatio(AspectRatio.RATIO_16_9).build())
        .join();
    provider
        .submit(
            ImageRequest.builder()
                .prompt("b")
                .aspectRatio(AspectRatio.RATIO_9_16)
                .resolution(Resolution.ONE_K)
                .build())
        .join();
    List<SimulatedCall> calls = simulator.calls("modelslab", Operation.SUBMIT);
    Map<String, Object> wide = Json.parseObject(calls.get(0).body());
    assertEquals(List.of(2048L, 1152L), List.of(wide.get("width"), wide.get("height")));
    Map<String, Object> tall = Json.parseObject(calls.get(1).body());
    assertEquals(List.of(1024L, 1824L), List.of(tall.get("width"), tall.get("height")));
  }

  @Test
  void several_reference_images_go_to_multi_ref_as_an_array() {
    provider
        .submit(
            ImageRequest.builder()
                .prompt("combine")
                .addReferenceImage(ImageInput.url("https://e.example/1.png"))
                .addReferenceImage(ImageInput.url("https://e.example/2.png"))
                .build())
        .join();
    SimulatedCall call = onlySubmission();
    assertEquals("/modelslab/api/v1/enterprise/nano_banana/multi_ref", call.path());
    assertEquals(
        List.of("https://e.example/1.png", "https://e.example/2.png"),
        Json.parseObject(call.body()).get("ref_image"));
  }

  @Test
  void base64_output_is_decoded_into_image_bytes() {
    simulator.vendor("modelslab").scriptNextTask(TaskScript.succeed(Duration.ZERO, Duration.ZERO));
    JobHandle handle =
        provider
            .submit(ImageRequest.builder().prompt("a fox").count(2).extra("base64", true).build())
            .join();
    JobStatus.Succeeded done =
        assertInstanceOf(JobStatus.Succeeded.class, provider.status(handle).join());
    assertEquals(2, done.images().size());
    byte[] png = done.images().get(0).bytes().orElseThrow();
    assertEquals('P', png[1]);
    assertEquals(java.util.Optional.of("image/png"), done.images().get(0).mediaType());
  }

  @Test
  void a_ratio_that_cannot_fit_is_refused_before_sending_saying_why() {
    try (NanoBananaClient client =
        NanoBananaClient.builder().provider("modelslab", config).build()) {
      RequestValidationException e =
          assertThrows(
              RequestValidationException.class,
              () ->
                  client
                      .blocking()
                      .submit(
                          ImageRequest.builder()
                              .prompt("a")
                              .aspectRatio(AspectRatio.RATIO_4_1)
                              .build()));
      assertTrue(
          e.violations().get(0).startsWith("aspect ratio 4:1 cannot fit modelslab's sizes"),
          e.getMessage());
    }
    assertEquals(List.of(), simulator.calls());
  }

  private SimulatedCall onlySubmission() {
    List<SimulatedCall> calls = simulator.calls("modelslab", Operation.SUBMIT);
    assertEquals(1, calls.size());
    return calls.get(0);
  }
}
