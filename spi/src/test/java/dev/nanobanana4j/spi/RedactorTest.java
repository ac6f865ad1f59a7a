package dev.nanobanana4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.nanobanana4j.core.port.Secret;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private final Redactor redactor = Redactor.of(Secret.of("sk-live-123"));

  @Test
  void masks_every_configured_secret() {
    assertEquals(
        "Bearer **** and again ****", redactor.redact("Bearer sk-live-123 and again sk-live-123"));
    assertNull(redactor.redact(null));
  }

  @Test
  void masks_callback_url_tokens_in_urls_and_json_bodies() {
    assertEquals(
        "https://hooks.example/cb?provider=apixo&nb_token=****",
        redactor.redact("https://hooks.example/cb?provider=apixo&nb_token=1795275966.AbC-_d.x9Z_"));
    assertEquals(
        "{\"callback_url\":\"https://h.example/cb?nb_token=****&provider=apixo\",\"n\":1}",
        redactor.redact(
            "{\"callback_url\":\"https://h.example/cb?nb_token=17.a.b&provider=apixo\",\"n\":1}"));
    assertEquals(
        "{\"webhook\":\"https:\\/\\/h.example\\/cb?nb_token=****\\u0026provider=modelslab\"}",
        redactor.redact(
            "{\"webhook\":\"https:\\/\\/h.example\\/cb?nb_token=17.a.b\\u0026provider=modelslab\"}"));
  }

  @Test
  void leaves_text_without_secrets_alone() {
    assertEquals("nb_token is a parameter name", redactor.redact("nb_token is a parameter name"));
  }

  @Test
  void says_how_many_secrets_it_holds_but_not_which() {
    assertEquals("Redactor[1 secrets]", redactor.toString());
  }
}
