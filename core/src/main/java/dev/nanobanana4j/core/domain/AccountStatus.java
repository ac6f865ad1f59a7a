package dev.nanobanana4j.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a vendor says about the account a key belongs to, where it says (Modellix validates keys and
 * reports the team's balance).
 *
 * @param providerId the provider asked
 * @param keyValid whether the vendor says the key is valid, where it says
 * @param balance the account's balance, where the vendor reports it
 * @param checkedAt when the vendor was asked
 */
public record AccountStatus(
    String providerId, Optional<Boolean> keyValid, Optional<Money> balance, Instant checkedAt) {
  /** Checks the fields. */
  public AccountStatus {
    Objects.requireNonNull(providerId, "providerId == null");
    Objects.requireNonNull(keyValid, "keyValid == null");
    Objects.requireNonNull(balance, "balance == null");
    Objects.requireNonNull(checkedAt, "checkedAt == null");
  }
}
