package dev.nanobanana4j.provider.gemini.internal.mapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.squareup.moshi.Moshi;
import dev.nanobanana4j.core.domain.FailureReason;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.provider.gemini.internal.api.GenerateContentResponse;
import dev.nanobanana4j.spi.MalformedBodyException;
import dev.nanobanana4j.spi.VendorError;
import dev.nanobanana4j.testkit.SampleImages;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Google's answers, each shape its reference allows, read into a job's end. */
class GeminiMapperTest {
  private static final String PNG =
      Base64.getEncoder().encodeToString(SampleImages.render("png", 4, 4, "x"));

  private final GeminiMapper mapper = new GeminiMapper(1 << 20);

  private static GenerateContentResponse read(String json) throws IOException {
    return new Moshi.Builder().build().adapter(GenerateContentResponse.class).fromJson(json);
  }

  private JobStatus status(String json) throws IOException {
    return mapper.toStatus(read(json));
  }

  @Test
  void a_thought_image_is_not_the_answer_and_snake_case_inline_data_is_read() throws IOException {
    JobStatus.Succeeded done =
        assertInstanceOf(
            JobStatus.Succeeded.class,
            status(
                "{\"candidates\":[{\"content\":{\"parts\":["
                    + "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"not even base64\"},"
                    + "\"thought\":true},"
                    + "{\"inline_data\":{\"mime_type\":\"image/png\",\"data\":\""
                    + PNG
                    + "\"}}]},\"finishReason\":\"STOP\"}]}"));
    assertEquals(1, done.images().size());
  }

  @Test
  void an_answer_of_text_alone_fails_in_the_models_words() throws IOException {
    JobStatus.Failed failed =
        assertInstanceOf(
            JobStatus.Failed.class,
            status(
                "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"I can't draw that.\"}]},"
                    + "\"finishReason\":\"STOP\"}]}"));
    assertEquals(FailureReason.UNKNOWN, failed.reason());
    assertEquals(Optional.of("STOP"), failed.vendorCode());
    assertEquals("Google answered without an image (STOP): I can't draw that.", failed.message());
  }

  @Test
  void a_policy_finish_without_a_message_and_an_answer_without_candidates() throws IOException {
    JobStatus.Failed safety =
        assertInstanceOf(
            JobStatus.Failed.class,
            status("{\"candidates\":[{\"finishReason\":\"IMAGE_PROHIBITED_CONTENT\"}]}"));
    assertEquals(FailureReason.CONTENT_POLICY, safety.reason());
    assertEquals("Google withheld the image (IMAGE_PROHIBITED_CONTENT)", safety.message());
    JobStatus.Failed empty = assertInstanceOf(JobStatus.Failed.class, status("{}"));
    assertEquals(FailureReason.PROVIDER_ERROR, empty.reason());
    JobStatus.Failed blocked =
        assertInstanceOf(
            JobStatus.Failed.class, status("{\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}"));
    assertEquals(FailureReason.CONTENT_POLICY, blocked.reason());
    assertEquals(Optional.of("SAFETY"), blocked.vendorCode());
  }

  @Test
  void an_image_that_is_no_image_or_too_big_is_a_malformed_answer() {
    String gif = Base64.getEncoder().encodeToString("GIF89a....".getBytes());
    assertThrows(
        MalformedBodyException.class,
        () ->
            status(
                "{\"candidates\":[{\"content\":{\"parts\":[{\"inlineData\":{\"data\":\""
                    + gif
                    + "\"}}]}}]}"));
    GeminiMapper small = new GeminiMapper(16);
    assertThrows(
        MalformedBodyException.class,
        () ->
            small.toStatus(
                read(
                    "{\"candidates\":[{\"content\":{\"parts\":[{\"inlineData\":{\"data\":\""
                        + PNG
                        + "\"}}]}}]}")));
  }

  @Test
  void hundreds_of_images_are_read_as_at_most_eight() throws IOException {
    StringBuilder parts = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      parts
          .append(i == 0 ? "" : ",")
          .append("{\"inlineData\":{\"data\":\"")
          .append(PNG)
          .append("\"}}");
    }
    JobStatus.Succeeded done =
        assertInstanceOf(
            JobStatus.Succeeded.class,
            status("{\"candidates\":[{\"content\":{\"parts\":[" + parts + "]}}]}"));
    assertEquals(GeminiMapper.MAX_IMAGES, done.images().size());
  }

  @Test
  void a_response_id_is_the_task_id_only_when_it_is_a_plain_token() throws IOException {
    assertEquals("abc_DEF-1", GeminiMapper.taskId(read("{\"responseId\":\"abc_DEF-1\"}"), "f"));
    assertEquals("f", GeminiMapper.taskId(read("{\"responseId\":\"../x\"}"), "f"));
    assertEquals("f", GeminiMapper.taskId(read("{}"), "f"));
    assertEquals(
        "f", GeminiMapper.taskId(read("{\"responseId\":\"" + "a".repeat(129) + "\"}"), "f"));
  }

  @Test
  void errors_read_their_reason_and_retry_delay_and_a_refused_key_is_treated_as_401() {
    VendorError key =
        GeminiMapper.ERRORS.parse(
            400,
            "{\"error\":{\"code\":400,\"message\":\"API key not valid.\",\"status\":"
                + "\"INVALID_ARGUMENT\",\"details\":[{\"@type\":\"type.googleapis.com/"
                + "google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\"}]}}");
    assertEquals(Optional.of("API_KEY_INVALID"), key.code());
    assertEquals(Optional.of(401), key.treatedAs());
    VendorError limited =
        GeminiMapper.ERRORS.parse(
            429,
            "{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":"
                + "\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"7.5s\"}]}}");
    assertEquals(Optional.of("RESOURCE_EXHAUSTED"), limited.code());
    assertEquals(Optional.of(Duration.ofMillis(7500)), limited.retryAfter());
    assertEquals(Optional.empty(), limited.treatedAs());
    assertEquals(VendorError.none(), GeminiMapper.ERRORS.parse(502, "<html>bad gateway</html>"));
    assertNull(GeminiMapper.duration("forever"));
  }
}
