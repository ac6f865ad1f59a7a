package dev.nanobanana4j.core.application.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.nanobanana4j.core.domain.CostEstimate;
import dev.nanobanana4j.core.domain.Money;
import dev.nanobanana4j.core.domain.PriceTable;
import dev.nanobanana4j.core.domain.Resolution;
import dev.nanobanana4j.core.error.BudgetExceededException;
import dev.nanobanana4j.core.port.BudgetLedger;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A budget kept in a ledger shared by a fleet: the ledger decides, the budget asks. */
class SharedBudgetTest {
  private final BudgetLedger ledger = mock(BudgetLedger.class);

  private static CostEstimate costing(String usd) {
    PriceTable table =
        PriceTable.perImage(
            "m", Map.of(Resolution.ONE_K, Money.usd(usd)), LocalDate.of(2026, 1, 1), "test");
    return CostEstimate.from("acme", table, Resolution.ONE_K, 1);
  }

  @Test
  void a_shared_budget_defines_itself_and_reserves_in_the_ledger() {
    when(ledger.reserve("fleet", Money.usd("0.05"))).thenReturn(Optional.of("r-1"));
    Budget budget = Budget.shared("fleet", Money.usd("1.00"), ledger);
    verify(ledger).define("fleet", Money.usd("1.00"));
    Budget.Reservation reservation = budget.reserve(costing("0.05"));
    assertEquals(Optional.of("r-1"), reservation.id());
    reservation.commit();
    verify(ledger).commit("r-1");
    reservation.release();
    verify(ledger).release("r-1");
    assertEquals(Optional.of("fleet"), budget.name());
    assertTrue(budget.keptIn(ledger));
    org.junit.jupiter.api.Assertions.assertFalse(budget.keptIn(mock(BudgetLedger.class)));
    org.junit.jupiter.api.Assertions.assertFalse(Budget.of(Money.usd("1")).keptIn(ledger));
  }

  @Test
  void what_the_ledger_refuses_is_not_sent_and_the_message_says_what_remains() {
    when(ledger.reserve("fleet", Money.usd("0.05"))).thenReturn(Optional.empty());
    when(ledger.spent("fleet")).thenReturn(Money.usd("0.60"));
    when(ledger.reserved("fleet")).thenReturn(Money.usd("0.38"));
    Budget budget = Budget.shared("fleet", Money.usd("1.00"), ledger);
    BudgetExceededException refused =
        assertThrows(BudgetExceededException.class, () -> budget.reserve(costing("0.05")));
    assertTrue(refused.getMessage().contains("0.02"), refused.getMessage());
    assertTrue(refused.getMessage().contains("'fleet'"), refused.getMessage());
    assertEquals(Money.usd("0.60"), budget.spent());
    assertTrue(budget.toString().contains("name=fleet"), budget.toString());
  }

  @Test
  void an_unknown_price_is_refused_before_the_ledger_is_asked() {
    Budget budget = Budget.shared("fleet", Money.usd("1.00"), ledger);
    assertThrows(
        BudgetExceededException.class,
        () ->
            budget.reserve(
                CostEstimate.from(
                    "acme",
                    PriceTable.unknown("m", LocalDate.of(2026, 1, 1), "no price"),
                    Resolution.ONE_K,
                    1)));
    verify(ledger, never())
        .reserve(org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any());
  }

  @Test
  void a_name_is_required() {
    assertThrows(
        IllegalArgumentException.class, () -> Budget.shared(" ", Money.usd("1.00"), ledger));
    assertTrue(Budget.of(Money.usd("1.00")).name().isEmpty());
    String longest = "b".repeat(100);
    assertEquals(Optional.of(longest), Budget.shared(longest, Money.usd("1"), ledger).name());
    assertThrows(
        IllegalArgumentException.class,
        () -> Budget.shared(longest + "b", Money.usd("1.00"), ledger));
  }

