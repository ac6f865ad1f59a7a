package dev.nanobanana4j.core.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.Money;
import dev.nanobanana4j.core.domain.VendorReport;
import dev.nanobanana4j.core.port.ClientObserver;
import dev.nanobanana4j.core.port.ImageProvider;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What a vendor says besides the images: bounded, and its charge metered apart. */
class VendorReportTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final GeneratedImage IMAGE =
      GeneratedImage.ofUrl(URI.create("https://cdn.example/1.png"), "image/png");

  @Test
  void vendor_text_is_bounded_and_blank_values_are_none() {
    VendorReport.Builder builder =
        VendorReport.builder().text("x".repeat(10_000)).requestId("  ").field("n", null);
    for (int i = 0; i < 40; i++) {
      builder.field("f" + i, "v".repeat(1000));
    }
    VendorReport report = builder.build();
    assertEquals(VendorReport.MAX_TEXT, report.text().orElseThrow().length());
    assertEquals(Optional.empty(), report.requestId());
    assertEquals(VendorReport.MAX_FIELDS, report.fields().size());
    assertEquals(VendorReport.MAX_FIELD, report.fields().get("f0").length());
    assertFalse(report.isEmpty());
    assertTrue(VendorReport.builder().build().isEmpty());
  }

  @Test
  void an_image_keeps_a_plausible_size_only() {
    assertEquals(OptionalInt.of(1024), IMAGE.withSize(1024, 768).width());
    assertEquals(OptionalInt.of(768), IMAGE.withSize(1024, 768).height());
    assertSame(IMAGE, IMAGE.withSize(0, 768));
    assertSame(IMAGE, IMAGE.withSize(70_000, 768));
    assertTrue(IMAGE.withSize(1024, 768).toString().contains("1024x768"));
  }

  @Test
  void what_a_vendor_says_it_charged_is_metered_apart_from_the_estimate() {
    VirtualTime time = new VirtualTime(START);
    ImageProvider provider = Fixtures.provider("fake");
    ClientObserver observer = mock(ClientObserver.class);
    JobHandle charged = JobHandle.of("fake", "t-1", START);
    JobHandle silent = JobHandle.of("fake", "t-2", START);
    when(provider.status(charged))
        .thenReturn(
            CompletableFuture.completedFuture(
                new JobStatus.Succeeded(
                    List.of(IMAGE),
                    Optional.empty(),
                    VendorReport.builder().charged(Money.usd("0.24")).build())));
    when(provider.status(silent))
        .thenReturn(CompletableFuture.completedFuture(new JobStatus.Succeeded(List.of(IMAGE))));
    NanoBananaClient client =
        NanoBananaClient.builder()
            .provider(provider)
            .clock(time)
            .scheduler(time)
            .observer(observer)
            .defaultTimeout(Duration.ofMinutes(2))
            .build();
    client.await(silent);
    time.advance(Duration.ofSeconds(10));
    verify(observer, never())
        .charged(org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any());
    client.await(charged);
    time.advance(Duration.ofSeconds(10));
    verify(observer).charged("fake", Money.usd("0.24"));
  }

  @Test
  void the_account_is_asked_where_the_provider_can_and_refused_unsent_where_not() {
    ImageProvider plain = Fixtures.provider("fake");
    ImageProvider accounted =
        mock(
            ImageProvider.class,
            org.mockito.Mockito.withSettings()
                .extraInterfaces(dev.nanobanana4j.core.port.AccountPort.class));
    when(accounted.info()).thenReturn(Fixtures.info("acct"));
    when(accounted.id()).thenReturn("acct");
    dev.nanobanana4j.core.domain.AccountStatus status =
        new dev.nanobanana4j.core.domain.AccountStatus(
            "acct", Optional.of(true), Optional.of(Money.usd("12.50")), START);
    when(((dev.nanobanana4j.core.port.AccountPort) accounted).account())
        .thenReturn(CompletableFuture.completedFuture(status));
    NanoBananaClient client =
        NanoBananaClient.builder().provider(plain).provider(accounted).build();
    assertSame(status, client.blocking().account("acct"));
    dev.nanobanana4j.core.error.OperationNotSupportedException e =
        org.junit.jupiter.api.Assertions.assertInstanceOf(
            dev.nanobanana4j.core.error.OperationNotSupportedException.class,
            Fixtures.cause(client.account("fake")));
    assertEquals(dev.nanobanana4j.core.error.Operation.ACCOUNT, e.operation());
    client.close();
  }
}
