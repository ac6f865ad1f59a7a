package dev.nanobanana4j.core.application.routing;

import dev.nanobanana4j.core.domain.CostEstimate;
import dev.nanobanana4j.core.domain.Money;
import dev.nanobanana4j.core.error.BudgetExceededException;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.port.BudgetLedger;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

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
  private final String name;
  private final BudgetLedger shared;
  private final Money unknownPriceCeiling;
  private BigDecimal reserved = BigDecimal.ZERO;
  private BigDecimal spent = BigDecimal.ZERO;

  private Budget(Money limit, String name, BudgetLedger shared, Money unknownPriceCeiling) {
    this.limit = Objects.requireNonNull(limit, "limit == null");
    if (limit.amount().signum() < 0) {
      throw new IllegalArgumentException("a budget cannot be negative: " + limit);
    }
    this.name = name;
    this.shared = shared;
    this.unknownPriceCeiling = unknownPriceCeiling;
  }

  private Budget(Money limit, String name, BudgetLedger shared) {
    this(limit, name, shared, null);
  }

  /**
   * This budget, reserving {@code perImage} for each image of a job whose price is unknown instead
   * of refusing it: the caller's own ceiling for what such a job may cost, committed or released as
   * any reservation. A budget kept in this process gives the copy what it has reserved and spent so
   * far; set it up before use, and use the copy.
   *
   * <pre>{@code
   * Budget budget = Budget.of(Money.usd("5.00")).withUnknownPriceCeiling(Money.usd("0.15"));
   * }</pre>
   */
  public Budget withUnknownPriceCeiling(Money perImage) {
    Objects.requireNonNull(perImage, "perImage == null");
    if (perImage.amount().signum() <= 0) {
      throw new IllegalArgumentException("a ceiling is more than nothing, got " + perImage);
    }
    if (!perImage.currency().equals(limit.currency())) {
      throw new IllegalArgumentException(
          "a ceiling in " + perImage.currency() + " for a budget in " + limit.currency());
    }
    Budget copy = new Budget(limit, name, shared, perImage);
    synchronized (this) {
      copy.reserved = reserved;
      copy.spent = spent;
    }
    return copy;
  }

  /** What this budget reserves for each image of a job whose price is unknown, if anything. */
  public Optional<Money> unknownPriceCeiling() {
    return Optional.ofNullable(unknownPriceCeiling);
  }

  /** A budget of {@code limit}, kept in this process. */
  public static Budget of(Money limit) {
    return new Budget(limit, null, null);
  }

  /**
   * Budget {@code name} of {@code limit}, kept in {@code ledger} and shared by every client that
   * names it there: a fleet spends one budget. Reservations are atomic in the ledger; a job's
   * reservation is committed or released once, by whichever instance settles the job. Setting a
   * budget sets its limit for the whole fleet.
   *
   * <pre>{@code
   * Budget budget = Budget.shared("images", Money.usd("500.00"), jdbcJobStore);
   * }</pre>
   */
  public static Budget shared(String name, Money limit, BudgetLedger ledger) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(ledger, "ledger == null");
    if (name.isBlank() || name.length() > 100) {
      throw new IllegalArgumentException("a budget's name has 1 to 100 characters");
    }
    Budget budget = new Budget(limit, name, ledger);
    ledger.define(name, limit);
    return budget;
  }

  /** The limit. */
  public Money limit() {
    return limit;
  }

  /**
   * Committed: the estimates of jobs that succeeded, and of those whose outcome is unknown to the
   * fleet's ledger. A shared budget asks its ledger, holding no lock meanwhile.
   */
  public Money spent() {
    if (shared != null) {
      return shared.spent(name);
    }
    synchronized (this) {
      return new Money(spent, limit.currency());
    }
  }

  /** Reserved for jobs not yet ended (or, in this process, whose outcome is unknown). */
  public Money reserved() {
    if (shared != null) {
      return shared.reserved(name);
    }
    synchronized (this) {
      return new Money(reserved, limit.currency());
    }
  }

  /** What can still be reserved. */
  public Money remaining() {
    if (shared != null) {
      return new Money(
          limit.amount().subtract(reserved().amount()).subtract(spent().amount()),
          limit.currency());
    }
    synchronized (this) {
      return new Money(limit.amount().subtract(reserved).subtract(spent), limit.currency());
    }
  }

  /** Whether this budget is shared through {@code ledger}. */
  public boolean keptIn(BudgetLedger ledger) {
    return shared != null && shared == ledger;
  }

  /** The name it is shared by, empty for a budget kept in this process. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /**
   * Reserves {@code estimate}'s total; for an unknown price, the {@linkplain
   * #withUnknownPriceCeiling ceiling} per image, where one is set.
   *
   * @throws BudgetExceededException when the price is unknown and no ceiling is set, in another
   *     currency, or more than what remains
   */
  public Reservation reserve(CostEstimate estimate) {
    ErrorContext context = ErrorContext.of(estimate.providerId(), Operation.VALIDATE);
    Optional<Money> priced = estimate.total();
    if (priced.isEmpty() && unknownPriceCeiling != null) {
      priced = Optional.of(unknownPriceCeiling.times(estimate.count()));
    }
    Money total =
        priced.orElseThrow(
            () ->
                new BudgetExceededException(
                    "request not sent: its price at "
                        + estimate.providerId()
                        + " is unknown, and a budget of "
                        + limit
                        + " is set ("
                        + estimate.basis()
                        + "). Give it a price (PriceOverrides; the command's --prices FILE with"
                        + " a line '"
                        + estimate.providerId()
                        + "/"
                        + estimate.model()
                        + "/"
                        + estimate.resolution().label()
                        + " = 0.05 USD'), or a ceiling the budget reserves for a job at an unknown"
                        + " price (Budget.withUnknownPriceCeiling; --unknown-price-ceiling USD)",
                    context));
    if (!total.currency().equals(limit.currency())) {
      throw new BudgetExceededException(
          "request not sent: it is priced in "
              + total.currency()
              + " and the budget is in "
              + limit.currency(),
          context);
    }
    if (shared != null) {
      // Atomic in the ledger: no lock is held here while the database answers.
      Optional<String> id = shared.reserve(name, total);
      if (id.isEmpty()) {
        throw tooMuch(total, estimate, remaining(), " budget '" + name + "' shared by the fleet");
      }
      return new Reservation(total.amount(), id.get());
    }
    synchronized (this) {
      BigDecimal left = limit.amount().subtract(reserved).subtract(spent);
      if (total.amount().compareTo(left) > 0) {
        throw tooMuch(total, estimate, new Money(left, limit.currency()), " budget");
      }
      reserved = reserved.add(total.amount());
      return new Reservation(total.amount(), null);
    }
  }

  private BudgetExceededException tooMuch(
      Money total, CostEstimate estimate, Money left, String which) {
    return new BudgetExceededException(
        "request not sent: it costs "
            + total
            + " at "
            + estimate.providerId()
            + " and "
            + left
            + " of the "
            + limit
            + which
            + " remains",
        ErrorContext.of(estimate.providerId(), Operation.VALIDATE));
  }

  @Override
  public String toString() {
    return "Budget{"
        + (name == null ? "" : "name=" + name + ", ")
        + "limit="
        + limit
        + ", spent="
        + spent()
        + ", reserved="
        + reserved()
        + "}";
  }

  /** An amount set aside for one job; committed or released once, later calls do nothing. */
  public final class Reservation {
    private final BigDecimal amount;
    private final String id;
    private boolean settled;

    private Reservation(BigDecimal amount, String id) {
      this.amount = amount;
      this.id = id;
    }

    /** Its id in the shared ledger; empty for a budget kept in this process. */
    public Optional<String> id() {
      return Optional.ofNullable(id);
    }

    /** The job succeeded: the amount counts as spent. */
    public void commit() {
      if (id != null) {
        shared.commit(id);
        return;
      }
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
      if (id != null) {
        shared.release(id);
        return;
      }
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
