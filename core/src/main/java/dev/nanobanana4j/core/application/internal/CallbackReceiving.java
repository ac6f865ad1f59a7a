package dev.nanobanana4j.core.application.internal;

import dev.nanobanana4j.core.application.callbacks.CallbackReceiver;
import dev.nanobanana4j.core.application.callbacks.Callbacks;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.port.CallbackPort;
import dev.nanobanana4j.core.port.CallbackRequest;
import dev.nanobanana4j.core.port.ClientObserver;
import dev.nanobanana4j.core.port.ImageProvider;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The client's {@link CallbackReceiver}: checks, reads and settles vendors' callbacks. */
public final class CallbackReceiving implements CallbackReceiver {
  private static final System.Logger LOG = System.getLogger(CallbackReceiver.class.getName());

  private static final int REMEMBERED = 100_000;
  private static final int DEFAULT_MAX_BODY = 256 * 1024;

  private final Map<String, ImageProvider> providers;
  private final Callbacks callbacks;
  private final JobWatcher watcher;
  private final ClientObserver observer;
  private final Clock clock;
  private final StoredJobs stored;
  private final Map<String, Boolean> seen = Recent.map(REMEMBERED);

  /** The jobs this client submitted with callbacks, by job key: the mark of each handle. */
  private final Map<Waits.TaskKey, String> submitted = Recent.map(REMEMBERED);

  /** A receiver settling the waits of {@code watcher}. */
  public CallbackReceiving(
      Map<String, ImageProvider> providers,
      Callbacks callbacks,
      JobWatcher watcher,
      ClientObserver observer,
      Clock clock,
      StoredJobs stored) {
    this.stored = stored;
    this.providers = providers;
    this.callbacks = callbacks;
    this.watcher = watcher;
    this.observer = observer;
    this.clock = clock;
  }

  /** Records a job this client submitted whose vendor calls back, with its handle's mark. */
  public void submitted(JobHandle handle) {
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
    Waits.TaskKey key = Waits.key(providerId, taskId);
    Optional<String> mark =
        Optional.ofNullable(submitted.get(key))
            .or(() -> watcher.watchedMark(providerId, taskId))
            .or(() -> storedMark(providerId, taskId));
    if (mark.isEmpty()) {
      return Optional.of(Outcome.UNKNOWN_JOB);
    }
    boolean marked = !mark.get().isEmpty() && !mark.get().equals(CallbackMarks.SIGNED_CALLBACK);
    if (nonce.isPresent() && marked && !nonce.get().equals(mark.get())) {
      return Optional.of(Outcome.FORGED); // a genuine token, issued for another job
    }
    return Optional.empty();
  }

  @Override
  public Result receive(CallbackRequest request) {
    return receive(request.queryParameter(Callbacks.PROVIDER_PARAMETER).orElse(""), request);
  }

  @Override
  public Result receive(String providerId, CallbackRequest request) {
    Outcome outcome = handle(providerId, request);
    boolean known = providers.containsKey(providerId);
    if (outcome.httpStatus() >= 400) {
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

  @Override
  public int maxBodyBytes() {
    return callbacks == null ? DEFAULT_MAX_BODY : callbacks.maxBodyBytes();
  }

  private Outcome handle(String providerId, CallbackRequest request) {
    if (request.body().length > maxBodyBytes()) {
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
    CallbackPort.Received received;
    try {
      received = Objects.requireNonNull(port.readEvent(request), "no event");
    } catch (RuntimeException e) {
      return Outcome.MALFORMED;
    }
    if (received instanceof CallbackPort.AccountEvent account) {
      LOG.log(
          System.Logger.Level.INFO,
          "{0} reported {1} about the account",
          providerId,
          // Vendor text in a log line: a word of at most 64 plain characters.
          account
              .type()
              .substring(0, Math.min(64, account.type().length()))
              .replaceAll("[^A-Za-z0-9._-]", "?"));
      return Outcome.IGNORED;
    }
    CallbackPort.CallbackEvent event = (CallbackPort.CallbackEvent) received;
    Optional<String> nonce =
        port.callbackSecurity() == CallbackPort.Security.SIGNED
            ? Optional.empty()
            : Callbacks.nonce(request.queryParameter(CallbackPort.URL_TOKEN_PARAMETER));
    Optional<Outcome> refused = refusal(providerId, event.taskId(), nonce);
    if (refused.isPresent()
        && refused.get() == Outcome.UNKNOWN_JOB
        && nonce.isPresent()
        && stored != null
        && event.status().isTerminal()) {
      // The token's nonce is the client's reference for one submission: the job's end, when its
      // answer was never recorded (the process that sent it died), is known by it all the same.
      // Only an end is taken so: the handle made here lacks what the vendor's answer would add.
      Optional<JobHandle> adopted =
          stored.answeredByCallback(providerId, nonce.get(), event.taskId(), nonce.get());
      if (adopted.isPresent()) {
        return stored.settleNow(adopted.get(), event.status())
            ? Outcome.COMPLETED
            : Outcome.ACCEPTED;
      }
    }
    if (refused.isPresent()) {
      // A job's progress may come before its submission's answer: acknowledged, not refused.
      return refused.get() == Outcome.UNKNOWN_JOB && !event.status().state().isTerminal()
          ? Outcome.IGNORED
          : refused.get();
    }
    String key =
        providerId
            + '\n'
            + event.eventId().orElse(event.taskId() + '\n' + event.status().state().name());
    if (seen.putIfAbsent(key, Boolean.TRUE) != null) {
      return Outcome.DUPLICATE;
    }
    if (watcher.delivered(providerId, event.taskId(), event.status())) {
      return Outcome.COMPLETED;
    }
    // Nobody here waits: the job settles in the store, and the instance that waits is told.
    if (stored != null && event.status().isTerminal()) {
      Optional<JobHandle> handle = stored.known(providerId, event.taskId());
      if (handle.isPresent() && stored.settleNow(handle.get(), event.status())) {
        return Outcome.COMPLETED;
      }
    }
    return Outcome.ACCEPTED;
  }

  /** The mark of a job the store knows: submitted by another instance of the fleet. */
  private Optional<String> storedMark(String providerId, String taskId) {
    return stored == null
        ? Optional.empty()
        : stored
            .known(providerId, taskId)
            .map(handle -> handle.attributes().getOrDefault(CallbackMarks.CALLBACK, ""));
  }
}
