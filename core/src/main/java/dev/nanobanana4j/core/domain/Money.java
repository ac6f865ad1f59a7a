package dev.nanobanana4j.core.domain;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in one currency, exact (no floating point).
 *
 * @param amount the amount, not negative
 * @param currency the currency
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {
  private static final Currency USD = Currency.getInstance("USD");

  /** Checks the amount is present and not negative. */
  public Money {
    Objects.requireNonNull(amount, "amount == null");
    Objects.requireNonNull(currency, "currency == null");
    if (amount.signum() < 0) {
      throw new IllegalArgumentException("amount is negative: " + amount);
    }
  }

  /** An amount in US dollars, such as {@code Money.usd("0.08")}. */
  public static Money usd(String amount) {
    return new Money(new BigDecimal(amount), USD);
  }

  /**
   * An amount written as a number and an ISO 4217 code, such as {@code 0.07 USD}.
   *
   * @throws IllegalArgumentException naming the text, when it is not of that form
   */
  public static Money parse(String text) {
    String[] parts = text == null ? new String[0] : text.trim().split("\\s+");
    if (parts.length == 2) {
      try {
        return new Money(new BigDecimal(parts[0]), Currency.getInstance(parts[1]));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("'" + text + "' is not an amount like 0.07 USD", e);
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not an amount like 0.07 USD");
  }

  /** This amount multiplied by a count. */
  public Money times(int count) {
    return new Money(amount.multiply(BigDecimal.valueOf(count)), currency);
  }

  /**
   * The sum of two amounts in the same currency.
   *
   * @throws IllegalArgumentException when the currencies differ
   */
  public Money plus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.add(other.amount), currency);
  }

  @Override
  public int compareTo(Money other) {
    requireSameCurrency(other);
    return amount.compareTo(other.amount);
  }

  private void requireSameCurrency(Money other) {
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException("cannot combine " + currency + " with " + other.currency);
    }
  }

  /** Like {@code 0.08 USD}. */
  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency.getCurrencyCode();
  }
}
