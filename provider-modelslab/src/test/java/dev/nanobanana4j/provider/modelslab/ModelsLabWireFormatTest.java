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
  void every_documented_field_can_be_sent_and_the_track_id_can_be_the_callers() {
    JobHandle handle =
        provider
            .submit(
                ImageRequest.builder()
                    .prompt("Transform this into a watercolor painting, soft edges, artistic")
                    .addReferenceImage(
                        ImageInput.url(
                            "https://assets.modelslab.ai/generations/a56df09f-4c7f-4172-8390-29a22b17877a.avif"))
                    .seed(42L)
                    .negativePrompt("blurry, low quality, distorted")
                    .extra("width", 2048)
                    .extra("height", "2048")
                    .extra("noise_scale_start", 7.5)
                    .extra("noise_scale_end", "7.5")
                    .extra("noise_clip_std", 2.5)
                    .extra("keep_original_aspect", "no")
                    .extra("watermark", false)
                    .extra("temp", "no")
                    .extra("base64", "no")
                    .extra("track_id", "order-1234")
                    .build())
            .join();
    Map<String, Object> expected = Json.fixture("modelslab/img2img-request.json");
    expected.put("key", key);
    expected.put("track_id", "order-1234");
    expected.remove("webhook");
    assertEquals(expected, Json.parse(onlySubmission().body()));
    assertEquals("order-1234", handle.attributes().get(ModelsLabMapper.TRACK_ID));
    assertEquals(
        List.of(
            "extra noise_clip_std must be a number, not 'lots'",
            "extras width and height go together: give both, or neither",
            "extra track_id must be 1 to 128 letters, digits, '.', '_', ':' or '-', not 'a b'"),
        provider.violations(
            ImageRequest.builder()
                .prompt("a fox")
                .extra("noise_clip_std", "lots")
                .extra("width", 1024)
                .extra("track_id", "a b")
                .build()));
    assertEquals(
        List.of(
            "extra width must be 1024 to 2048 pixels and divisible by 32, not '1000'",
            "extras width and height set the size: leave out the aspect ratio and resolution"),
        provider.violations(
            ImageRequest.builder()
                .prompt("a fox")
                .extra("width", 1000)
                .extra("height", 1024)
                .aspectRatio(AspectRatio.RATIO_1_1)
                .build()));
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
