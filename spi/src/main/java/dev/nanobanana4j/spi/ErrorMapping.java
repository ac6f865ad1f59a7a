package dev.nanobanana4j.spi;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import dev.nanobanana4j.core.error.AuthenticationException;
import dev.nanobanana4j.core.error.ContentPolicyException;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.InsufficientBalanceException;
import dev.nanobanana4j.core.error.InvalidRequestException;
import dev.nanobanana4j.core.error.JobNotFoundException;
import dev.nanobanana4j.core.error.NanoBananaException;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.error.OutcomeUnknownException;
import dev.nanobanana4j.core.error.ProtocolException;
import dev.nanobanana4j.core.error.ProviderUnavailableException;
import dev.nanobanana4j.core.error.RateLimitException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLHandshakeException;

/**
 * The one place that turns HTTP statuses, transport failures and unreadable bodies into the core's
 * exception types. Its central rule: a submission that may have reached the vendor fails with
 * {@link OutcomeUnknownException}, never with an error that invites a resend.
 */
public final class ErrorMapping {
  private ErrorMapping() {}

  /**
   * The error for an HTTP answer with status {@code status} (or a vendor envelope carrying that
   * status in a 200 answer), mapped as the status the body gives it where it gives one ({@link
   * VendorError#treatedAs()}).
   *
   * @param context provider, operation and task id; the status and vendor code are added here
   * @param vendor what the vendor's body said, already redacted
   * @param retryAfter the vendor's {@code Retry-After}, or {@code null}
   */
  public static NanoBananaException forStatus(
      ErrorContext context, int status, VendorError vendor, Duration retryAfter) {
    ErrorContext ctx = context.withHttpStatus(status);
    if (vendor.code().isPresent()) {
      ctx = ctx.withVendorCode(vendor.code().get());
    }
    String said = vendor.message().map(m -> ": " + m).orElse("");
    boolean submit = context.operation() == Operation.SUBMIT;
    int meaning = vendor.treatedAs().orElse(status);
    switch (meaning) {
      case 400, 405, 409, 413, 415, 422:
        return new InvalidRequestException(
            "the vendor refused the request as invalid" + said, ctx, null);
      case 401:
        return new AuthenticationException(
            "the vendor refused the API key (missing or invalid)" + said, ctx, null);
      case 402:
        return new InsufficientBalanceException(
            "the account has insufficient balance or quota" + said, ctx, null);
      case 403:
        return new AuthenticationException(
            "the API key may not use this model or route" + said, ctx, null);
      case 404:
        return submit
            ? new ProtocolException(
                "the vendor has no such endpoint; check the base URL" + said, ctx, null)
            : new JobNotFoundException("the vendor does not know this task" + said, ctx, null);
      case 429:
        return new RateLimitException(
            "the vendor's rate or concurrency limit was reached; the call was not accepted" + said,
            ctx,
            retryAfter,
            null);
      case 451:
        return new ContentPolicyException("the vendor refused the content" + said, ctx, null);
      case 503:
        return new ProviderUnavailableException(
            "the vendor is unavailable and did not accept the call" + said,
            ctx,
            true,
            retryAfter,
            null);
      default:
        if (meaning >= 300 && meaning <= 399) {
          // API calls never follow a redirect: it would carry the request, key and all, to an
          // origin the vendor names. Where the vendor answered a submission this way, it may
          // still have taken the job.
          ProtocolException redirect =
              new ProtocolException(
                  "the vendor answered HTTP "
                      + status
                      + ", a redirect, which API calls never follow"
                      + said,
                  ctx,
                  null);
          return submit
              ? new OutcomeUnknownException(
                  "the vendor answered the submission with a redirect (HTTP "
                      + status
                      + "), which is not followed, so it may or may not have accepted the job;"
                      + " it was sent once and is not sent again",
                  ctx,
                  redirect)
              : redirect;
        }
        if (meaning == 408 || meaning >= 500) {
          return submit
              ? new OutcomeUnknownException(
                  "the vendor answered HTTP "
                      + status
                      + " to the submission, so it may or may not have accepted the job;"
                      + " it was sent once and is not sent again"
                      + said,
                  ctx,
                  null)
              : new ProviderUnavailableException(
                  "the vendor failed with HTTP " + status + said, ctx, false, retryAfter, null);
        }
        return new ProtocolException(
            "the vendor answered an unexpected HTTP " + status + said, ctx, null);
    }
  }

  /**
   * Checks a vendor envelope's {@code code} (APIXO's {@code 200}, Modellix's {@code 0}). Vendors
   * whose envelope code mirrors the HTTP status may send an error code inside an HTTP 200 answer;
   * that is mapped as if it were the HTTP status, and any other unexpected code is a protocol
   * error. A missing code is accepted.
   *
   * @throws NanoBananaException when {@code code} is present and not {@code ok}
   */
  public static void requireEnvelopeOk(ErrorContext context, Integer code, int ok, String message) {
    if (code == null || code == ok) {
      return;
    }
    VendorError vendor = VendorError.of(String.valueOf(code), message);
    if (code >= 400 && code <= 599) {
      throw forStatus(context, code, vendor, null);
    }
    throw new MalformedBodyException(
        "the answer's envelope code is " + code + (message == null ? "" : " (" + message + ")"));
  }

  /**
   * The error for a call that got no usable answer: the connection failed or broke, or the body
   * could not be read.
   */
  public static NanoBananaException forFailure(ErrorContext context, Throwable failure) {
    boolean submit = context.operation() == Operation.SUBMIT;
    if (isMalformedBody(failure)) {
      ProtocolException malformed =
          new ProtocolException(
              "the vendor's answer could not be read: " + describe(failure), context, failure);
      return submit
          ? new OutcomeUnknownException(
              "the vendor answered the submission with a body that could not be read ("
                  + describe(failure)
                  + "), so it may have accepted the job; it was sent once and is not sent again",
              context,
              malformed)
          : malformed;
    }
    if (certainlyNotSent(failure)) {
      return new ProviderUnavailableException(
          "could not connect to the vendor, so nothing was sent: " + describe(failure),
          context,
          true,
          null,
          failure);
    }
    if (submit) {
      return new OutcomeUnknownException(
          "the connection failed after the submission was sent ("
              + describe(failure)
              + "), so the vendor may have accepted the job; it was sent once and is not sent"
              + " again",
          context,
          failure);
    }
    return new ProviderUnavailableException(
        "the call to the vendor failed: " + describe(failure), context, false, null, failure);
  }

  /** Whether the failure happened before any byte of the request could reach the vendor. */
  static boolean certainlyNotSent(Throwable failure) {
    if (failure instanceof ConnectException
        || failure instanceof UnknownHostException
        || failure instanceof NoRouteToHostException
        || failure instanceof SSLHandshakeException) {
      return true;
    }
    // A connect timeout surfaces as a plain SocketTimeoutException; only its message tells it
    // apart from a read timeout, which may follow a request the vendor received.
    return failure instanceof SocketTimeoutException
        && failure.getMessage() != null
        && failure.getMessage().toLowerCase(Locale.ROOT).startsWith("connect timed out");
  }

  static boolean isMalformedBody(Throwable failure) {
    return failure instanceof JsonDataException
        || failure instanceof JsonEncodingException
        || failure instanceof MalformedBodyException
        || failure instanceof BodyLimit.AnswerTooLargeException
        || (failure instanceof EOFException && !(failure.getCause() instanceof IOException));
  }

  private static String describe(Throwable failure) {
    String message = failure.getMessage();
    return failure.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
  }
}
