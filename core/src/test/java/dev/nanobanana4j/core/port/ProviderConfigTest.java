package dev.nanobanana4j.core.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderConfigTest {
  @Test
  void keeps_every_setting_and_copies_them_all() {
    CallObserver observer = (provider, operation, status, took) -> {};
    ProviderConfig config =
        ProviderConfig.builder()
            .apiKey("sk-1")
            .baseUrl("http://127.0.0.1:9/v1")
            .connectTimeout(Duration.ofSeconds(3))
            .requestTimeout(Duration.ofSeconds(4))
            .maxConcurrentRequests(5)
            .callObserver(observer)
            .webhookSecret(Secret.of("whsec_x"))
            .maxResponseBytes(2048)
            .maxInlineImageBytes(4096)
            .build();
    for (ProviderConfig c : new ProviderConfig[] {config, config.newBuilder().build()}) {
      assertEquals(Secret.of("sk-1"), c.apiKey());
      assertEquals(Optional.of(URI.create("http://127.0.0.1:9/v1")), c.baseUrl());
      assertEquals(Duration.ofSeconds(3), c.connectTimeout());
      assertEquals(Duration.ofSeconds(4), c.requestTimeout());
      assertEquals(5, c.maxConcurrentRequests());
      assertSame(observer, c.callObserver());
      assertEquals(Optional.of(Secret.of("whsec_x")), c.webhookSecret());
      assertEquals(2048, c.maxResponseBytes());
      assertEquals(4096, c.maxInlineImageBytes());
      assertFalse(c.toString().contains("sk-1"));
      assertFalse(c.toString().contains("whsec_x"));
    }
  }

  @Test
  void has_defaults() {
    ProviderConfig config = ProviderConfig.builder().apiKey("sk-1").build();
    assertEquals(Optional.empty(), config.baseUrl());
    assertEquals(Duration.ofSeconds(10), config.connectTimeout());
    assertEquals(Duration.ofSeconds(60), config.requestTimeout());
    assertEquals(64, config.maxConcurrentRequests());
    assertSame(CallObserver.NONE, config.callObserver());
    assertEquals(Optional.empty(), config.webhookSecret());
    assertEquals(4L * 1024 * 1024, config.maxResponseBytes());
    assertEquals(32L * 1024 * 1024, config.maxInlineImageBytes());
    assertEquals(
        Optional.empty(),
        ProviderConfig.builder().apiKey("k").baseUrl((String) null).build().baseUrl());
  }

  @Test
  void a_provider_default_request_timeout_applies_only_where_the_application_set_none() {
    ProviderConfig unset = ProviderConfig.builder().apiKey("sk-1").build();
    assertEquals(java.time.Duration.ofSeconds(60), unset.requestTimeout());
    assertEquals(
        java.time.Duration.ofMinutes(5), unset.requestTimeoutOr(java.time.Duration.ofMinutes(5)));
    assertEquals(
        java.time.Duration.ofMinutes(5),
        unset.newBuilder().build().requestTimeoutOr(java.time.Duration.ofMinutes(5)),
        "a copy keeps it unset");
    ProviderConfig set =
        ProviderConfig.builder()
            .apiKey("sk-1")
            .requestTimeout(java.time.Duration.ofSeconds(7))
            .build();
    assertEquals(
        java.time.Duration.ofSeconds(7), set.requestTimeoutOr(java.time.Duration.ofMinutes(5)));
    assertEquals(
        java.time.Duration.ofSeconds(7),
        set.newBuilder().build().requestTimeoutOr(java.time.Duration.ofMinutes(5)));
    assertThrows(
        NullPointerException.class,
        () -> ProviderConfig.builder().apiKey("k").requestTimeout(null));
  }

  @Test
  void refuses_a_base_url_that_is_not_absolute_http() {
    for (String url : new String[] {"/v1", "ftp://a.example/", "file:///tmp/x", "a.example/v1"}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> ProviderConfig.builder().apiKey("k").baseUrl(url),
              url);
      assertEquals("base URL '" + url + "' must be an absolute http or https URL", e.getMessage());
    }
    ProviderConfig.builder().apiKey("k").baseUrl("https://a.example/v1").build();
  }

  @Test
  void bounds_are_checked_at_their_edges() {
    ProviderConfig.Builder b = ProviderConfig.builder().apiKey("k");
    b.maxResponseBytes(1024).maxInlineImageBytes(1024).maxConcurrentRequests(1).build();
    assertThrows(IllegalArgumentException.class, () -> b.maxResponseBytes(1023).build());
    b.maxResponseBytes(1024);
    assertThrows(IllegalArgumentException.class, () -> b.maxInlineImageBytes(1023).build());
    b.maxInlineImageBytes(1024);
    assertThrows(IllegalArgumentException.class, () -> b.requestTimeout(Duration.ZERO).build());
    assertThrows(
        IllegalArgumentException.class, () -> b.requestTimeout(Duration.ofMillis(-1)).build());
    b.requestTimeout(Duration.ofMillis(1));
    assertThrows(IllegalArgumentException.class, () -> b.connectTimeout(Duration.ZERO).build());
    assertEquals(
        "maxResponseBytes must be at least 1024, was 5",
        assertThrows(
                IllegalArgumentException.class,
                () -> ProviderConfig.builder().apiKey("k").maxResponseBytes(5).build())
            .getMessage());
  }

  @Test
  void a_key_is_printable_ascii_from_bang_to_tilde() {
    ProviderConfig.builder().apiKey("!" + "~").build();
    for (String key : new String[] {"a b", "a\u007fb", "a\u0080b", "a\tb"}) {
      assertThrows(
          IllegalArgumentException.class, () -> ProviderConfig.builder().apiKey(key).build(), key);
    }
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> ProviderConfig.builder().apiKey("ab c").build())
            .getMessage()
            .startsWith("the API key has a space at position 3 of 4"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> ProviderConfig.builder().apiKey("ab\u00e9").build())
            .getMessage()
            .startsWith("the API key has a character outside ASCII at position 3 of 3"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> ProviderConfig.builder().apiKey("ab\u007f").build())
            .getMessage()
            .startsWith("the API key has a control character at position 3 of 3"));
  }
}