  @Test
  void no_lock_is_held_while_the_ledger_answers_so_a_frozen_database_holds_one_caller_only()
      throws Exception {
    java.util.concurrent.CountDownLatch frozen = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
    when(ledger.reserve("fleet", Money.usd("0.05")))
        .thenAnswer(
            call -> {
              asked.countDown();
              frozen.await(); // the database does not answer this caller
              return Optional.of("r-1");
            });
    when(ledger.reserve("fleet", Money.usd("0.07"))).thenReturn(Optional.of("r-2"));
    when(ledger.spent("fleet")).thenReturn(Money.usd("0.10"));
    when(ledger.reserved("fleet")).thenReturn(Money.usd("0.20"));
    Budget budget = Budget.shared("fleet", Money.usd("1.00"), ledger);
    Thread held = new Thread(() -> budget.reserve(costing("0.05")));
    held.start();
    try {
      assertTrue(asked.await(10, java.util.concurrent.TimeUnit.SECONDS));
      // Another caller is answered while the first waits for the database.
      assertEquals(Optional.of("r-2"), budget.reserve(costing("0.07")).id());
      assertEquals(Money.usd("0.70"), budget.remaining());
      assertTrue(budget.toString().contains("spent=0.10"), budget.toString());
    } finally {
      frozen.countDown();
      held.join(10_000);
    }
  }

  @Test
  void a_ceiling_is_reserved_for_each_image_at_an_unknown_price_in_a_shared_or_local_budget() {
    CostEstimate unknown =
        CostEstimate.from(
            "acme",
            PriceTable.unknown("m", LocalDate.of(2026, 1, 1), "no price published"),
            Resolution.ONE_K,
            3);
    when(ledger.reserve("fleet", Money.usd("0.60"))).thenReturn(Optional.of("r-2"));
    Budget shared =
        Budget.shared("fleet", Money.usd("1.00"), ledger)
            .withUnknownPriceCeiling(Money.usd("0.20"));
    assertEquals(Optional.of("r-2"), shared.reserve(unknown).id(), "three images at the ceiling");
    Budget local = Budget.of(Money.usd("1.00"));
    BudgetExceededException refused =
        assertThrows(BudgetExceededException.class, () -> local.reserve(unknown));
    assertTrue(refused.getMessage().contains("withUnknownPriceCeiling"), refused.getMessage());
    assertTrue(refused.getMessage().contains("'acme/m/1K = 0.05 USD'"), refused.getMessage());
    assertEquals(Optional.empty(), local.unknownPriceCeiling());
    assertEquals(Optional.of(Money.usd("0.20")), shared.unknownPriceCeiling());
    // The copy keeps what the budget had reserved and spent; a known price is reserved as it is.
    local.reserve(costing("0.05")).commit();
    local.reserve(costing("0.02"));
    Budget capped = local.withUnknownPriceCeiling(Money.usd("0.30"));
    assertEquals(Money.usd("0.05"), capped.spent());
    assertEquals(Money.usd("0.02"), capped.reserved());
    capped.reserve(costing("0.03"));
    assertEquals(Money.usd("0.05"), capped.reserved(), "a known price, not the ceiling");
    capped.reserve(unknown);
    assertEquals(Money.usd("0.95"), capped.reserved());
    assertThrows(BudgetExceededException.class, () -> capped.reserve(unknown), "0.00 remains");
    assertThrows(
        IllegalArgumentException.class,
        () ->
            local.withUnknownPriceCeiling(
                new Money(java.math.BigDecimal.ONE, java.util.Currency.getInstance("EUR"))));
    assertThrows(
        IllegalArgumentException.class, () -> local.withUnknownPriceCeiling(Money.usd("0")));
  }

  @Test
  void a_known_price_from_a_table_read_more_than_90_days_ago_is_stale() {
    CostEstimate estimate = costing("0.05"); // read 2026-01-01
    assertEquals(LocalDate.of(2026, 1, 1), estimate.asOf());
    org.junit.jupiter.api.Assertions.assertFalse(estimate.isStale(LocalDate.of(2026, 4, 1)));
    assertTrue(estimate.isStale(LocalDate.of(2026, 4, 2)));
    assertTrue(
        estimate.staleness(LocalDate.of(2026, 4, 2)).orElseThrow().contains("from 2026-01-01"));
    CostEstimate unknown =
        CostEstimate.from(
            "acme", PriceTable.unknown("m", LocalDate.of(2020, 1, 1), "none"), Resolution.ONE_K, 1);
    org.junit.jupiter.api.Assertions.assertFalse(
        unknown.isStale(LocalDate.of(2026, 4, 2)), "no price, nothing stale");
  }
}
