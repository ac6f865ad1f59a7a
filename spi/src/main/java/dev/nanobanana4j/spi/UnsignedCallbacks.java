package dev.nanobanana4j.spi;

import dev.nanobanana4j.core.port.CallbackPort;
import dev.nanobanana4j.core.port.CallbackRequest;
import java.time.Instant;

/**
 * For vendors that take a callback URL with each request and sign nothing: the client's token in
 * that URL vouches for each callback. A provider implements only {@link #readCallback}.
 */
public interface UnsignedCallbacks extends CallbackPort {
  @Override
  default Security callbackSecurity() {
    return Security.URL_TOKEN;
  }

  /** Whenever a request carries a callback URL. */
  @Override
  default boolean callsBack() {
    return true;
  }

  /** Such vendors sign nothing. */
  @Override
  default SignatureCheck verifySignature(CallbackRequest request, Instant now) {
    throw new UnsupportedOperationException("this vendor signs no callbacks");
  }
}
