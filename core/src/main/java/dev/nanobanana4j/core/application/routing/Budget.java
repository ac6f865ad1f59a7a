package dev.nanobanana4j.core.application.routing;

import dev.nanobanana4j.core.domain.CostEstimate;
import dev.nanobanana4j.core.domain.Money;
import dev.nanobanana4j.core.error.BudgetExceededException;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.Operation;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A spend limit. Before a submission the request's estimate is reserved; a request that would pass
 * the limit, or whose price is unknown, is refused before anything is sent. The reservation is
 * committed when the job succeeds and released when it fails or is cancelled. A job whose outcome
 * is unknown, or which was still running at its deadline, keeps its reservation: the vendor may
 * still charge for it.
 *
 * <pre>{@code
 * Budget budget = Budget.of(Money.usd("5.00"));
 * NanoBananaClient client = NanoBananaClient.builder().budget(budget)...build();
 * budget.spent();      // committed so far
 * }</pre>
 *
 * <p>Safe for concurrent use; one budget may be shared by several clients.
 */
public final class Budget {
  private final Money limit;
  private BigDecimal reserved = BigDecimal.ZERO;
  private BigDecimal spent = BigDecimal.ZERO;

  private Budget(Money limit) {
    this.limit = Objects.requireNonNull(limit, "limit == null");
    if (limit.amount().signum() < 0) {
      throw new IllegalArgumentException("a budget cannot be negative: " + limit);
    }
  }

  /** A budget of {@code limit}. */
  public static Budget of(Money limit) {
    return new Budget(limit);
  }

  /** The limit. */
  public Money limit() {
    return limit;
  }

  /** Committed: the estimates of jobs that succeeded. */
  public synchronized Money spent() {
    return new Money(spent, limit.currency());
  }

  /** Reserved for jobs not yet ended (or whose outcome is unknown). */
  public synchronized Money reserved() {
    return new Money(reserved, limit.currency());
  }

  /** What can still be reserved. */
  public synchronized Money remaining() {
    return new Money(limit.amount().subtract(reserved).subtract(spent), limit.currency());
  }

  /**
   * Reserves {@code estimate}'s total.
   *
   * @throws BudgetExceededException when the price is unknown, in another currency, or more than
   *     what remains
   */
  public synchronized Reservation reserve(CostEstimate estimate) {
    ErrorContext context = ErrorContext.of(estimate.providerId(), Operation.VALIDATE);
    Money total =
        estimate
            .total()
            .orElseThrow(
                () ->
                    new BudgetExceededException(
                        "request not sent: its price at "
                            + estimate.providerId()
                            + " is unknown, and a budget of "
                            + limit
                            + " is set ("
                            + estimate.basis()
                            + ")",
                        context));
    if (!total.currency().equals(limit.currency())) {
      throw new BudgetExceededException(
          "request not sent: it is priced in "
              + total.currency()
              + " and the budget is in "
              + limit.currency(),
          context);
    }
    BigDecimal left = limit.amount().subtract(reserved).subtract(spent);
    if (total.amount().compareTo(left) > 0) {
      throw new BudgetExceededException(
          "request not sent: it costs "
              + total
              + " at "
              + estimate.providerId()
              + " and "
              + new Money(left, limit.currency())
              + " of the "
              + limit
              + " budget remains",
          context);
    }
    reserved = reserved.add(total.amount());
    return new Reservation(total.amount());
  }

  @Override
  public synchronized String toString() {
    return "Budget{limit=" + limit + ", spent=" + spent() + ", reserved=" + reserved() + "}";
  }

  /** An amount set aside for one job; committed or released once, later calls do nothing. */
  public final class Reservation {
    private final BigDecimal amount;
    private boolean settled;

    private Reservation(BigDecimal amount) {
      this.amount = amount;
    }

    /** The job succeeded: the amount counts as spent. */
    public void commit() {
      synchronized (Budget.this) {
        if (!settled) {
          settled = true;
          reserved = reserved.subtract(amount);
          spent = spent.add(amount);
        }
      }
    }

    /** The job failed or was cancelled, or was never accepted: the amount is free again. */
    public void release() {
      synchronized (Budget.this) {
        if (!settled) {
          settled = true;
          reserved = reserved.subtract(amount);
        }
      }
    }

    /** The amount reserved. */
    public Money amount() {
      return new Money(amount, limit.currency());
    }
  }
}
