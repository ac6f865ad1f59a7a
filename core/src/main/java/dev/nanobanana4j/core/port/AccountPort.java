package dev.nanobanana4j.core.port;

import dev.nanobanana4j.core.domain.AccountStatus;
import java.util.concurrent.CompletableFuture;

/**
 * Implemented by providers whose vendor reports on the account: whether the key is valid, the
 * balance. Nothing is generated or charged.
 */
public interface AccountPort {
  /**
   * Asks the vendor about the account the configured key belongs to.
   *
   * @return a future of what it says; it fails with a {@code NanoBananaException} (an {@code
   *     AuthenticationException} where the vendor refuses the key outright)
   */
  CompletableFuture<AccountStatus> account();
}
