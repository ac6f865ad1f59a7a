package dev.nanobanana4j.core.port;

import dev.nanobanana4j.core.domain.JobStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Implemented by providers whose vendor calls back when a job ends. The client's callback receiver
 * checks where a callback comes from, then asks the provider what it says.
 */
public interface CallbackPort {
  /**
   * The query parameter of a {@link Security#URL_TOKEN} callback URL that carries the client's
   * token. The token is a credential: whatever logs or reports a URL or a body masks its value.
   */
  String URL_TOKEN_PARAMETER = "nb_token";

  /** How a vendor's callbacks prove where they come from. */
  enum Security {
    /**
     * The vendor signs nothing: the client puts a token of its own into the callback URL it sends
     * with each request, and checks it when the callback arrives.
     */
    URL_TOKEN,
    /** The vendor signs each callback with a secret it shares with the account. */
    SIGNED
  }

  /** What a signature check found. */
  enum SignatureCheck {
    /** Signed with the shared secret, within the time window. */
    VALID,
    /** Not signed with the shared secret (or not signed at all). */
    FORGED,
    /** Signed, but sent too long ago (or claims to come from the future): a replay. */
    STALE
  }

  /** What a genuine callback is: about a job ({@link CallbackEvent}) or about the account. */
  sealed interface Received permits CallbackEvent, AccountEvent {}

  /**
   * What a callback says: the job it is about, where it stands, and the vendor's event id where it
   * gives one.
   */
  record CallbackEvent(String taskId, JobStatus status, Optional<String> eventId)
      implements Received {
    /** Checks the fields. */
    public CallbackEvent {
      Objects.requireNonNull(taskId, "taskId == null");
      Objects.requireNonNull(status, "status == null");
      Objects.requireNonNull(eventId, "eventId == null");
    }
  }

  /**
   * A genuine event about the account rather than a job, such as MuleRun's {@code balance.low}: the
   * client acknowledges it (so that the vendor does not deliver it again), logs it and tells its
   * observer.
   *
   * @param type the vendor's event type
   * @param eventId the vendor's event id, where it gives one
   */
  record AccountEvent(String type, Optional<String> eventId) implements Received {
    /** Checks the fields. */
    public AccountEvent {
      Objects.requireNonNull(type, "type == null");
      Objects.requireNonNull(eventId, "eventId == null");
    }
  }

  /** How this vendor's callbacks prove where they come from. */
  Security callbackSecurity();

  /**
   * Whether this configured provider will call back: for {@link Security#URL_TOKEN} vendors, when a
   * request carries a callback URL; for {@link Security#SIGNED} vendors, when the account's signing
   * secret is configured.
   */
  boolean callsBack();

  /**
   * Checks a {@link Security#SIGNED} vendor's signature at {@code now}.
   *
   * @throws UnsupportedOperationException for {@link Security#URL_TOKEN} vendors
   */
  SignatureCheck verifySignature(CallbackRequest request, Instant now);

  /**
   * Reads a callback whose origin has been checked.
   *
   * @throws IllegalArgumentException when the body is not a callback this vendor sends
   */
  CallbackEvent readCallback(CallbackRequest request);

  /**
   * Reads a callback whose origin has been checked: an event about a job, or, from a vendor that
   * also sends events about the account, one of those. By default, {@link #readCallback}.
   *
   * @throws IllegalArgumentException when the body is not a callback this vendor sends
   */
  default Received readEvent(CallbackRequest request) {
    return readCallback(request);
  }
}
