package dev.nanobanana4j.provider.mulerun.internal.mapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.squareup.moshi.Moshi;
import dev.nanobanana4j.core.domain.FailureReason;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.provider.mulerun.internal.api.TaskResponse;
import dev.nanobanana4j.spi.Submission;
import dev.nanobanana4j.spi.VendorError;
import dev.nanobanana4j.testkit.Json;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The mapper reads MuleRun's documented answers, in both status vocabularies. */
class MuleRunMapperTest {
  private final Moshi moshi = new Moshi.Builder().build();
  private final MuleRunMapper mapper = new MuleRunMapper();

  private TaskResponse read(String json) throws IOException {
    return moshi.adapter(TaskResponse.class).fromJson(json);
  }

  @Test
  void the_create_answer_gives_the_task_id_including_the_older_task_id_name() throws IOException {
    JobHandle handle =
        mapper.toHandle(
            read(fixture("create-response.json")),
            "edit",
            new Submission(
                "mulerun",
                "nano-banana-2",
                Instant.EPOCH,
                ErrorContext.of("mulerun", Operation.SUBMIT)));
    assertEquals("123e4567-e89b-12d3-a456-426614174000", handle.taskId());
    assertEquals("edit", handle.attributes().get(MuleRunMapper.KIND));
    JobHandle older =
        mapper.toHandle(
            read("{\"task_info\":{\"task_id\":\"abc\",\"status\":\"pending\"}}"),
            "generation",
            new Submission(
                "mulerun",
                "nano-banana",
                Instant.EPOCH,
                ErrorContext.of("mulerun", Operation.SUBMIT)));
    assertEquals("abc", older.taskId());
  }

  @Test
  void both_status_vocabularies_are_read() throws IOException {
    for (String queued : List.of("pending", "queued")) {
      assertEquals(JobStatus.Queued.unknownPosition(), mapper.toStatus(read(status(queued))));
    }
    for (String running : List.of("processing", "running")) {
      assertEquals(new JobStatus.Running(), mapper.toStatus(read(status(running))));
    }
    String succeeded =
        "{\"task_info\":{\"id\":\"x\",\"status\":\"succeeded\"},\"images\":[\"https://example.com/a.webp\"]}";
    assertEquals(
        Optional.of("image/webp"),
        ((JobStatus.Succeeded) mapper.toStatus(read(succeeded))).images().get(0).mediaType());
  }

  @Test
  void completed_lists_the_images() throws IOException {
    assertEquals(
        new JobStatus.Succeeded(
            List.of(GeneratedImage.ofUrl(URI.create("https://example.com/image.png"), "image/png")),
            Optional.empty(),
            // The model's description and the task's times, as the answer gives them.
            dev.nanobanana4j.core.domain.VendorReport.builder()
                .requestId("123e4567-e89b-12d3-a456-426614174000")
                .text("A beautiful sunset over the mountains")
                .createdAt(java.time.Instant.parse("2025-09-21T00:00:00Z"))
                .completedAt(java.time.Instant.parse("2025-09-21T00:00:00Z"))
                .build()),
        mapper.toStatus(read(fixture("task-completed.json"))));
  }

  @Test
  void failed_carries_the_error_code_title_and_detail() throws IOException {
    JobStatus.Failed failed =
        assertInstanceOf(
            JobStatus.Failed.class, mapper.toStatus(read(fixture("task-failed.json"))));
    assertEquals(FailureReason.PROVIDER_ERROR, failed.reason());
    assertEquals(Optional.of("3001"), failed.vendorCode());
    assertEquals("Task execution failed", failed.message());
    String safety =
        "{\"task_info\":{\"status\":\"failed\",\"error\":{\"code\":3002,\"title\":\"Task Execution Error\",\"detail\":\"Blocked by safety policy\"}}}";
    assertEquals(
        FailureReason.CONTENT_POLICY, ((JobStatus.Failed) mapper.toStatus(read(safety))).reason());
  }

  @Test
  void error_bodies_are_read_in_each_known_shape() {
    assertEquals(
        VendorError.of(null, "Invalid request"),
        MuleRunMapper.ERRORS.parse(400, "{\"detail\": \"Invalid request\"}"));
    assertEquals(
        VendorError.of(null, "field required"),
        MuleRunMapper.ERRORS.parse(
            422, "{\"detail\":[{\"loc\":[\"body\",\"prompt\"],\"msg\":\"field required\"}]}"));
    assertEquals(
        VendorError.of(null, "quota exceeded"),
        MuleRunMapper.ERRORS.parse(429, "{\"message\":\"quota exceeded\"}"));
    assertEquals(VendorError.none(), MuleRunMapper.ERRORS.parse(502, "<html></html>"));
  }

  private static String status(String status) {
    return "{\"task_info\":{\"id\":\"x\",\"status\":\"" + status + "\"}}";
  }

  private static String fixture(String name) {
    return Json.fixtureText("mulerun/" + name);
  }
}
