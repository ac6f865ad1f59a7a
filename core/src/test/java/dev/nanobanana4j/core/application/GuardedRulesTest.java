package dev.nanobanana4j.core.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nanobanana4j.core.application.callbacks.Callbacks;
import dev.nanobanana4j.core.application.routing.Budget;
import dev.nanobanana4j.core.domain.CostEstimate;
import dev.nanobanana4j.core.domain.Money;
import dev.nanobanana4j.core.domain.PriceTable;
import dev.nanobanana4j.core.domain.Resolution;
import dev.nanobanana4j.core.error.BudgetExceededException;
import dev.nanobanana4j.core.port.CallbackPort.SignatureCheck;
import dev.nanobanana4j.core.port.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The rules that guard money (budgets) and trust (callback tokens), each at its boundary. */
class GuardedRulesTest {
  private static final String SECRET = "0123456789abcdef";
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private static Callbacks.Builder settings() {
    return Callbacks.builder().url(URI.create("https://app.example/cb")).secret(Secret.of(SECRET));
  }

  private static CostEstimate costing(String usd) {
    PriceTable table =
        PriceTable.perImage(
            "m", Map.of(Resolution.ONE_K, Money.usd(usd)), LocalDate.of(2026, 1, 1), "test");
    return CostEstimate.from("p", table, Resolution.ONE_K, 1);
  }

  @Test
  void a_budget_takes_a_reservation_of_exactly_what_remains_and_not_a_cent_more() {
    Budget budget = Budget.of(Money.usd("0.10"));
    assertEquals(Money.usd("0.10"), budget.limit());
    Budget.Reservation first = budget.reserve(costing("0.04"));
    assertEquals(Money.usd("0.04"), first.amount());
    assertEquals(Money.usd("0.06"), budget.remaining());
    assertThrows(BudgetExceededException.class, () -> budget.reserve(costing("0.07")));
    Budget.Reservation second = budget.reserve(costing("0.06"));
    assertEquals(Money.usd("0.00"), budget.remaining());
    second.release();
    first.commit();
    assertEquals(Money.usd("0.04"), budget.spent());
    assertEquals(Money.usd("0.00"), budget.reserved());
    assertEquals(Money.usd("0.06"), budget.remaining());
    first.release(); // settled once: changes nothing
    second.commit();
    assertEquals(Money.usd("0.04"), budget.spent());
  }

  @Test
  void a_budget_of_zero_is_allowed_and_a_negative_one_is_not() {
    assertEquals(Money.usd("0"), Budget.of(Money.usd("0")).remaining());
    assertThrows(IllegalArgumentException.class, () -> Budget.of(Money.usd("-0.01")));
  }

  @Test
  void callback_settings_check_the_url_scheme_the_secret_length_and_the_body_limit() {
    settings().build();
    settings().url(URI.create("http://127.0.0.1:8080/cb")).build();
    for (String url : new String[] {"http://app.example/cb", "ftp://127.0.0.1/cb"}) {
      assertThrows(
          IllegalArgumentException.class, () -> settings().url(URI.create(url)).build(), url);
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> settings().url(URI.create("https://app.example/cb#x")).build());
    settings().secret(Secret.of("x".repeat(16))).build();
    assertThrows(
        IllegalArgumentException.class, () -> settings().secret(Secret.of("x".repeat(15))).build());
    assertEquals(1, settings().maxBodyBytes(1).build().maxBodyBytes());
    assertThrows(IllegalArgumentException.class, () -> settings().maxBodyBytes(0).build());
  }

  private static String mac(String text) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void a_token_missing_malformed_or_with_a_time_that_is_no_number_is_forged() throws Exception {
    Callbacks callbacks = settings().build();
    assertEquals(SignatureCheck.FORGED, callbacks.check("p", Optional.empty(), NOW));
    assertEquals(SignatureCheck.FORGED, callbacks.check("p", Optional.of("a.b"), NOW));
    assertEquals(SignatureCheck.FORGED, callbacks.check("p", Optional.of("a.b.c.d"), NOW));
    assertEquals(
        SignatureCheck.FORGED, callbacks.check("p", Optional.of("1.nonce.not*base64"), NOW));
    // A MAC that matches a time that is no number: forged, not an exception.
    assertEquals(
        SignatureCheck.FORGED,
        callbacks.check("p", Optional.of("soon.nonce." + mac("p.soon.nonce")), NOW));
    String now = String.valueOf(NOW.getEpochSecond());
    assertEquals(
        SignatureCheck.VALID,
        callbacks.check("p", Optional.of(now + ".nonce." + mac("p." + now + ".nonce")), NOW));
  }

  @Test
  void the_nonce_of_a_token_is_its_middle_part() {
    assertEquals(Optional.of("n"), Callbacks.nonce(Optional.of("1.n.m")));
    assertEquals(Optional.empty(), Callbacks.nonce(Optional.of("1..m")));
    assertEquals(Optional.empty(), Callbacks.nonce(Optional.of("1.n")));
    assertEquals(Optional.empty(), Callbacks.nonce(Optional.empty()));
  }
}
