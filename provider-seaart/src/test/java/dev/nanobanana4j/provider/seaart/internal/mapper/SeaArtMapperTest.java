package dev.nanobanana4j.provider.seaart.internal.mapper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.squareup.moshi.Moshi;
import dev.nanobanana4j.core.domain.FailureReason;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.provider.seaart.internal.api.QueueResult;
import dev.nanobanana4j.provider.seaart.internal.api.QueueStatus;
import dev.nanobanana4j.spi.VendorError;
import dev.nanobanana4j.testkit.Json;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The mapper reads SeaArt's documented answers. */
class SeaArtMapperTest {
  private final Moshi moshi = new Moshi.Builder().build();
  private final SeaArtMapper mapper = new SeaArtMapper();

  private Optional<JobStatus> status(String fixture) throws IOException {
    return mapper.toStatus(moshi.adapter(QueueStatus.class).fromJson(fixture(fixture)));
  }

  @Test
  void the_queue_states_map_with_the_queue_position() throws IOException {
    assertEquals(
        Optional.of(new JobStatus.Queued(OptionalInt.of(0))), status("status-in-queue.json"));
    assertEquals(Optional.of(new JobStatus.Running()), status("status-in-progress.json"));
    assertEquals(
        Optional.empty(), status("status-completed.json"), "success is read from /response");
  }

  @Test
  void completed_with_an_error_is_a_failure() throws IOException {
    assertEquals(
        Optional.of(
            new JobStatus.Failed(
                FailureReason.PROVIDER_ERROR,
                Optional.of("INFERENCE_FAILURE"),
                "Task execution failed")),
        status("status-completed-error.json"));
  }

  @Test
  void the_response_lists_the_outputs_with_their_content_type() throws IOException {
    QueueResult result =
        moshi.adapter(QueueResult.class).fromJson(fixture("response-success.json"));
    assertEquals(
        new JobStatus.Succeeded(
            List.of(
                GeneratedImage.ofUrl(URI.create("https://example.com/image.png"), "image/png")
                    .withSize(1024, 1024)),
            java.util.Optional.empty(),
            dev.nanobanana4j.core.domain.VendorReport.builder()
                .requestId("mmsu_01hxyz...")
                .build()),
        mapper.toResult(result));
    QueueResult waiting =
        moshi
            .adapter(QueueResult.class)
            .fromJson("{ \"status\": \"IN_PROGRESS\", \"request_id\": \"mmsu_01hxyz...\"}");
    assertEquals(new JobStatus.Running(), mapper.toResult(waiting));
  }

  @Test
  void reads_both_error_shapes() throws IOException {
    assertEquals(
        VendorError.of("RATE_LIMIT_EXCEEDED", "Rate limit exceeded, please try again later"),
        SeaArtMapper.ERRORS.parse(429, fixture("error-rate-limit.json")));
    assertEquals(
        VendorError.of(null, "App not found: not_exists"),
        SeaArtMapper.ERRORS.parse(404, fixture("error-detail.json")));
    assertEquals(
        VendorError.of("ALREADY_COMPLETED", "ALREADY_COMPLETED"),
        SeaArtMapper.ERRORS.parse(400, "{\"status\":\"ALREADY_COMPLETED\"}"));
  }

  private static String fixture(String name) {
    return Json.fixtureText("seaart/" + name);
  }
}
