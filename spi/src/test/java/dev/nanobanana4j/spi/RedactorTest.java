package dev.nanobanana4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  @Test
  void masks_the_json_escaped_and_url_encoded_forms_of_a_secret() {
    Redactor quoted = Redactor.of(Secret.of("sk-a\"b\\c/d+e"));
    assertEquals("{\"echo\":\"****\"}", quoted.redact("{\"echo\":\"sk-a\\\"b\\\\c/d+e\"}"));
    assertEquals("?key=****", quoted.redact("?key=sk-a%22b%5Cc%2Fd%2Be"));
    assertEquals("raw ****", quoted.redact("raw sk-a\"b\\c/d+e"));
  }

  @Test
  void redacts_before_it_cuts_so_no_half_of_a_secret_is_left() {
    String text = "x".repeat(4090) + "sk-live-123 and more";
    String cut = redactor.redactAndCut(text, 4096);
    assertEquals("x".repeat(4090) + "**** a", cut);
    assertTrue(redactor.lookahead() >= "sk-live-123".length());
  }

  @Test
  void masks_secret_json_fields_by_structure_even_when_cut_short() {
    Redactor fields = Redactor.of(Secret.of("sk-live-123")).withJsonFields("key");
    assertEquals(
        "{\"key\": \"****\",\"prompt\":\"a fox\"}",
        fields.redact("{\"key\": \"other-key-9\",\"prompt\":\"a fox\"}"));
    assertEquals("{\"key\":\"****\",\"n\":1}", fields.redact("{\"key\":\"a\\\"b\",\"n\":1}"));
    assertEquals(
        "{\"prompt\":\"x\",\"key\":\"****\"", fields.redact("{\"prompt\":\"x\",\"key\":\"abcd"));
    assertEquals("{\"monkey\":\"ok\"}", fields.redact("{\"monkey\":\"ok\"}"));
  }

  @Test
  void a_text_exactly_as_long_as_the_cut_is_kept_whole() {
    assertEquals("abcd", redactor.redactAndCut("abcd", 4));
    assertEquals("abc", redactor.redactAndCut("abcd", 3));
  }

  @Test
  void escapes_control_characters_below_a_space_only() {
    Redactor controls = Redactor.of(Secret.of("a\u001fb c"));
    assertEquals("****", controls.redact("a\\u001fb c"));
    assertEquals("x", Redactor.of(Secret.of("a b")).redact("x"));
    assertEquals("****", Redactor.of(Secret.of("a b")).redact("a b"));
  }
}
