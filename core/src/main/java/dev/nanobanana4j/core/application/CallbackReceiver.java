package dev.nanobanana4j.core.application;

import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.port.CallbackPort;
import dev.nanobanana4j.core.port.CallbackRequest;
import dev.nanobanana4j.core.port.ClientObserver;
import dev.nanobanana4j.core.port.ImageProvider;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Receives vendors' callbacks, whatever the web framework: hand it the request's URI, headers and
 * raw body, and answer with the {@link Result#httpStatus()} it gives.
 *
 * <pre>{@code
 * CallbackReceiver receiver = client.callbackReceiver();
 * // in a servlet, a Spring controller, a JDK HttpServer handler...:
 * CallbackReceiver.Result result =
 *     receiver.receive(new CallbackRequest(requestUri, headers, bodyBytes));
 * response.setStatus(result.httpStatus());
 * }</pre>
 *
 * <p>In order: a body over the size limit is refused unread; the callback's origin is checked (the
 * vendor's signature, or the token the client put into the callback URL), and forged or replayed
 * callbacks are refused; the provider reads it; a callback already seen (the same vendor event, or
 * the same task reaching the same state) is acknowledged and changes nothing; otherwise the
 * matching wait completes, exactly once. Every outcome is counted in the {@code
 * nanobanana.callbacks} meter.
 */
public final class CallbackReceiver {
  /** What became of a callback. */
  public enum Outcome {
    /** A wait for the job completed with the callback's status. */
    COMPLETED(200),
    /** Genuine and new, but nobody waits for the job yet: kept for the wait that comes. */
    ACCEPTED(200),
    /** Genuine, but already received: acknowledged, and nothing changes. */
    DUPLICATE(200),
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
  }

  /**
   * What became of a callback, and the HTTP status to answer with.
   *
   * @param providerId the provider the callback was for, when known
   */
  public record Result(Outcome outcome, Optional<String> providerId) {
    /** The HTTP status to answer the vendor with. */
    public int httpStatus() {
      return outcome.httpStatus;
    }
  }

  private static final System.Logger LOG = System.getLogger(CallbackReceiver.class.getName());

  private static final int REMEMBERED = 100_000;
  private static final int DEFAULT_MAX_BODY = 256 * 1024;

  private final Map<String, ImageProvider> providers;
  private final Callbacks callbacks;
  private final JobWatcher watcher;
  private final ClientObserver observer;
  private final Clock clock;
  private final Map<String, Boolean> seen = Recent.map(REMEMBERED);

  /** The jobs this client submitted with callbacks, by job key: the mark of each handle. */
  private final Map<String, String> submitted = Recent.map(REMEMBERED);

  CallbackReceiver(
      Map<String, ImageProvider> providers,
      Callbacks callbacks,
      JobWatcher watcher,
      ClientObserver observer,
      Clock clock) {
    this.providers = providers;
    this.callbacks = callbacks;
    this.watcher = watcher;
    this.observer = observer;
    this.clock = clock;
  }

  /** Records a job this client submitted whose vendor calls back, with its handle's mark. */
  void submitted(JobHandle handle) {
    submitted.put(
        Waits.key(handle.providerId(), handle.taskId()),
        handle.attributes().getOrDefault(CallbackMarks.CALLBACK, ""));
  }

  /**
   * Whether a genuine callback may settle the job it names: the job must be one this client
   * submitted or waits for, and a callback carrying a URL token must carry the one issued for that
   * very job. Empty when it may; else the outcome that refuses it.
   */
  private Optional<Outcome> refusal(String providerId, String taskId, Optional<String> nonce) {
    String key = Waits.key(providerId, taskId);
    Optional<String> mark =
        Optional.ofNullable(submitted.get(key)).or(() -> watcher.watchedMark(providerId, taskId));
    if (mark.isEmpty()) {
      return Optional.of(Outcome.UNKNOWN_JOB);
    }
    boolean marked = !mark.get().isEmpty() && !mark.get().equals(CallbackMarks.SIGNED_CALLBACK);
    if (nonce.isPresent() && marked && !nonce.get().equals(mark.get())) {
      return Optional.of(Outcome.FORGED); // a genuine token, issued for another job
    }
    return Optional.empty();
  }

  /** Receives a callback whose provider is named by the URL's {@code provider} parameter. */
  public Result receive(CallbackRequest request) {
    return receive(request.queryParameter(Callbacks.PROVIDER_PARAMETER).orElse(""), request);
  }

  /** Receives a callback from {@code providerId}'s vendor. */
  public Result receive(String providerId, CallbackRequest request) {
    Outcome outcome = handle(providerId, request);
    boolean known = providers.containsKey(providerId);
    if (outcome.httpStatus >= 400) {
      // Never the URL, its token or the body: only what the callback was refused for.
      LOG.log(
          System.Logger.Level.DEBUG,
          "refused a callback for {0}: {1}",
          known ? providerId : "an unknown provider",
          outcome);
    }
    observer.callback(known ? providerId : "unknown", outcome.name().toLowerCase(Locale.ROOT));
    return new Result(outcome, known ? Optional.of(providerId) : Optional.empty());
  }

  private Outcome handle(String providerId, CallbackRequest request) {
    int limit = callbacks == null ? DEFAULT_MAX_BODY : callbacks.maxBodyBytes();
    if (request.body().length > limit) {
      return Outcome.OVERSIZED;
    }
    if (!(providers.get(providerId) instanceof CallbackPort port)) {
      return Outcome.UNKNOWN_PROVIDER;
    }
    CallbackPort.SignatureCheck origin;
    if (port.callbackSecurity() == CallbackPort.Security.SIGNED) {
      origin = port.verifySignature(request, clock.instant());
    } else if (callbacks == null) {
      origin = CallbackPort.SignatureCheck.FORGED; // this client never sent a callback URL
    } else {
      origin =
          callbacks.check(
              providerId,
              request.queryParameter(CallbackPort.URL_TOKEN_PARAMETER),
              clock.instant());
    }
    switch (origin) {
      case FORGED -> {
        return Outcome.FORGED;
      }
      case STALE -> {
        return Outcome.REPLAYED;
      }
      default -> {}
    }
    CallbackPort.CallbackEvent event;
    try {
      event = port.readCallback(request);
    } catch (RuntimeException e) {
      return Outcome.MALFORMED;
    }
    Optional<Outcome> refused =
        refusal(
            providerId,
            event.taskId(),
            port.callbackSecurity() == CallbackPort.Security.SIGNED
                ? Optional.empty()
                : Callbacks.nonce(request.queryParameter(CallbackPort.URL_TOKEN_PARAMETER)));
    if (refused.isPresent()) {
      return refused.get();
    }
    String key =
        providerId
            + '\n'
            + event.eventId().orElse(event.taskId() + '\n' + event.status().state().name());
    if (seen.putIfAbsent(key, Boolean.TRUE) != null) {
      return Outcome.DUPLICATE;
    }
    return watcher.delivered(providerId, event.taskId(), event.status())
        ? Outcome.COMPLETED
        : Outcome.ACCEPTED;
  }
}
