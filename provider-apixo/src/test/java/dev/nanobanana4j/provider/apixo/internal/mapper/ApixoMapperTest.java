package dev.nanobanana4j.provider.apixo.internal.mapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.squareup.moshi.Moshi;
import dev.nanobanana4j.core.domain.FailureReason;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.error.AuthenticationException;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.provider.apixo.internal.api.StatusResponse;
import dev.nanobanana4j.spi.MalformedBodyException;
import dev.nanobanana4j.spi.VendorError;
import dev.nanobanana4j.testkit.Json;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The mapper reads the documentation's literal answers. */
class ApixoMapperTest {
  private final Moshi moshi = new Moshi.Builder().build();
  private final ApixoMapper mapper = new ApixoMapper();
  private final ErrorContext context =
      ErrorContext.of("apixo", Operation.STATUS).withTaskId("task_12345678");

  private JobStatus status(String fixture) throws IOException {
    return mapper.toStatus(moshi.adapter(StatusResponse.class).fromJson(fixture(fixture)), context);
  }

  @Test
  void processing_is_running() throws IOException {
    assertEquals(new JobStatus.Running(), status("status-processing.json"));
  }

  @Test
  void success_parses_result_urls_from_the_result_json_string() throws IOException {
    JobStatus status = status("status-success.json");
    assertEquals(
        new JobStatus.Succeeded(
            List.of(
                GeneratedImage.ofUrl(URI.create("https://r2.apixo.ai/xxx.png"), "image/png")
                    // "available for 15 days" after the docs' completeTime
                    .withExpiresAt(
                        java.time.Instant.ofEpochMilli(1767965652317L).plus(Duration.ofDays(15)))),
            Optional.of(Duration.ofMillis(41388)), // the docs' costTime
            dev.nanobanana4j.core.domain.VendorReport.builder()
                .requestId("task_12345678")
                .createdAt(java.time.Instant.ofEpochMilli(1767965610929L))
                .completedAt(java.time.Instant.ofEpochMilli(1767965652317L))
                .build()),
        status);
  }

  @Test
  void failed_maps_fail_code_and_message() throws IOException {
    JobStatus.Failed failed =
        assertInstanceOf(JobStatus.Failed.class, status("status-failed.json"));
    assertEquals(FailureReason.CONTENT_POLICY, failed.reason());
    assertEquals(Optional.of("SensitiveContent"), failed.vendorCode());
    assertEquals("Content violates safety policy, please adjust the prompt", failed.message());
  }

  @Test
  void result_json_given_as_an_object_is_read_too() throws IOException {
    String body =
        "{\"code\":200,\"message\":\"success\",\"data\":{\"taskId\":\"t\",\"state\":\"success\","
            + "\"resultJson\":{\"resultUrls\":[\"https://cdn.apixo.ai/output/abc.jpg\"]}}}";
    JobStatus status = mapper.toStatus(moshi.adapter(StatusResponse.class).fromJson(body), context);
    assertEquals(
        Optional.of("image/jpeg"), ((JobStatus.Succeeded) status).images().get(0).mediaType());
  }

  @Test
  void both_documented_fail_code_vocabularies_are_recognised() {
    assertEquals(FailureReason.CONTENT_POLICY, ApixoMapper.reason("NSFW_DETECTED"));
    assertEquals(
        FailureReason.CONTENT_POLICY, ApixoMapper.reason("InputImageSensitiveContentDetected"));
    assertEquals(FailureReason.INVALID_INPUT, ApixoMapper.reason("PROMPT_TOO_LONG"));
    assertEquals(FailureReason.INVALID_INPUT, ApixoMapper.reason("PromptLengthExceeded"));
    assertEquals(FailureReason.TIMEOUT, ApixoMapper.reason("PROCESSING_TIMEOUT"));
    assertEquals(FailureReason.INSUFFICIENT_BALANCE, ApixoMapper.reason("INSUFFICIENT_CREDITS"));
    assertEquals(FailureReason.UNKNOWN, ApixoMapper.reason("SomethingNew"));
  }

  @Test
  void an_error_code_inside_a_200_envelope_is_an_error() throws IOException {
    String body = "{\"code\":401,\"message\":\"Unauthorized\",\"data\":null}";
    AuthenticationException e =
        assertThrows(
            AuthenticationException.class,
            () -> mapper.toStatus(moshi.adapter(StatusResponse.class).fromJson(body), context));
    assertEquals(401, e.httpStatus().orElseThrow());
  }

  @Test
  void an_unknown_state_is_a_protocol_error() throws IOException {
    String body =
        "{\"code\":200,\"message\":\"success\",\"data\":{\"taskId\":\"t\",\"state\":\"melting\"}}";
    assertThrows(
        MalformedBodyException.class,
        () -> mapper.toStatus(moshi.adapter(StatusResponse.class).fromJson(body), context));
  }

  @Test
  void reads_the_documented_error_body() throws IOException {
    assertEquals(
        VendorError.of("400", "Invalid request: Missing required field: input.prompt"),
        ApixoMapper.ERRORS.parse(400, fixture("error-invalid-request.json")));
    assertEquals(VendorError.none(), ApixoMapper.ERRORS.parse(502, "<html>bad gateway</html>"));
  }

  @Test
  void says_a_repeated_detail_once() {
    assertEquals(
        VendorError.of("404", "Task not found: t-1"),
        ApixoMapper.ERRORS.parse(
            404,
            "{\"code\":404,\"message\":\"Task not found: t-1\",\"data\":{\"error\":\"Task not found: t-1\"}}"));
  }

  private static String fixture(String name) {
    return Json.fixtureText("apixo/" + name);
  }
}
