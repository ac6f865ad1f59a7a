package dev.nanobanana4j.core.application.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.nanobanana4j.core.application.Fixtures;
import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.application.VirtualTime;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.port.CallbackPort;
import dev.nanobanana4j.core.port.CallbackRequest;
import dev.nanobanana4j.core.port.ImageProvider;
import dev.nanobanana4j.core.port.Secret;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** Callback URLs, tokens and the polling fallback, over a mocked provider port on virtual time. */
class CallbacksTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final ImageRequest REQUEST = ImageRequest.builder().prompt("a fox").build();
  private static final JobStatus SUCCEEDED =
      new JobStatus.Succeeded(
          List.of(GeneratedImage.ofUrl(URI.create("https://cdn.example/1.png"), "image/png")));

  private final VirtualTime time = new VirtualTime(START);
  private final ImageProvider provider =
      mock(ImageProvider.class, withSettings().extraInterfaces(CallbackPort.class));
  private final CallbackPort port = (CallbackPort) provider;
  private final JobHandle accepted = JobHandle.of("hooked", "t-1", START);
  private NanoBananaClient client;

  @BeforeEach
  void setUp() {
    when(provider.info()).thenReturn(Fixtures.info("hooked"));
    when(provider.id()).thenReturn("hooked");
    when(provider.violations(any())).thenCallRealMethod();
    when(provider.estimate(any())).thenCallRealMethod();
    when(port.callbackSecurity()).thenReturn(CallbackPort.Security.URL_TOKEN);
    when(port.callsBack()).thenReturn(true);
    when(port.readEvent(any())).thenCallRealMethod();
  }

  private NanoBananaClient client(boolean webhooks) {
    when(provider.info()).thenReturn(Fixtures.info("hooked", "0.05", webhooks));
    return NanoBananaClient.builder()
        .provider(provider)
        .clock(time)
        .scheduler(time)
        .random(() -> 0.5)
        .callbacks(
            Callbacks.builder()
                .url(URI.create("https://app.example/callbacks"))
                .secret(Secret.of("0123456789abcdef-secret"))
                .tokenLifetime(Duration.ofHours(1))
                .pollingGrace(Duration.ofMinutes(2))
                .build())
        .build();
  }

  private URI submitted() {
    ArgumentCaptor<ImageRequest> sent = ArgumentCaptor.forClass(ImageRequest.class);
    verify(provider).submit(sent.capture());
    return sent.getValue().callbackUrl().orElseThrow();
  }

  @Test
  void a_provider_that_takes_callback_urls_gets_one_with_a_token_and_polls_only_after_grace() {
    when(provider.submit(any())).thenReturn(CompletableFuture.completedFuture(accepted));
    when(provider.status(any())).thenReturn(CompletableFuture.completedFuture(SUCCEEDED));
    client = client(true);
    JobHandle handle = client.submit("hooked", REQUEST).join();
    URI url = submitted();
    assertTrue(
        url.toString().startsWith("https://app.example/callbacks?provider=hooked&nb_token="));
    String token = url.getRawQuery().replaceAll(".*nb_token=", "");
    assertEquals(
        token.split("\\.")[1],
        handle.attributes().get("callback"),
        "the handle keeps the nonce that binds the token to this job");
    assertFalse(handle.toToken().contains("nb_token"));
    CompletableFuture<JobStatus> waiting = client.await(handle);
    time.advance(Duration.ofSeconds(119));
    verify(provider, never()).status(any());
    time.advance(Duration.ofSeconds(1)); // no callback came: polling is the fallback
    verify(provider, times(1)).status(any());
    assertEquals(SUCCEEDED, Fixtures.done(waiting));
  }

  @Test
  void without_webhook_capability_no_callback_url_is_sent() {
    when(provider.submit(any())).thenReturn(CompletableFuture.completedFuture(accepted));
    client = client(false);
    JobHandle handle = client.submit("hooked", REQUEST).join();
    ArgumentCaptor<ImageRequest> sent = ArgumentCaptor.forClass(ImageRequest.class);
    verify(provider).submit(sent.capture());
    assertEquals(Optional.empty(), sent.getValue().callbackUrl());
    assertFalse(handle.attributes().containsKey("callback"));
  }

  @Test
  void the_receiver_says_how_large_a_body_it_takes_and_refuses_a_larger_one() {
    NanoBananaClient small =
        NanoBananaClient.builder()
            .provider(provider)
            .clock(time)
            .scheduler(time)
            .callbacks(
                Callbacks.builder()
                    .url(URI.create("https://app.example/callbacks"))
                    .secret(Secret.of("0123456789abcdef-secret"))
                    .maxBodyBytes(1000)
                    .build())
            .build();
    CallbackReceiver receiver = small.callbackReceiver();
    assertEquals(1000, receiver.maxBodyBytes());
    URI url = URI.create("https://app.example/callbacks?provider=hooked");
    assertEquals(
        CallbackReceiver.Outcome.OVERSIZED,
        receiver.receive(new CallbackRequest(url, Map.of(), new byte[1001])).outcome());
    assertEquals(
        CallbackReceiver.Outcome.FORGED,
        receiver.receive(new CallbackRequest(url, Map.of(), new byte[1000])).outcome());
    try (NanoBananaClient none = NanoBananaClient.builder().provider(provider).build()) {
      assertEquals(256 * 1024, none.callbackReceiver().maxBodyBytes());
    }
    small.close();
  }

  @Test
  void tokens_are_checked_for_their_provider_and_lifetime() {
    when(provider.submit(any())).thenReturn(CompletableFuture.completedFuture(accepted));
    when(port.readCallback(any()))
        .thenReturn(new CallbackPort.CallbackEvent("t-1", SUCCEEDED, Optional.empty()));
    client = client(true);
    client.submit("hooked", REQUEST).join();
    URI url = submitted();
    CallbackReceiver receiver = client.callbackReceiver();
    // For another provider's token: forged. No token: forged.
    URI otherProvider = URI.create(url.toString().replace("provider=hooked", "provider=other"));
    assertEquals(
        CallbackReceiver.Outcome.FORGED,
        receiver
            .receive(
                "hooked", request(URI.create(url.toString().replace("nb_token=", "nb_token=x"))))
            .outcome());
    assertEquals(
        CallbackReceiver.Outcome.UNKNOWN_PROVIDER,
        receiver.receive(request(otherProvider)).outcome());
    // Valid, before anyone waits: kept, and the wait that comes ends at once.
    assertEquals(CallbackReceiver.Outcome.ACCEPTED, receiver.receive(request(url)).outcome());
    CompletableFuture<JobStatus> waiting = client.await(accepted);
    assertEquals(SUCCEEDED, Fixtures.done(waiting));
    verify(provider, never()).status(any());
    // Past the token's lifetime: a replay.
    time.advance(Duration.ofHours(2));
    assertEquals(CallbackReceiver.Outcome.REPLAYED, receiver.receive(request(url)).outcome());
  }

  @Test
  void a_callback_secret_shorter_than_16_bytes_and_a_plain_http_url_are_refused() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Callbacks.builder()
                .url(URI.create("https://a.example/"))
                .secret(Secret.of("short"))
                .build());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Callbacks.builder()
                .url(URI.create("http://a.example/"))
                .secret(Secret.of("0123456789abcdef-secret"))
                .build());
    assertFalse(
        Callbacks.builder()
            .url(URI.create("https://a.example/"))
            .secret(Secret.of("0123456789abcdef-secret"))
            .build()
            .toString()
            .contains("0123456789abcdef"));
  }

  @Test
  void plain_http_is_taken_only_on_a_literal_loopback_address() {
    for (String loopback :
        List.of(
            "http://localhost:8080/cb",
            "http://127.0.0.1:8080/cb",
            "http://127.1.2.3/cb",
            "http://[::1]:8080/cb",
            "http://[0:0:0:0:0:0:0:1]/cb")) {
      Callbacks.builder()
          .url(URI.create(loopback))
          .secret(Secret.of("0123456789abcdef-secret"))
          .build();
    }
    for (String elsewhere :
        List.of(
            "http://10.0.0.1/cb",
            "http://[fd00::1]/cb",
            "http://localhost.evil.example/cb",
            "http://127.0.0.1.evil.example/cb",
            "http://128.0.0.1/cb",
            "http://[::2]/cb",
            "http:/cb")) {
      assertThrows(
          IllegalArgumentException.class,
          () ->
              Callbacks.builder()
                  .url(URI.create(elsewhere))
                  .secret(Secret.of("0123456789abcdef-secret"))
                  .build(),
          elsewhere);
    }
  }

  private static final Callbacks SETTINGS =
      Callbacks.builder()
          .url(URI.create("https://app.example/callbacks"))
          .secret(Secret.of("0123456789abcdef-secret"))
          .tokenLifetime(Duration.ofHours(1))
          .build();

  private static String tokenOf(URI url) {
    return CallbackRequest.queryParameter(url, CallbackPort.URL_TOKEN_PARAMETER).orElseThrow();
  }

  @Test
  void a_token_of_the_right_shape_whose_mac_does_not_match_is_forged() {
    String token = tokenOf(SETTINGS.urlFor("hooked", START));
    String[] parts = token.split("\\.");
    assertEquals(
        CallbackPort.SignatureCheck.VALID, SETTINGS.check("hooked", Optional.of(token), START));
    // Another issue time under the same MAC; another nonce; one character of the MAC changed.
    String laterTime = (Long.parseLong(parts[0]) + 1) + "." + parts[1] + "." + parts[2];
    String otherNonce =
        parts[0]
            + "."
            + parts[1].replace(parts[1].charAt(0), parts[1].charAt(0) == 'A' ? 'B' : 'A')
            + "."
            + parts[2];
    char last = parts[2].charAt(parts[2].length() - 2);
    String otherMac =
        parts[0]
            + "."
            + parts[1]
            + "."
            + parts[2].substring(0, parts[2].length() - 2)
            + (last == 'A' ? 'B' : 'A')
            + parts[2].substring(parts[2].length() - 1);
    for (String forged : List.of(laterTime, otherNonce, otherMac)) {
      assertEquals(
          CallbackPort.SignatureCheck.FORGED,
          SETTINGS.check("hooked", Optional.of(forged), START),
          forged);
    }
    assertEquals(
        CallbackPort.SignatureCheck.FORGED, SETTINGS.check("other", Optional.of(token), START));
  }

  @Test
  void a_token_is_valid_for_its_lifetime_and_five_minutes_of_clock_skew_and_not_a_second_more() {
    String token = tokenOf(SETTINGS.urlFor("hooked", START));
    assertEquals(
        CallbackPort.SignatureCheck.VALID,
        SETTINGS.check("hooked", Optional.of(token), START.plus(Duration.ofHours(1))));
    assertEquals(
        CallbackPort.SignatureCheck.STALE,
        SETTINGS.check(
            "hooked", Optional.of(token), START.plus(Duration.ofHours(1)).plusSeconds(1)));
    String ahead = tokenOf(SETTINGS.urlFor("hooked", START.plusSeconds(300)));
    assertEquals(
        CallbackPort.SignatureCheck.VALID, SETTINGS.check("hooked", Optional.of(ahead), START));
    String tooFarAhead = tokenOf(SETTINGS.urlFor("hooked", START.plusSeconds(301)));
    assertEquals(
        CallbackPort.SignatureCheck.STALE,
        SETTINGS.check("hooked", Optional.of(tooFarAhead), START));
  }

  @Test
  @SuppressWarnings("unchecked") // Mockito's thenReturn(first, rest...) with generic futures
  void a_token_settles_only_the_job_it_was_issued_for() {
    JobHandle second = JobHandle.of("hooked", "t-2", START);
    when(provider.submit(any()))
        .thenReturn(
            CompletableFuture.completedFuture(accepted), CompletableFuture.completedFuture(second));
    when(provider.status(any())).thenReturn(new CompletableFuture<>());
    client = client(true);
    client.submit("hooked", REQUEST).join();
    client.submit("hooked", REQUEST).join();
    ArgumentCaptor<ImageRequest> sent = ArgumentCaptor.forClass(ImageRequest.class);
    verify(provider, times(2)).submit(sent.capture());
    URI firstUrl = sent.getAllValues().get(0).callbackUrl().orElseThrow();
    CompletableFuture<JobStatus> waiting = client.await(second);
    // The first job's genuine URL, naming the second job: refused, and the wait goes on.
    when(port.readCallback(any()))
        .thenReturn(new CallbackPort.CallbackEvent("t-2", SUCCEEDED, Optional.empty()));
    assertEquals(
        CallbackReceiver.Outcome.FORGED,
        client.callbackReceiver().receive(request(firstUrl)).outcome());
    assertFalse(waiting.isDone());
    URI secondUrl = sent.getAllValues().get(1).callbackUrl().orElseThrow();
    assertEquals(
        CallbackReceiver.Outcome.COMPLETED,
        client.callbackReceiver().receive(request(secondUrl)).outcome());
    assertEquals(SUCCEEDED, Fixtures.done(waiting));
  }

  @Test
  void
      an_event_about_the_account_or_an_unknown_jobs_progress_is_acknowledged_and_changes_nothing() {
    when(provider.submit(any())).thenReturn(CompletableFuture.completedFuture(accepted));
    when(provider.status(any())).thenReturn(new CompletableFuture<>());
    client = client(true);
    client.submit("hooked", REQUEST).join();
    URI url = submitted();
    org.mockito.Mockito.doReturn(
            new CallbackPort.AccountEvent("balance.low\n\u001b[2J", Optional.of("e-1")))
        .when(port)
        .readEvent(any());
    CallbackReceiver.Result account = client.callbackReceiver().receive(request(url));
    assertEquals(CallbackReceiver.Outcome.IGNORED, account.outcome());
    assertEquals(200, account.httpStatus());
    org.mockito.Mockito.doReturn(
            new CallbackPort.CallbackEvent(
                "t-early", new JobStatus.Queued(java.util.OptionalInt.empty()), Optional.empty()))
        .when(port)
        .readEvent(any());
    assertEquals(
        CallbackReceiver.Outcome.IGNORED,
        client.callbackReceiver().receive(request(url)).outcome());
    org.mockito.Mockito.doReturn(null).when(port).readEvent(any());
    assertEquals(
        CallbackReceiver.Outcome.MALFORMED,
        client.callbackReceiver().receive(request(url)).outcome());
  }

  @Test
  void a_genuine_callback_for_a_task_this_client_never_submitted_is_refused_and_not_kept() {
    when(provider.submit(any())).thenReturn(CompletableFuture.completedFuture(accepted));
    when(provider.status(any())).thenReturn(new CompletableFuture<>());
    client = client(true);
    client.submit("hooked", REQUEST).join();
    URI url = submitted();
    when(port.readCallback(any()))
        .thenReturn(new CallbackPort.CallbackEvent("t-unknown", SUCCEEDED, Optional.empty()));
    assertEquals(
        CallbackReceiver.Outcome.UNKNOWN_JOB,
        client.callbackReceiver().receive(request(url)).outcome());
    CompletableFuture<JobStatus> later = client.await(JobHandle.of("hooked", "t-unknown", START));
    assertFalse(later.isDone(), "nothing was kept for it");
  }

  @Test
  void a_wait_resumed_from_a_token_knows_which_callback_token_may_settle_it() {
    when(provider.submit(any())).thenReturn(CompletableFuture.completedFuture(accepted));
    when(provider.status(any())).thenReturn(new CompletableFuture<>());
    client = client(true);
    JobHandle handle = client.submit("hooked", REQUEST).join();
    URI url = submitted();
    NanoBananaClient other = client(true); // another process: it submitted nothing
    CompletableFuture<JobStatus> resumed = other.await(JobHandle.parse(handle.toToken()));
    when(port.readCallback(any()))
        .thenReturn(new CallbackPort.CallbackEvent("t-1", SUCCEEDED, Optional.empty()));
    String foreign = tokenOf(SETTINGS.urlFor("hooked", START));
    URI forged = URI.create(url.toString().replace(tokenOf(url), foreign));
    assertEquals(
        CallbackReceiver.Outcome.FORGED,
        other.callbackReceiver().receive(request(forged)).outcome());
    assertEquals(
        CallbackReceiver.Outcome.COMPLETED,
        other.callbackReceiver().receive(request(url)).outcome());
    assertEquals(SUCCEEDED, Fixtures.done(resumed));
  }

  private static CallbackRequest request(URI uri) {
    return new CallbackRequest(
        uri, Map.of(), "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
