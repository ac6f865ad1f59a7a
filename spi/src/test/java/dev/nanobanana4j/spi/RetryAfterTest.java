package dev.nanobanana4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  @Test
  void reads_delay_seconds() {
    assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse(" 120 ", clock));
  }

  @Test
  void reads_an_http_date() {
    assertEquals(
        Optional.of(Duration.ofSeconds(30)),
        RetryAfter.parse("Thu, 01 Jan 2026 00:00:30 GMT", clock));
    assertEquals(
        Optional.of(Duration.ZERO), RetryAfter.parse("Wed, 31 Dec 2025 23:59:00 GMT", clock));
  }

  @Test
  void caps_at_an_hour_and_ignores_garbage() {
    assertEquals(Optional.of(Duration.ofHours(1)), RetryAfter.parse("86400", clock));
    assertEquals(Optional.empty(), RetryAfter.parse("soon", clock));
    assertEquals(Optional.empty(), RetryAfter.parse("-5", clock));
    assertEquals(Optional.empty(), RetryAfter.parse(null, clock));
  }
}
