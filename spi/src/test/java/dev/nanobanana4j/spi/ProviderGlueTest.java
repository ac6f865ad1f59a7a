package dev.nanobanana4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.Moshi;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.JobState;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every provider shares from spi: state words, result images and error bodies. */
class ProviderGlueTest {

  @Test
  void state_words_of_every_vendor_are_read_whatever_their_case_and_separators() {
    Map<String, JobState> words =
        Map.ofEntries(
            Map.entry("pending", JobState.QUEUED),
            Map.entry("IN_QUEUE", JobState.QUEUED),
            Map.entry("Queued", JobState.QUEUED),
            Map.entry("processing", JobState.RUNNING),
            Map.entry("IN_PROGRESS", JobState.RUNNING),
            Map.entry("in-progress", JobState.RUNNING),
            Map.entry(" running ", JobState.RUNNING),
            Map.entry("success", JobState.SUCCEEDED),
            Map.entry("COMPLETED", JobState.SUCCEEDED),
            Map.entry("succeeded", JobState.SUCCEEDED),
            Map.entry("failed", JobState.FAILED),
            Map.entry("error", JobState.FAILED),
            Map.entry("CANCELED", JobState.CANCELLED),
            Map.entry("cancelled", JobState.CANCELLED));
    words.forEach((word, state) -> assertEquals(state, TaskStates.read(word), word));
  }

  @Test
  void an_unknown_or_missing_state_is_an_unreadable_answer() {
    MalformedBodyException unknown =
        assertThrows(MalformedBodyException.class, () -> TaskStates.read("exploded"));
    assertTrue(unknown.getMessage().contains("'exploded'"), unknown.getMessage());
    assertThrows(MalformedBodyException.class, () -> TaskStates.read(" "));
    assertThrows(MalformedBodyException.class, () -> TaskStates.read(null));
  }

  @Test
  void result_urls_become_images_with_their_media_type() {
    List<GeneratedImage> images =
        ResultImages.fromUrls(List.of("https://cdn.example/a.png", " https://cdn.example/b.jpg "));
    assertEquals(
        List.of("https://cdn.example/a.png image/png", "https://cdn.example/b.jpg image/jpeg"),
        images.stream()
            .map(i -> i.url().orElseThrow() + " " + i.mediaType().orElseThrow())
            .toList());
    assertEquals(
        Optional.of("image/webp"),
        ResultImages.fromUrl("https://cdn.example/x", "image/webp").mediaType());
  }

  @Test
  void a_result_without_a_usable_url_is_an_unreadable_answer() {
    for (List<?> urls :
        Arrays.asList(
            null,
            List.of(),
            List.of(" "),
            List.of(42),
            List.of("https://cdn.example/a b.png"),
            Arrays.asList("https://cdn.example/a.png", null))) {
      assertThrows(
          MalformedBodyException.class, () -> ResultImages.fromUrls(urls), String.valueOf(urls));
    }
  }

  /** An error body, public for Moshi. */
  public record Body(String code, String message) {}

  @Test
  void json_error_bodies_are_read_and_anything_else_is_no_detail() {
    ErrorBodyParser parser =
        ErrorBodyParser.json(
            new Moshi.Builder().build().adapter(Body.class),
            (status, body) ->
                body.message() == null
                    ? null
                    : VendorError.of(body.code(), status + " " + body.message()));
    assertEquals(
        VendorError.of("E1", "400 bad prompt"),
        parser.parse(400, "{\"code\":\"E1\",\"message\":\"bad prompt\"}"));
    for (String body :
        Arrays.asList(
            null, "", "  ", "<html>502</html>", "{\"code\":", "null", "{\"code\":\"E\"}")) {
      assertEquals(VendorError.none(), parser.parse(502, body), String.valueOf(body));
    }
    ErrorBodyParser throwing =
        ErrorBodyParser.json(
            new Moshi.Builder().build().adapter(Body.class),
            (status, body) -> {
              throw new IllegalStateException("a mapper's bug");
            });
    assertEquals(VendorError.none(), throwing.parse(400, "{\"code\":\"E1\"}"));
  }
}
