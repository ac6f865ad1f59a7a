package dev.nanobanana4j.provider.seaart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.domain.CancelResult;
import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.Resolution;
import dev.nanobanana4j.core.error.AuthenticationException;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.port.CancellationPort;
import dev.nanobanana4j.core.port.ImageProvider;
import dev.nanobanana4j.core.port.ProviderConfig;
import dev.nanobanana4j.testkit.Json;
import dev.nanobanana4j.testkit.MutableClock;
import dev.nanobanana4j.testkit.SimulatedCall;
import dev.nanobanana4j.testkit.Simulator;
import dev.nanobanana4j.testkit.TaskScript;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What SeaArt receives is what its documentation shows; cancel works as its queue says. */
class SeaArtWireFormatTest {
  private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
  private final Simulator simulator =
      Simulator.builder()
          .clock(clock)
          .defaultScript(TaskScript.succeed(Duration.ofSeconds(5), Duration.ofSeconds(5)))
          .start();
  private final ProviderConfig config = simulator.config("seaart");
  private final ImageProvider provider = new SeaArtProviderFactory().create(config);

  @AfterEach
  void close() {
    provider.close();
    simulator.close();
  }

  @Test
  void edit_body_is_the_documented_example_with_the_resolution_it_is_priced_at() {
    provider
        .submit(
            ImageRequest.builder()
                .prompt("A red apple on a white table, clean studio lighting, simple background.")
                .addReferenceImage(
                    ImageInput.url(
                        "https://image.cdn2.seaart.me/2026-06-01/d8ejq1de878c739e2lrg/995ff4fe1eeec10a06c3c7a172862733.webp"))
                .build())
        .join();
    SimulatedCall call = onlySubmission();
    assertEquals("/seaart/v1/queue/nano_banana_2", call.path());
    // The documented example leaves resolution to its documented default, 1K; the library sends
    // the resolution it priced (ResolvedRequest), which is that default.
    java.util.Map<String, Object> documented = Json.fixture("seaart/create-request-edit.json");
    documented.put("resolution", "1K");
    documented.put("image_size", "1K");
    assertEquals(documented, Json.parse(call.body()));
  }

  @Test
  void half_k_is_sent_as_the_documented_0_5k_and_pro_uses_image_size() {
    provider
        .submit(
            ImageRequest.builder()
                .prompt("a cinematic photo of a cat astronaut")
                .resolution(Resolution.HALF_K)
                .build())
        .join();
    Map<String, Object> expected = Json.fixture("seaart/create-request-quickstart.json");
    expected.put("resolution", "0.5K");
    expected.put("image_size", "512");
    assertEquals(expected, Json.parse(onlySubmission().body()));
    simulator.clearCalls();
    provider
        .submit(
            ImageRequest.builder()
                .prompt("a cat")
                .model("nano-banana-pro")
                .resolution(Resolution.FOUR_K)
                .build())
        .join();
    SimulatedCall pro = onlySubmission();
    assertEquals("/seaart/v1/queue/nano_banana_pro", pro.path());
    assertEquals(Map.of("prompt", "a cat", "image_size", "4K"), Json.parse(pro.body()));
  }

  @Test
  void response_modalities_go_to_nano_banana_2_as_its_doc_spells_them() {
    provider
        .submit(
            ImageRequest.builder().prompt("a cat").extra("response_modalities", "Image").build())
        .join();
    assertEquals(
        List.of("Image"),
        ((Map<?, ?>) Json.parse(onlySubmission().body())).get("response_modalities"));
    assertEquals(
        List.of(
            "extra response_modalities must name Image, and Text besides if wanted (Image or"
                + " Text,Image), not [Text]"),
        provider.violations(
            ImageRequest.builder().prompt("a cat").extra("response_modalities", "Text").build()));
    assertTrue(
        provider
            .violations(
                ImageRequest.builder()
                    .prompt("a cat")
                    .extra("response_modalities", "Text, Image")
                    .build())
            .isEmpty());
  }

  @Test
  void a_completed_task_reads_its_images_from_the_response_endpoint() {
    JobHandle handle = provider.submit(ImageRequest.builder().prompt("a cat").build()).join();
    assertEquals(new JobStatus.Queued(OptionalInt.of(0)), provider.status(handle).join());
    clock.advance(Duration.ofSeconds(10));
    JobStatus.Succeeded done =
        assertInstanceOf(JobStatus.Succeeded.class, provider.status(handle).join());
    assertEquals(java.util.Optional.of("image/png"), done.images().get(0).mediaType());
    List<String> paths =
        simulator.calls("seaart", Operation.STATUS).stream().map(SimulatedCall::path).toList();
    String base = "/seaart/v1/queue/nano_banana_2/requests/" + handle.taskId();
    assertEquals(List.of(base + "/status", base + "/status", base + "/response"), paths);
  }

  @Test
  void cancelling_a_running_task_is_requested_and_the_task_ends_cancelled() {
    JobHandle handle = provider.submit(ImageRequest.builder().prompt("a cat").build()).join();
    CancellationPort cancel = (CancellationPort) provider;
    assertEquals(CancelResult.REQUESTED, cancel.cancel(handle).join());
    assertEquals("PUT", simulator.calls("seaart", Operation.CANCEL).get(0).method());
    assertEquals(new JobStatus.Cancelled(), provider.status(handle).join());
  }

  @Test
  void cancelling_a_finished_task_says_it_had_finished() {
    JobHandle handle = provider.submit(ImageRequest.builder().prompt("a cat").build()).join();
    clock.advance(Duration.ofSeconds(10));
    try (NanoBananaClient client = NanoBananaClient.builder().provider("seaart", config).build()) {
      assertEquals(CancelResult.ALREADY_FINISHED, client.blocking().cancel(handle));
    }
  }

  @Test
  void a_wrong_key_reads_the_gateway_error_shape() {
    ImageProvider wrong =
        new SeaArtProviderFactory().create(config.newBuilder().apiKey("sk-wrong").build());
    CompletionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            CompletionException.class,
            () -> wrong.submit(ImageRequest.builder().prompt("a cat").build()).join());
    AuthenticationException auth = assertInstanceOf(AuthenticationException.class, e.getCause());
    assertEquals(java.util.Optional.of("UNAUTHORIZED"), auth.vendorCode());
    wrong.close();
  }

  private SimulatedCall onlySubmission() {
    List<SimulatedCall> calls = simulator.calls("seaart", Operation.SUBMIT);
    assertEquals(1, calls.size());
    return calls.get(0);
  }
}
