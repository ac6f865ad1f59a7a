package dev.nanobanana4j.core.application;

import static dev.nanobanana4j.core.application.Fixtures.cause;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.nanobanana4j.core.application.routing.Budget;
import dev.nanobanana4j.core.application.routing.Route;
import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.Money;
import dev.nanobanana4j.core.error.InvalidRequestException;
import dev.nanobanana4j.core.error.RequestValidationException;
import dev.nanobanana4j.core.port.ImageProvider;
import dev.nanobanana4j.core.port.ImageUploader;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * Local files at a vendor that takes URLs only (the fixture's provider): refused before sending
 * without an uploader; uploaded once, just before the submission, with one.
 */
class UploaderTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0};
  private static final ImageRequest EDIT =
      ImageRequest.builder()
          .prompt("warmer")
          .addReferenceImage(ImageInput.url("https://cdn.example/kept.png"))
          .addReferenceImage(ImageInput.bytes(PNG, "image/png"))
          .build();

  private final VirtualTime time = new VirtualTime(START);
  private final ImageProvider provider = Fixtures.provider("fake");
  private final List<String> uploadedFor = new ArrayList<>();

  @BeforeEach
  void setUp() {
    when(provider.submit(any()))
        .thenReturn(CompletableFuture.completedFuture(JobHandle.of("fake", "t-1", START)));
  }

  private NanoBananaClient client(ImageUploader uploader, Budget budget) {
    NanoBananaClientBuilder builder =
        NanoBananaClient.builder()
            .provider(provider)
            .clock(time)
            .scheduler(time)
            .defaultTimeout(Duration.ofMinutes(2));
    if (uploader != null) {
      builder.uploader(uploader);
    }
    if (budget != null) {
      builder.budget(budget);
    }
    return builder.build();
  }

  private ImageUploader uploadingTo(String url) {
    return (image, providerId) -> {
      uploadedFor.add(providerId + ":" + image.size());
      return CompletableFuture.completedFuture(URI.create(url));
    };
  }

  private ImageRequest sent() {
    ArgumentCaptor<ImageRequest> sent = ArgumentCaptor.forClass(ImageRequest.class);
    verify(provider).submit(sent.capture());
    return sent.getValue();
  }

  @Test
  void without_an_uploader_local_files_are_refused_before_sending() {
    RequestValidationException e =
        assertInstanceOf(
            RequestValidationException.class, cause(client(null, null).submit("fake", EDIT)));
    assertTrue(e.violations().get(0).contains("an ImageUploader on the client"), e.getMessage());
    verify(provider, never()).submit(any());
  }

  @Test
  void with_an_uploader_each_local_file_is_sent_as_its_url_and_urls_stay() {
    NanoBananaClient client = client(uploadingTo("https://bucket.example/presigned/1.png"), null);
    assertEquals(Money.usd("0.05"), client.estimate("fake", EDIT).total().orElseThrow());
    JobHandle handle = Fixtures.done(client.submit("fake", EDIT));
    assertEquals("t-1", handle.taskId());
    assertEquals(
        List.of(
            ImageInput.url("https://cdn.example/kept.png"),
            ImageInput.url("https://bucket.example/presigned/1.png")),
        sent().referenceImages());
    assertEquals(List.of("fake:9"), uploadedFor, "uploaded once, for its provider");
  }

  @Test
  void a_route_uploads_for_the_provider_it_tries() {
    Fixtures.done(
        client(uploadingTo("https://bucket.example/2.png"), null)
            .submit(EDIT, Route.parse("fake")));
    assertEquals(ImageInput.url("https://bucket.example/2.png"), sent().referenceImages().get(1));
  }

  @Test
  void an_upload_that_fails_gives_no_url_or_never_ends_sends_nothing_and_frees_the_budget() {
    Budget budget = Budget.of(Money.usd("1.00"));
    ImageUploader failing =
        (image, id) -> CompletableFuture.failedFuture(new IllegalStateException("bucket gone"));
    InvalidRequestException failed =
        assertInstanceOf(
            InvalidRequestException.class, cause(client(failing, budget).submit("fake", EDIT)));
    assertTrue(failed.getMessage().contains("reference image 2 could not be uploaded"));
    assertEquals(0, budget.reserved().amount().signum(), "the reservation was freed");

    InvalidRequestException noUrl =
        assertInstanceOf(
            InvalidRequestException.class,
            cause(client(uploadingTo("file:///tmp/x.png"), null).submit("fake", EDIT)));
    assertTrue(noUrl.getMessage().contains("no http(s) URL"), noUrl.getMessage());

    ImageUploader hanging = (image, id) -> new CompletableFuture<>();
    CompletableFuture<JobHandle> hung = client(hanging, null).submit("fake", EDIT);
    time.advance(Duration.ofMinutes(1));
    assertFalse(hung.isDone());
    time.advance(Duration.ofMinutes(1));
    InvalidRequestException late = assertInstanceOf(InvalidRequestException.class, cause(hung));
    assertTrue(late.getMessage().contains("did not finish within PT2M"), late.getMessage());
    verify(provider, never()).submit(any());
  }

  @Test
  void a_request_without_local_files_is_not_uploaded() {
    Fixtures.done(
        client(uploadingTo("https://bucket.example/x.png"), null)
            .submit("fake", ImageRequest.builder().prompt("a fox").build()));
    assertEquals(List.of(), uploadedFor);
  }
}
