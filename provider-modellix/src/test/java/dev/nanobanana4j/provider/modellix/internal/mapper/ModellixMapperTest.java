package dev.nanobanana4j.provider.modellix.internal.mapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.squareup.moshi.Moshi;
import dev.nanobanana4j.core.domain.FailureReason;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.InsufficientBalanceException;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.provider.modellix.internal.api.TaskEnvelope;
import dev.nanobanana4j.spi.Submission;
import dev.nanobanana4j.spi.VendorError;
import dev.nanobanana4j.testkit.Json;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The mapper reads the literal answers of Modellix's documentation. */
class ModellixMapperTest {
  private final Moshi moshi = new Moshi.Builder().build();
  private final ModellixMapper mapper = new ModellixMapper();
  private final ErrorContext context = ErrorContext.of("modellix", Operation.STATUS);

  private TaskEnvelope read(String json) throws IOException {
    return moshi.adapter(TaskEnvelope.class).fromJson(json);
  }

  @Test
  void the_submit_answer_gives_the_task_id_and_the_url_to_poll() throws IOException {
    JobHandle handle =
        mapper.toHandle(
            read(fixture("submit-response.json")),
            new Submission("modellix", "nano-banana-2", Instant.EPOCH, context));
    assertEquals("task-i2i003", handle.taskId());
    assertEquals(
        "https://api.modellix.ai/api/v1/tasks/task-i2i003",
        handle.attributes().get(ModellixMapper.STATUS_URL));
  }

  @Test
  void pending_is_queued_and_success_lists_the_resources() throws IOException {
    assertEquals(
        JobStatus.Queued.unknownPosition(),
        mapper.toStatus(read(fixture("task-pending.json")), context));
    assertEquals(
        new JobStatus.Succeeded(
            List.of(
                GeneratedImage.ofUrl(
                        URI.create("https://cdn.example.com/images/abc123.png"), "image/png")
                    .withSize(1024, 1024)),
            Optional.of(java.time.Duration.ofMillis(3500)),
            dev.nanobanana4j.core.domain.VendorReport.builder()
                .requestId("task-abc123")
                .field("model_id", "qwen-image-plus")
                .build()),
        mapper.toStatus(read(fixture("task-success.json")), context));
  }

  @Test
  void what_a_task_was_charged_is_read_where_the_answer_says() throws IOException {
    // The shape a third-party capture shows; Modellix documents none.
    JobStatus.Succeeded done =
        (JobStatus.Succeeded)
            mapper.toStatus(
                read(
                    "{\"code\":0,\"data\":{\"status\":\"success\",\"task_id\":\"t-1\","
                        + "\"duration\":41230,\"result\":{\"resources\":[{\"url\":"
                        + "\"https://cdn.example/x.png\",\"type\":\"image\",\"width\":1366,"
                        + "\"height\":768}]},\"billing\":{\"status\":\"succeeded\","
                        + "\"amount\":\"0.2400\"}}}"),
                context);
    assertEquals(
        Optional.of(dev.nanobanana4j.core.domain.Money.usd("0.2400")), done.report().charged());
    assertEquals("succeeded", done.report().fields().get("billing.status"));
    assertEquals(java.util.OptionalInt.of(1366), done.images().get(0).width());
    JobStatus.Succeeded odd =
        (JobStatus.Succeeded)
            mapper.toStatus(
                read(
                    "{\"code\":0,\"data\":{\"status\":\"success\",\"task_id\":\"t-2\","
                        + "\"duration\":-5,\"result\":{\"resources\":[\"https://cdn.example/y.png\"]},"
                        + "\"billing\":{\"amount\":\"-1e9\"}}}"),
                context);
    assertEquals(Optional.empty(), odd.report().charged(), "an amount that is no amount");
    assertEquals(Optional.empty(), odd.vendorReportedDuration());
  }

  @Test
  void an_expiry_in_the_answer_marks_the_images_in_milliseconds_or_seconds() throws IOException {
    String millis =
        "{\"code\":0,\"data\":{\"status\":\"success\",\"task_id\":\"t\","
            + "\"result\":{\"resources\":[{\"type\":\"image\",\"url\":\"https://cdn.example/a.png\"}]},"
            + "\"result_expires_at\":1786000000000},\"message\":\"success\"}";
    JobStatus.Succeeded marked = (JobStatus.Succeeded) mapper.toStatus(read(millis), context);
    assertEquals(
        java.util.Optional.of(java.time.Instant.ofEpochMilli(1786000000000L)),
        marked.images().get(0).expiresAt());
    JobStatus.Succeeded seconds =
        (JobStatus.Succeeded)
            mapper.toStatus(read(millis.replace("1786000000000", "1786000000")), context);
    assertEquals(
        java.util.Optional.of(java.time.Instant.ofEpochSecond(1786000000L)),
        seconds.images().get(0).expiresAt());
    JobStatus.Succeeded none =
        (JobStatus.Succeeded)
            mapper.toStatus(
                read(millis.replace(",\"result_expires_at\":1786000000000", "")), context);
    assertEquals(java.util.Optional.empty(), none.images().get(0).expiresAt());
  }

  @Test
  void the_cli_fixtures_success_shape_and_bare_url_resources_are_read() throws IOException {
    String cli =
        "{\"code\":0,\"data\":{\"result\":{\"resources\":[{\"type\":\"image\",\"url\":\"https://cdn.example.com/a.png\"}]},"
            + "\"status\":\"success\",\"task_id\":\"task-abc123\"},\"message\":\"success\"}";
    assertInstanceOf(JobStatus.Succeeded.class, mapper.toStatus(read(cli), context));
    String bare =
        "{\"code\":0,\"data\":{\"status\":\"completed\",\"resources\":[\"https://cdn.example.com/b.jpg\"]}}";
    assertEquals(
        Optional.of("image/jpeg"),
        ((JobStatus.Succeeded) mapper.toStatus(read(bare), context)).images().get(0).mediaType());
  }

  @Test
  void a_failed_task_without_detail_is_failed_for_an_unknown_reason() throws IOException {
    JobStatus.Failed failed =
        assertInstanceOf(
            JobStatus.Failed.class, mapper.toStatus(read(fixture("task-failed.json")), context));
    assertEquals(FailureReason.UNKNOWN, failed.reason());
    assertEquals("Modellix reported the task failed without a reason", failed.message());
    String withError =
        "{\"code\":0,\"data\":{\"status\":\"failed\",\"error\":{\"code\":\"E_SAFETY\",\"message\":\"blocked by safety filter\"}}}";
    JobStatus.Failed detailed = (JobStatus.Failed) mapper.toStatus(read(withError), context);
    assertEquals(FailureReason.CONTENT_POLICY, detailed.reason());
    assertEquals(Optional.of("E_SAFETY"), detailed.vendorCode());
  }

  @Test
  void an_error_code_in_the_envelope_is_that_error() throws IOException {
    assertThrows(
        InsufficientBalanceException.class,
        () ->
            mapper.toStatus(read("{\"code\":402,\"message\":\"Insufficient balance\"}"), context));
  }

  @Test
  void the_error_category_is_the_vendor_code() throws IOException {
    assertEquals(
        VendorError.of("Invalid parameters", "Invalid parameters: parameter 'prompt' is required"),
        ModellixMapper.ERRORS.parse(400, fixture("error.json")));
  }

  private static String fixture(String name) {
    return Json.fixtureText("modellix/" + name);
  }
}
