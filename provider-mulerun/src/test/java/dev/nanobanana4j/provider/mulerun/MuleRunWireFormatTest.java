package dev.nanobanana4j.provider.mulerun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.domain.AspectRatio;
import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.Resolution;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.port.ImageProvider;
import dev.nanobanana4j.testkit.Json;
import dev.nanobanana4j.testkit.SimulatedCall;
import dev.nanobanana4j.testkit.Simulator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What MuleRun receives is what its documentation shows. */
class MuleRunWireFormatTest {
  private final Simulator simulator = Simulator.builder().start();
  private final ImageProvider provider =
      new MuleRunProviderFactory().create(simulator.config("mulerun"));

  @AfterEach
  void close() {
    provider.close();
    simulator.close();
  }

  @Test
  void a_gif_is_refused_before_sending_as_the_documented_types_leave_it_out() {
    byte[] gif = {'G', 'I', 'F', '8', '9', 'a', 0, 0};
    ImageRequest edit =
        ImageRequest.builder()
            .prompt("make it snow")
            .addReferenceImage(ImageInput.bytes(gif, "image/gif"))
            .build();
    assertEquals(
        List.of(
            "reference image 1 is image/gif; mulerun takes inline images of image/bmp,"
                + " image/jpeg, image/png, image/webp"),
        provider.violations(edit));
    assertEquals(List.of(), simulator.calls(), "nothing was sent");
  }

  @Test
  void nano_banana_v1_sends_the_prompt_alone_and_pro_is_marked_beta() {
    provider.submit(ImageRequest.builder().model("nano-banana").prompt("a mule").build()).join();
    SimulatedCall call = simulator.calls("mulerun", Operation.SUBMIT).get(0);
    assertEquals("/mulerun/vendors/google/v1/nano-banana/generation", call.path());
    assertEquals(Map.of("prompt", "a mule"), Json.parse(call.body()));
    assertTrue(
        provider
            .violations(
                ImageRequest.builder()
                    .model("nano-banana")
                    .prompt("a mule")
                    .aspectRatio(AspectRatio.RATIO_16_9)
                    .build())
            .get(0)
            .startsWith("aspect ratio 16:9 is not supported by mulerun"));
    assertTrue(provider.info().model("nano-banana-pro").orElseThrow().beta());
    assertEquals(false, provider.info().model("nano-banana-2").orElseThrow().beta());
  }

  @Test
  void pro_edit_body_is_the_documented_example() {
    provider
        .submit(
            ImageRequest.builder()
                .model("nano-banana-pro")
                .prompt("make a photo of the man driving the car down the california coastline")
                .addReferenceImage(ImageInput.url("https://example.com/image.png"))
                .addReferenceImage(ImageInput.url("https://example.com/image2.png"))
                .aspectRatio(AspectRatio.RATIO_5_4)
                .resolution(Resolution.TWO_K)
                .build())
        .join();
    SimulatedCall call = onlySubmission();
    assertEquals("/mulerun/vendors/google/v1/nano-banana-pro/edit", call.path());
    assertEquals(Json.fixture("mulerun/edit-request-pro.json"), Json.parse(call.body()));
  }

  @Test
  void nano_banana_2_edit_body_is_the_documented_example() {
    provider
        .submit(
            ImageRequest.builder()
                .prompt("Add a small knitted wizard hat on the cat's head, make it look natural")
                .addReferenceImage(ImageInput.url("https://example.com/cat_photo.png"))
                .aspectRatio(AspectRatio.RATIO_1_1)
                .resolution(Resolution.TWO_K)
                .build())
        .join();
    SimulatedCall call = onlySubmission();
    assertEquals("/mulerun/vendors/google/v1/nano-banana-2/edit", call.path());
    assertEquals(Json.fixture("mulerun/edit-request-nb2.json"), Json.parse(call.body()));
  }

  @Test
  void a_local_file_travels_as_a_base64_data_uri() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3};
    provider
        .submit(
            ImageRequest.builder()
                .prompt("warmer light")
                .addReferenceImage(ImageInput.bytes(png, "image/png"))
                .build())
        .join();
    Map<String, Object> body = Json.parseObject(onlySubmission().body());
    assertEquals(
        List.of("data:image/png;base64," + Base64.getEncoder().encodeToString(png)),
        body.get("images"));
  }

  @Test
  void text_to_image_uses_the_generation_endpoint_and_polls_under_it() {
    JobHandle handle = provider.submit(ImageRequest.builder().prompt("a fox").build()).join();
    assertEquals("/mulerun/vendors/google/v1/nano-banana-2/generation", onlySubmission().path());
    provider.status(handle).join();
    String poll = simulator.calls("mulerun", Operation.STATUS).get(0).path();
    assertEquals("/mulerun/vendors/google/v1/nano-banana-2/generation/" + handle.taskId(), poll);
    assertTrue(handle.taskId().matches("[0-9a-f-]{36}"), handle.taskId());
  }

  private SimulatedCall onlySubmission() {
    List<SimulatedCall> calls = simulator.calls("mulerun", Operation.SUBMIT);
    assertEquals(1, calls.size());
    return calls.get(0);
  }
}
