package dev.nanobanana4j.core.application.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.error.ProtocolException;
import dev.nanobanana4j.core.port.ImageFetcher;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The downloader's side of a download, over the {@link ImageFetcher} port: what it asks of the
 * transport, and what it checks of the bytes. The transport itself is tested with spi's fetcher.
 */
class ImageDownloaderRulesTest {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
  private final List<ImageFetcher.Rules> asked = new ArrayList<>();

  @TempDir Path dir;

  /** A transport that answers every URL with {@code body}. */
  private ImageFetcher serving(byte[] body) {
    return (url, rules) -> {
      asked.add(rules);
      InputStream in = new ByteArrayInputStream(body);
      return new ImageFetcher.Body() {
        @Override
        public InputStream stream() {
          return in;
        }

        @Override
        public void close() {}
      };
    };
  }

  private static GeneratedImage image() {
    return GeneratedImage.ofUrl(URI.create("https://cdn.example/a.png"), "image/png");
  }

  @Test
  void without_a_transport_it_says_which_jar_brings_one() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> ImageDownloader.builder().build());
    assertTrue(e.getMessage().contains("nanobanana4j-spi"), e.getMessage());
  }

  @Test
  void the_transport_is_given_the_deadline_timeouts_and_address_rule() {
    ImageDownloader downloader =
        ImageDownloader.builder()
            .fetcher(serving(Arrays.copyOf(PNG, 100)))
            .timeout(Duration.ofSeconds(30))
            .connectTimeout(Duration.ofSeconds(3))
            .minimumThroughput(1024, Duration.ofSeconds(5))
            .build();
    Path saved = downloader.save(image(), dir, "fox");
    assertEquals("fox.png", saved.getFileName().toString());
    ImageFetcher.Rules rules = asked.get(0);
    assertTrue(rules.timeLeft().compareTo(Duration.ofSeconds(29)) > 0, rules::toString);
    assertTrue(rules.timeLeft().compareTo(Duration.ofSeconds(30)) <= 0, rules::toString);
    assertEquals(Duration.ofSeconds(3), rules.connectTimeout());
    assertEquals(Duration.ofSeconds(5), rules.readTimeout(), "no byte for the grace is too slow");
    assertFalse(rules.allowPrivateAddresses());
  }

  @Test
  void a_provider_on_a_private_address_lets_its_images_come_from_there() {
    ImageDownloader.builder()
        .fetcher(serving(PNG))
        .trustingAddressesOf(URI.create("http://127.0.0.1:8080/v1"))
        .build()
        .save(image(), dir, "a");
    ImageDownloader.builder()
        .fetcher(serving(PNG))
        .trustingAddressesOf(URI.create("https://8.8.8.8/v1"))
        .build()
        .save(image(), dir, "b");
    assertTrue(asked.get(0).allowPrivateAddresses());
    assertFalse(asked.get(1).allowPrivateAddresses());
  }

  @Test
  void bytes_that_are_not_an_image_are_refused_whatever_the_transport_says() {
    ImageDownloader downloader =
        ImageDownloader.builder().fetcher(serving("<html>no</html>".getBytes())).build();
    assertThrows(ProtocolException.class, () -> downloader.save(image(), dir, "x"));
  }

  @Test
  void an_image_over_the_limit_is_refused_and_leaves_no_file() throws Exception {
    ImageDownloader downloader =
        ImageDownloader.builder().fetcher(serving(Arrays.copyOf(PNG, 100))).maxBytes(50).build();
    assertThrows(ProtocolException.class, () -> downloader.save(image(), dir, "big"));
    try (var files = java.nio.file.Files.list(dir)) {
      assertEquals(0, files.count(), "no partial file is left");
    }
  }

  @Test
  void save_all_keeps_to_the_image_count_and_the_total_bytes() {
    List<GeneratedImage> three = List.of(image(), image(), image());
    List<Path> saved =
        ImageDownloader.builder()
            .fetcher(serving(Arrays.copyOf(PNG, 100)))
            .maxImages(2)
            .build()
            .saveAll(three, dir, "fox");
    assertEquals(
        List.of("fox-1.png", "fox-2.png"),
        saved.stream().map(p -> p.getFileName().toString()).toList());
    ImageDownloader capped =
        ImageDownloader.builder()
            .fetcher(serving(Arrays.copyOf(PNG, 100)))
            .maxTotalBytes(150)
            .build();
    assertThrows(ProtocolException.class, () -> capped.saveAll(three, dir, "cap"));
  }

  @Test
  void inline_images_are_written_without_the_transport_and_named_by_their_bytes() {
    byte[] jpeg = Arrays.copyOf(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0x10}, 40);
    ImageDownloader downloader = ImageDownloader.builder().fetcher(serving(PNG)).build();
    Path saved = downloader.save(GeneratedImage.ofBytes(jpeg, "image/jpeg"), dir, "inline");
    assertEquals("inline.jpg", saved.getFileName().toString());
    assertTrue(asked.isEmpty(), "nothing was fetched");
    byte[] gif = Arrays.copyOf("GIF89a".getBytes(), 40);
    assertEquals(
        "g.gif",
        downloader
            .save(GeneratedImage.ofBytes(gif, "image/gif"), dir, "g")
            .getFileName()
            .toString());
    assertThrows(
        ProtocolException.class,
        () ->
            ImageDownloader.builder()
                .fetcher(serving(PNG))
                .maxBytes(10)
                .build()
                .save(GeneratedImage.ofBytes(jpeg, "image/jpeg"), dir, "big"));
  }

  @Test
  void a_download_with_no_time_left_is_not_started() {
    ImageDownloader downloader =
        ImageDownloader.builder().fetcher(serving(PNG)).timeout(Duration.ofNanos(1)).build();
    assertThrows(
        dev.nanobanana4j.core.error.ProviderUnavailableException.class,
        () -> downloader.save(image(), dir, "late"));
  }

  @Test
  void a_broken_body_is_a_vendor_failure_and_a_broken_disk_is_an_io_error() throws Exception {
    ImageFetcher broken = failingWith(new java.io.IOException("connection reset"));
    assertThrows(
        dev.nanobanana4j.core.error.ProviderUnavailableException.class,
        () -> ImageDownloader.builder().fetcher(broken).build().save(image(), dir, "x"));
    Path notADirectory = java.nio.file.Files.createFile(dir.resolve("file"));
    assertThrows(
        java.io.UncheckedIOException.class,
        () ->
            ImageDownloader.builder()
                .fetcher(serving(PNG))
                .build()
                .save(image(), notADirectory, "x"));
  }

  @Test
  void its_description_names_its_limits() {
    String text = ImageDownloader.builder().fetcher(serving(PNG)).maxImages(3).build().toString();
    assertTrue(text.contains("maxImages=3"), text);
    assertTrue(text.contains("allowPrivateAddresses=false"), text);
  }

  /** A transport whose body fails with {@code error} at the first read. */
  private static ImageFetcher failingWith(java.io.IOException error) {
    return (url, rules) ->
        new ImageFetcher.Body() {
          @Override
          public InputStream stream() {
            return new InputStream() {
              @Override
              public int read() throws java.io.IOException {
                throw error;
              }
            };
          }

          @Override
          public void close() {}
        };
  }

  @Test
  void the_transports_timeouts_are_told_apart() {
    var slow =
        assertThrows(
            dev.nanobanana4j.core.error.ProviderUnavailableException.class,
            () ->
                ImageDownloader.builder()
                    .fetcher(failingWith(new java.net.SocketTimeoutException("Read timed out")))
                    .build()
                    .save(image(), dir, "slow"));
    assertTrue(slow.getMessage().contains("slower than"), slow.getMessage());
    var late =
        assertThrows(
            dev.nanobanana4j.core.error.ProviderUnavailableException.class,
            () ->
                ImageDownloader.builder()
                    .fetcher(failingWith(new java.io.InterruptedIOException("timeout")))
                    .build()
                    .save(image(), dir, "late"));
    assertTrue(late.getMessage().contains("within its deadline"), late.getMessage());
  }
}
