package dev.nanobanana4j.core.application.internal;

import dev.nanobanana4j.core.application.callbacks.Callbacks;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.port.CallbackPort;
import dev.nanobanana4j.core.port.CallbackRequest;
import dev.nanobanana4j.core.port.ImageProvider;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The submitting side of callbacks: gives requests a callback URL where the vendor takes one, and
 * marks the handles of jobs whose vendor will call back.
 */
public final class CallbackMarks {
  /**
   * The handle attribute set on jobs whose vendor calls back: the nonce of the callback URL's
   * token, or {@link #SIGNED_CALLBACK} where the vendor signs its callbacks.
   */
  public static final String CALLBACK = "callback";

  /** The {@link #CALLBACK} mark of a job whose vendor signs its callbacks. */
  public static final String SIGNED_CALLBACK = "yes";

  private final Callbacks callbacks;
  private final CallbackReceiving receiver;
  private final Clock clock;

  /**
   * @param callbacks the client's callback settings, or null when it takes no callbacks
   */
  public CallbackMarks(Callbacks callbacks, CallbackReceiving receiver, Clock clock) {
    this.callbacks = callbacks;
    this.receiver = receiver;
    this.clock = clock;
  }

  /**
   * The request with a callback URL (and a fresh token) when callbacks are configured and the
   * provider takes a callback URL per request.
   */
  public ImageRequest withCallback(ImageProvider provider, ImageRequest request) {
    if (callbacks == null
        || request.callbackUrl().isPresent()
        || !(provider instanceof CallbackPort port)
        || port.callbackSecurity() != CallbackPort.Security.URL_TOKEN
        || provider
            .info()
            .modelFor(request)
            .map(model -> !model.capabilities().supportsWebhooks())
            .orElse(true)) {
      return request;
    }
    return request
        .newBuilder()
        .callbackUrl(callbacks.urlFor(provider.id(), clock.instant()))
        .build();
  }

  /**
   * Marks the handle of a job whose vendor will call back, so polling waits for the callback, and
   * tells the receiver that this client submitted it. The mark is the callback token's nonce (or
   * {@code yes} for vendors that sign), so that a wait resumed from the handle's token elsewhere
   * still knows which token may settle it.
   */
  public JobHandle mark(ImageProvider provider, ImageRequest sent, JobHandle handle) {
    boolean callsBack =
        provider instanceof CallbackPort port
            && (sent.callbackUrl().isPresent()
                || (port.callbackSecurity() == CallbackPort.Security.SIGNED && port.callsBack()));
    if (!callsBack || handle.attributes().containsKey(CALLBACK)) {
      return handle;
    }
    String mark =
        sent.callbackUrl()
            .flatMap(
                url ->
                    Callbacks.nonce(
                        CallbackRequest.queryParameter(url, CallbackPort.URL_TOKEN_PARAMETER)))
            .orElse(SIGNED_CALLBACK);
    Map<String, String> attributes = new LinkedHashMap<>(handle.attributes());
    attributes.put(CALLBACK, mark);
    JobHandle marked =
        JobHandle.of(handle.providerId(), handle.taskId(), handle.submittedAt(), attributes);
    receiver.submitted(marked);
    return marked;
  }
}
