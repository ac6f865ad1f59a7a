package dev.nanobanana4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nanobanana4j.core.port.CallbackPort.SignatureCheck;
import dev.nanobanana4j.core.port.CallbackRequest;
import dev.nanobanana4j.core.port.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandardWebhooksTest {
  // The published signing example of the Standard Webhooks specification.
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long TIMESTAMP = 1614265330;
  private static final String BODY = "{\"test\": 2432232314}";
  private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
  private static final Instant SENT = Instant.ofEpochSecond(TIMESTAMP);

  private static CallbackRequest request(String timestamp, String signature) {
    return new CallbackRequest(
        URI.create("https://app.example/cb"),
        Map.of(
            "webhook-id", List.of(ID),
            "webhook-timestamp", List.of(timestamp),
            "webhook-signature", List.of(signature)),
        BODY.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void signs_the_published_vector() {
    assertEquals(
        SIGNATURE,
        StandardWebhooks.signatureHeader(
            Secret.of(SECRET), ID, TIMESTAMP, BODY.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void verifies_the_published_vector_with_or_without_the_prefix() {
    CallbackRequest request = request(String.valueOf(TIMESTAMP), SIGNATURE);
    assertEquals(SignatureCheck.VALID, StandardWebhooks.verify(Secret.of(SECRET), request, SENT));
    assertEquals(
        SignatureCheck.VALID,
        StandardWebhooks.verify(Secret.of(SECRET.substring("whsec_".length())), request, SENT));
  }

  @Test
  void accepts_any_of_several_signatures() {
    CallbackRequest request =
        request(String.valueOf(TIMESTAMP), "v1,AAAA v2,whatever " + SIGNATURE);
    assertEquals(SignatureCheck.VALID, StandardWebhooks.verify(Secret.of(SECRET), request, SENT));
  }

  @Test
  void a_changed_body_id_or_signature_is_forged() {
    Secret secret = Secret.of(SECRET);
    assertEquals(
        SignatureCheck.FORGED,
        StandardWebhooks.verify(
            secret,
            new CallbackRequest(
                URI.create("https://app.example/cb"),
                Map.of(
                    "webhook-id", List.of(ID),
                    "webhook-timestamp", List.of(String.valueOf(TIMESTAMP)),
                    "webhook-signature", List.of(SIGNATURE)),
                "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8)),
            SENT));
    assertEquals(
        SignatureCheck.FORGED,
        StandardWebhooks.verify(
            secret, request(String.valueOf(TIMESTAMP + 1), SIGNATURE), SENT.plusSeconds(1)));
    assertEquals(
        SignatureCheck.FORGED,
        StandardWebhooks.verify(
            secret, request(String.valueOf(TIMESTAMP), SIGNATURE.replace("g0h", "g1h")), SENT));
    assertEquals(
        SignatureCheck.FORGED,
        StandardWebhooks.verify(
            Secret.of("whsec_" + "QUJDREVGR0hJSktMTU5PUA=="),
            request(String.valueOf(TIMESTAMP), SIGNATURE),
            SENT));
  }

  @Test
  void accepts_five_minutes_either_way_and_not_a_second_more() {
    Secret secret = Secret.of(SECRET);
    CallbackRequest request = request(String.valueOf(TIMESTAMP), SIGNATURE);
    assertEquals(
        SignatureCheck.VALID, StandardWebhooks.verify(secret, request, SENT.plusSeconds(300)));
    assertEquals(
        SignatureCheck.STALE, StandardWebhooks.verify(secret, request, SENT.plusSeconds(301)));
    assertEquals(
        SignatureCheck.VALID, StandardWebhooks.verify(secret, request, SENT.minusSeconds(300)));
    assertEquals(
        SignatureCheck.STALE, StandardWebhooks.verify(secret, request, SENT.minusSeconds(301)));
  }

  @Test
  void a_timestamp_out_of_any_range_is_refused_not_thrown() {
    Secret secret = Secret.of(SECRET);
    for (String timestamp :
        List.of(
            String.valueOf(Long.MAX_VALUE),
            String.valueOf(Long.MIN_VALUE),
            "99999999999999999999",
            "-1",
            "1614265330.5",
            "")) {
      assertEquals(
          SignatureCheck.FORGED,
          StandardWebhooks.verify(secret, request(timestamp, SIGNATURE), SENT),
          timestamp);
    }
  }

  @Test
  void an_undecodable_or_empty_secret_fails_when_it_is_read() {
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class,
            () -> StandardWebhooks.key(Secret.of("whsec_not base64!")));
    assertFalse(bad.getMessage().contains("not base64!"), "the message never shows the secret");
    assertThrows(IllegalArgumentException.class, () -> StandardWebhooks.key(Secret.of("whsec_")));
    assertEquals("SigningKey[****]", StandardWebhooks.key(Secret.of(SECRET)).toString());
  }

  @Test
  void a_callback_missing_any_header_is_forged() {
    for (String missing : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
      Map<String, List<String>> headers =
          new java.util.HashMap<>(
              Map.of(
                  "webhook-id", List.of(ID),
                  "webhook-timestamp", List.of(String.valueOf(TIMESTAMP)),
                  "webhook-signature", List.of(SIGNATURE)));
      headers.remove(missing);
      assertEquals(
          SignatureCheck.FORGED,
          StandardWebhooks.verify(
              Secret.of(SECRET),
              new CallbackRequest(
                  URI.create("https://app.example/cb"),
                  headers,
                  BODY.getBytes(StandardCharsets.UTF_8)),
              SENT),
          missing);
    }
  }
}
