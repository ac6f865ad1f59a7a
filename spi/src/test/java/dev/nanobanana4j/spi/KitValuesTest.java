package dev.nanobanana4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.domain.FailureReason;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The small readers every adapter shares: failure words, JSON values, media types. */
class KitValuesTest {
  @Test
  void reads_a_failure_reason_from_the_vendors_words() {
    Map<String, FailureReason> expected =
        Map.ofEntries(
            Map.entry("SAFETY_BLOCK", FailureReason.CONTENT_POLICY),
            Map.entry("sensitive content", FailureReason.CONTENT_POLICY),
            Map.entry("NSFW detected", FailureReason.CONTENT_POLICY),
            Map.entry("violates policy", FailureReason.CONTENT_POLICY),
            Map.entry("prohibited prompt", FailureReason.CONTENT_POLICY),
            Map.entry("upstream timeout", FailureReason.TIMEOUT),
            Map.entry("request timed out", FailureReason.TIMEOUT),
            Map.entry("rate limit hit", FailureReason.RATE_LIMITED),
            Map.entry("low balance", FailureReason.INSUFFICIENT_BALANCE),
            Map.entry("quota exceeded", FailureReason.INSUFFICIENT_BALANCE),
            Map.entry("no credits", FailureReason.INSUFFICIENT_BALANCE),
            Map.entry("invalid size", FailureReason.INVALID_INPUT),
            Map.entry("missing prompt", FailureReason.INVALID_INPUT),
            Map.entry("something odd", FailureReason.UNKNOWN));
    expected.forEach(
        (words, reason) -> {
          assertEquals(reason, FailureReasons.fromText(words, null), "code: " + words);
          assertEquals(reason, FailureReasons.fromText(null, words), "message: " + words);
        });
    assertEquals(FailureReason.CONTENT_POLICY, FailureReasons.fromText("E42", "Safety filter"));
    assertEquals(FailureReason.UNKNOWN, FailureReasons.fromText(null, null));
  }

  @Test
  void reads_json_values_as_text() {
    assertNull(JsonValues.text(null));
    assertNull(JsonValues.text("  "));
    assertEquals("3001", JsonValues.text(3001.0));
    assertEquals("2.5", JsonValues.text(2.5));
    assertEquals("Infinity", JsonValues.text(Double.POSITIVE_INFINITY));
    assertEquals("abc", JsonValues.text("abc"));
    assertEquals("true", JsonValues.text(true));
    assertTrue(JsonValues.isBlank(null));
    assertTrue(JsonValues.isBlank(" "));
    assertFalse(JsonValues.isBlank("x"));
  }

  @Test
  void reads_durations_a_vendor_reports_in_seconds_or_milliseconds() {
    assertEquals(
        java.util.Optional.of(java.time.Duration.ofMillis(45_200)), JsonValues.seconds(45.2));
    assertEquals(java.util.Optional.of(java.time.Duration.ZERO), JsonValues.seconds(0.0));
    assertEquals(java.util.Optional.empty(), JsonValues.seconds(null));
    assertEquals(java.util.Optional.empty(), JsonValues.seconds(-1.0));
    assertEquals(java.util.Optional.empty(), JsonValues.seconds(Double.NaN));
    assertEquals(java.util.Optional.empty(), JsonValues.seconds(2e9));
    assertEquals(
        java.util.Optional.of(java.time.Duration.ofSeconds(1)), JsonValues.seconds(1e9 / 1e9));
    assertEquals(
        java.util.Optional.of(java.time.Duration.ofMillis(3500)), JsonValues.millis(3500L));
    assertEquals(java.util.Optional.of(java.time.Duration.ZERO), JsonValues.millis(0L));
    assertEquals(java.util.Optional.empty(), JsonValues.millis(-1L));
    assertEquals(java.util.Optional.empty(), JsonValues.millis(null));
  }

  @Test
  void names_the_media_type_a_url_ends_with() {
    assertEquals("image/png", MediaTypes.fromUrl("https://cdn.example/a.PNG?sig=1.jpg"));
    assertEquals("image/jpeg", MediaTypes.fromUrl("https://cdn.example/a.jpg#x.png"));
    assertEquals("image/jpeg", MediaTypes.fromUrl("https://cdn.example/a.jpeg"));
    assertEquals("image/webp", MediaTypes.fromUrl("https://cdn.example/a.webp"));
    assertNull(MediaTypes.fromUrl("https://cdn.example/a.gif"));
    assertNull(MediaTypes.fromUrl("https://cdn.example/image"));
  }

  @Test
  void a_vendor_error_keeps_only_what_was_said() {
    VendorError said = VendorError.of("E1", "bad");
    assertEquals(Optional.of("E1"), said.code());
    assertEquals(Optional.of("bad"), said.message());
    assertEquals(Optional.empty(), VendorError.of(" ", "").code());
    assertEquals(Optional.empty(), VendorError.of(null, " ").message());
    assertEquals(
        Optional.of(Duration.ofSeconds(3)),
        said.withRetryAfter(Duration.ofSeconds(3)).retryAfter());
    assertEquals(Optional.empty(), VendorError.none().code());
  }

  @Test
  void an_answer_is_taken_only_for_the_task_it_names() {
    dev.nanobanana4j.core.domain.JobHandle handle =
        dev.nanobanana4j.core.domain.JobHandle.of("acme", "123", java.time.Instant.EPOCH);
    HttpImageProvider.requireAnswerFor(handle, "123");
    HttpImageProvider.requireAnswerFor(handle, 123.0);
    HttpImageProvider.requireAnswerFor(handle, null);
    HttpImageProvider.requireAnswerFor(handle, " ");
    MalformedBodyException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            MalformedBodyException.class, () -> HttpImageProvider.requireAnswerFor(handle, "1234"));
    assertEquals("the answer is about another task than 123; it is not taken", e.getMessage());
  }
}
