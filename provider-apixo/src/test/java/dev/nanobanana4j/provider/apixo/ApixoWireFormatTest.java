package dev.nanobanana4j.provider.apixo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.domain.AspectRatio;
import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.OutputFormat;
import dev.nanobanana4j.core.domain.Resolution;
import dev.nanobanana4j.core.error.InvalidRequestException;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.port.ImageProvider;
import dev.nanobanana4j.testkit.Json;
import dev.nanobanana4j.testkit.SimulatedCall;
import dev.nanobanana4j.testkit.Simulator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bytes APIXO receives are exactly the request bodies its documentation shows. */
class ApixoWireFormatTest {
  private final Simulator simulator = Simulator.builder().start();
  private final ImageProvider provider =
      new ApixoProviderFactory().create(simulator.config("apixo"));

  @AfterEach
  void close() {
    provider.close();
    simulator.close();
  }

  @Test
  void text_to_image_body_matches_the_documented_example() {
    provider
        .submit(
            ImageRequest.builder()
                .prompt("a fox in watercolor style")
                .aspectRatio(AspectRatio.RATIO_16_9)
                .resolution(Resolution.TWO_K)
                .outputFormat(OutputFormat.PNG)
                .extra("google_search", false)
                .build())
        .join();
    SimulatedCall call = onlySubmission();
    assertEquals(Json.fixture("apixo/submit-request-text-to-image.json"), Json.parse(call.body()));
    assertEquals("/apixo/api/v1/generateTask/nano-banana-2", call.path());
    assertEquals("Bearer " + simulator.apiKey("apixo"), call.header("Authorization").orElseThrow());
    assertEquals(true, call.header("Content-Type").orElseThrow().startsWith("application/json"));
  }

  @Test
  void nano_banana_goes_to_its_own_task_endpoint_at_three_cents_and_jpg_is_jpeg() {
    ImageRequest request =
        ImageRequest.builder()
            .prompt("a fox in watercolor style")
            .model("nano-banana")
            .outputFormat(OutputFormat.parse("jpg"))
            .build();
    assertEquals("0.03", provider.estimate(request).total().orElseThrow().amount().toPlainString());
    JobHandle handle = provider.submit(request).join();
    SimulatedCall call = onlySubmission();
    assertEquals("/apixo/api/v1/generateTask/nano-banana", call.path());
    java.util.Map<?, ?> input =
        (java.util.Map<?, ?>) ((java.util.Map<?, ?>) Json.parse(call.body())).get("input");
    assertEquals("jpeg", input.get("output_format"));
    assertEquals("1k", input.get("resolution"));
    provider.status(handle).join();
    assertEquals(
        "/apixo/api/v1/statusTask/nano-banana?taskId=" + handle.taskId(),
        simulator.calls("apixo", Operation.STATUS).get(0).path());
  }

  @Test
  void image_to_image_body_matches_the_documented_example() {
    provider
        .submit(
            ImageRequest.builder()
                .prompt("make this scene look like sunrise with warm golden light")
                .addReferenceImage(ImageInput.url("https://example.com/source.png"))
                .aspectRatio(AspectRatio.RATIO_4_5)
                .resolution(Resolution.FOUR_K)
                .outputFormat(OutputFormat.JPEG)
                .extra("google_search", false)
                .build())
        .join();
    assertEquals(
        Json.fixture("apixo/submit-request-image-to-image.json"),
        Json.parse(onlySubmission().body()));
  }

  @Test
  void status_is_polled_with_the_task_id_in_the_query() {
    var handle = provider.submit(ImageRequest.builder().prompt("a fox").build()).join();
    provider.status(handle).join();
    List<SimulatedCall> polls = simulator.calls("apixo", Operation.STATUS);
    assertEquals(
        "/apixo/api/v1/statusTask/nano-banana-2?taskId=" + handle.taskId(), polls.get(0).path());
    assertEquals("GET", polls.get(0).method());
  }

  @Test
  void a_body_the_vendor_refuses_is_an_invalid_request_carrying_its_message() {
    // The provider port sends what it is given; validation is the client's job. Bypassing it
    // shows how APIXO's own 400 answer is reported.
    CompletionException e =
        assertThrows(
            CompletionException.class,
            () ->
                provider.submit(ImageRequest.builder().prompt("x".repeat(20_001)).build()).join());
    InvalidRequestException invalid = assertInstanceOf(InvalidRequestException.class, e.getCause());
    assertEquals(400, invalid.httpStatus().orElseThrow());
    assertEquals(Optional.of("400"), invalid.vendorCode());
    assertTrue(
        invalid.getMessage().endsWith("Invalid request: input.prompt must be 1-20000 characters"),
        invalid.getMessage());
  }

  private SimulatedCall onlySubmission() {
    List<SimulatedCall> calls = simulator.calls("apixo", Operation.SUBMIT);
    assertEquals(1, calls.size());
    return calls.get(0);
  }
}
