package dev.nanobanana4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.JsonEncodingException;
import dev.nanobanana4j.core.error.AuthenticationException;
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
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ErrorMappingTest {
  private static final ErrorContext SUBMIT = ErrorContext.of("acme", Operation.SUBMIT);
  private static final ErrorContext STATUS =
      ErrorContext.of("acme", Operation.STATUS).withTaskId("t-1");

  @Test
  void maps_each_status_of_a_submission() {
    Map<Integer, Class<? extends NanoBananaException>> expected =
        Map.of(
            400, InvalidRequestException.class,
            401, AuthenticationException.class,
            402, InsufficientBalanceException.class,
            403, AuthenticationException.class,
            404, ProtocolException.class,
            429, RateLimitException.class,
            500, OutcomeUnknownException.class,
            502, OutcomeUnknownException.class,
            503, ProviderUnavailableException.class,
            504, OutcomeUnknownException.class);
    expected.forEach(
        (status, type) -> {
          NanoBananaException e =
              ErrorMapping.forStatus(SUBMIT, status, VendorError.of("E1", "said"), null);
          assertInstanceOf(type, e, "HTTP " + status);
          assertEquals(status, e.httpStatus().orElseThrow());
          assertEquals(Optional.of("E1"), e.vendorCode());
          assertTrue(
              e.getMessage().startsWith("[acme submit, HTTP " + status + ", code E1] "),
              e.getMessage());
          assertEquals(status == 429 || status == 503, e.isSafeToResubmit(), "HTTP " + status);
        });
  }

  @Test
  void maps_status_poll_errors_as_retryable_and_keeps_the_task_id() {
    for (int status : new int[] {429, 500, 502, 503, 504, 408}) {
      NanoBananaException e =
          ErrorMapping.forStatus(STATUS, status, VendorError.none(), Duration.ofSeconds(3));
      assertTrue(e.isRetryable(), "HTTP " + status);
      assertEquals(Optional.of("t-1"), e.taskId());
    }
    assertInstanceOf(
        JobNotFoundException.class, ErrorMapping.forStatus(STATUS, 404, VendorError.none(), null));
  }

  @Test
  void only_a_failure_before_sending_is_safe_to_resend() {
    NanoBananaException refused =
        ErrorMapping.forFailure(SUBMIT, new ConnectException("Connection refused"));
    assertInstanceOf(ProviderUnavailableException.class, refused);
    assertTrue(refused.isSafeToResubmit());

    NanoBananaException connectTimeout =
        ErrorMapping.forFailure(SUBMIT, new SocketTimeoutException("Connect timed out"));
    assertTrue(connectTimeout.isSafeToResubmit());

    NanoBananaException readTimeout =
        ErrorMapping.forFailure(SUBMIT, new SocketTimeoutException("timeout"));
    assertInstanceOf(OutcomeUnknownException.class, readTimeout);
    assertFalse(readTimeout.isSafeToResubmit());

    NanoBananaException reset =
        ErrorMapping.forFailure(SUBMIT, new IOException("unexpected end of stream"));
    assertInstanceOf(OutcomeUnknownException.class, reset);
  }

  @Test
  void an_unreadable_answer_is_a_protocol_error_or_for_a_submission_unknown_outcome() {
    JsonEncodingException malformed = new JsonEncodingException("Use JsonReader.setLenient(true)");
    assertInstanceOf(ProtocolException.class, ErrorMapping.forFailure(STATUS, malformed));
    NanoBananaException submit = ErrorMapping.forFailure(SUBMIT, malformed);
    assertInstanceOf(OutcomeUnknownException.class, submit);
    assertInstanceOf(ProtocolException.class, submit.getCause());
  }

  @Test
  void a_timeout_answer_to_a_submission_leaves_its_outcome_unknown() {
    NanoBananaException e = ErrorMapping.forStatus(SUBMIT, 408, VendorError.none(), null);
    assertInstanceOf(OutcomeUnknownException.class, e);
    assertFalse(e.isSafeToResubmit());
    assertInstanceOf(
        ProviderUnavailableException.class,
        ErrorMapping.forStatus(STATUS, 408, VendorError.none(), null));
  }

  @Test
  void a_redirect_is_never_followed_and_a_submission_redirected_may_have_been_taken() {
    for (int status : new int[] {300, 301, 302, 303, 304, 307, 308, 399}) {
      NanoBananaException submit = ErrorMapping.forStatus(SUBMIT, status, VendorError.none(), null);
      assertInstanceOf(OutcomeUnknownException.class, submit, "HTTP " + status);
      assertInstanceOf(ProtocolException.class, submit.getCause());
      assertFalse(submit.isSafeToResubmit());
      NanoBananaException poll = ErrorMapping.forStatus(STATUS, status, VendorError.none(), null);
      assertInstanceOf(ProtocolException.class, poll, "HTTP " + status);
      assertTrue(poll.getMessage().contains("a redirect, which API calls never follow"));
    }
  }

  @Test
  void an_answer_over_the_size_limit_is_unreadable() {
    IOException tooLarge = new BodyLimit.AnswerTooLargeException(4096, -1);
    assertInstanceOf(ProtocolException.class, ErrorMapping.forFailure(STATUS, tooLarge));
    NanoBananaException submit = ErrorMapping.forFailure(SUBMIT, tooLarge);
    assertInstanceOf(OutcomeUnknownException.class, submit);
    assertInstanceOf(ProtocolException.class, submit.getCause());
  }

  @Test
  void an_envelope_code_is_accepted_when_absent_or_ok_and_mapped_otherwise() {
    ErrorMapping.requireEnvelopeOk(SUBMIT, null, 200, "ok");
    ErrorMapping.requireEnvelopeOk(SUBMIT, 200, 200, "ok");
    ErrorMapping.requireEnvelopeOk(STATUS, 0, 0, null);
    NanoBananaException serverError =
        org.junit.jupiter.api.Assertions.assertThrows(
            NanoBananaException.class,
            () -> ErrorMapping.requireEnvelopeOk(SUBMIT, 500, 200, "internal"));
    assertInstanceOf(OutcomeUnknownException.class, serverError);
    assertEquals(Optional.of("500"), serverError.vendorCode());
    assertInstanceOf(
        RateLimitException.class,
        org.junit.jupiter.api.Assertions.assertThrows(
            NanoBananaException.class,
            () -> ErrorMapping.requireEnvelopeOk(STATUS, 429, 200, null)));
    assertInstanceOf(
        InvalidRequestException.class,
        org.junit.jupiter.api.Assertions.assertThrows(
            NanoBananaException.class,
            () -> ErrorMapping.requireEnvelopeOk(STATUS, 400, 200, "bad")));
    assertInstanceOf(
        ProviderUnavailableException.class,
        org.junit.jupiter.api.Assertions.assertThrows(
            NanoBananaException.class,
            () -> ErrorMapping.requireEnvelopeOk(STATUS, 599, 200, null)));
    for (int code : new int[] {399, 600, 1, -1}) {
      MalformedBodyException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              MalformedBodyException.class,
              () -> ErrorMapping.requireEnvelopeOk(STATUS, code, 200, "odd"));
      assertEquals("the answer's envelope code is " + code + " (odd)", e.getMessage());
    }
    assertEquals(
        "the answer's envelope code is 7",
        org.junit.jupiter.api.Assertions.assertThrows(
                MalformedBodyException.class,
                () -> ErrorMapping.requireEnvelopeOk(STATUS, 7, 0, null))
            .getMessage());
  }

  @Test
  void maps_a_content_refusal_and_an_unexpected_status() {
    assertInstanceOf(
        dev.nanobanana4j.core.error.ContentPolicyException.class,
        ErrorMapping.forStatus(STATUS, 451, VendorError.none(), null));
    NanoBananaException odd = ErrorMapping.forStatus(STATUS, 418, VendorError.none(), null);
    assertInstanceOf(ProtocolException.class, odd);
    assertTrue(odd.getMessage().endsWith("the vendor answered an unexpected HTTP 418"));
    NanoBananaException failed = ErrorMapping.forStatus(STATUS, 500, VendorError.none(), null);
    assertInstanceOf(ProviderUnavailableException.class, failed);
    assertTrue(failed.isRetryable());
  }

  @Test
  void only_an_eof_of_its_own_is_an_unreadable_body() {
    assertTrue(ErrorMapping.isMalformedBody(new java.io.EOFException("cut")));
    assertFalse(
        ErrorMapping.isMalformedBody(
            new java.io.EOFException() {
              private static final long serialVersionUID = 1L;

              @Override
              public synchronized Throwable getCause() {
                return new IOException("the connection broke");
              }
            }));
    assertTrue(ErrorMapping.isMalformedBody(new com.squareup.moshi.JsonDataException("x")));
    assertFalse(ErrorMapping.isMalformedBody(new IOException("reset")));
    NanoBananaException broke = ErrorMapping.forFailure(STATUS, new IOException("reset"));
    assertInstanceOf(ProviderUnavailableException.class, broke);
    assertFalse(broke.isSafeToResubmit());
    assertEquals(
        "[acme status, task t-1] the call to the vendor failed: IOException (reset)",
        broke.getMessage());
  }

  @Test
  void a_body_that_says_more_than_its_status_is_mapped_by_what_it_says() {
    NanoBananaException e =
        ErrorMapping.forStatus(
            ErrorContext.of("p", Operation.SUBMIT),
            400,
            VendorError.of("API_KEY_INVALID", "API key not valid.").treatedAs(401),
            null);
    assertInstanceOf(AuthenticationException.class, e);
    assertEquals(java.util.OptionalInt.of(400), e.httpStatus());
    assertEquals(java.util.Optional.of("API_KEY_INVALID"), e.vendorCode());
    NanoBananaException server =
        ErrorMapping.forStatus(
            ErrorContext.of("p", Operation.SUBMIT), 200, VendorError.none().treatedAs(500), null);
    assertInstanceOf(OutcomeUnknownException.class, server);
  }
}
