package dev.nanobanana4j.core.application.callbacks;

import dev.nanobanana4j.core.port.CallbackRequest;
import java.util.Optional;

/**
 * Receives vendors' callbacks for a client ({@code NanoBananaClient.callbackReceiver()}), from any
 * web framework: give it the raw body, the headers and the URL, and answer with {@link
 * Result#httpStatus()}.
 *
 * <pre>{@code
 * CallbackReceiver receiver = client.callbackReceiver();
 * // in a servlet, a Spring controller, a JDK HttpServer handler...:
 * CallbackReceiver.Result result =
 *     receiver.receive(new CallbackRequest(requestUri, headers, bodyBytes));
 * response.setStatus(result.httpStatus());
 * }</pre>
 *
 * <p>Read at most {@link #maxBodyBytes()} + 1 bytes of a body: the receiver refuses a longer one.
 *
 * <p>In order: a body over the size limit is refused unread; the callback's origin is checked (the
 * vendor's signature, or the token the client put into the callback URL), and forged or replayed
 * callbacks are refused; the provider reads it; a callback already seen (the same vendor event, or
 * the same task reaching the same state) is acknowledged and changes nothing; otherwise the
 * matching wait completes, exactly once. Every outcome is told to the client's observer.
 */
public interface CallbackReceiver {
  /** What became of a callback. */
  enum Outcome {
    /** A wait for the job completed with the callback's status. */
    COMPLETED(200),
    /** Genuine and new, but nobody waits for the job yet: kept for the wait that comes. */
    ACCEPTED(200),
    /** Genuine, but already received: acknowledged, and nothing changes. */
    DUPLICATE(200),
    /**
     * Genuine, and about the account rather than a job (MuleRun's {@code balance.low}), or about a
     * job's progress before this client knows the job: acknowledged, and nothing changes.
     */
    IGNORED(200),
    /** Not from the vendor: no valid signature or token. */
    FORGED(401),
    /** Genuinely signed once, but sent again too late: a replay. */
    REPLAYED(401),
    /** Larger than the limit; not read. */
    OVERSIZED(413),
    /** Genuine, but not a callback this vendor sends. */
    MALFORMED(400),
    /** For a provider this client does not have, or one that does not call back. */
    UNKNOWN_PROVIDER(404),
    /**
     * Genuine, but for a task this client neither submitted nor waits for: refused, and not kept.
     */
    UNKNOWN_JOB(404);

    private final int httpStatus;

    Outcome(int httpStatus) {
      this.httpStatus = httpStatus;
    }

    /** The HTTP status to answer the vendor with. */
    public int httpStatus() {
      return httpStatus;
    }
  }

  /**
   * What became of a callback, and the HTTP status to answer with.
   *
   * @param providerId the provider the callback was for, when known
   */
  record Result(Outcome outcome, Optional<String> providerId) {
    /** The HTTP status to answer the vendor with. */
    public int httpStatus() {
      return outcome.httpStatus();
    }
  }

  /**
   * The largest body this receiver reads ({@link Callbacks#maxBodyBytes()}, else 256 KiB): a web
   * layer reads at most one byte more, so that a larger body is refused without being read whole.
   */
  int maxBodyBytes();

  /** Receives a callback whose provider is named by the URL's {@code provider} parameter. */
  Result receive(CallbackRequest request);

  /** Receives a callback for {@code providerId}, as a framework that routes by path gives it. */
  Result receive(String providerId, CallbackRequest request);
}
