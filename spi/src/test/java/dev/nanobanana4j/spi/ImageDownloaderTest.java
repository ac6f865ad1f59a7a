package dev.nanobanana4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.nanobanana4j.core.application.download.ImageDownloader;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.error.NanoBananaException;
import dev.nanobanana4j.core.error.ProtocolException;
import dev.nanobanana4j.core.error.ProviderUnavailableException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads from a vendor's URL treat its every byte as untrusted: core's downloader on this
 * module's fetcher, found as an application finds it; all on loopback.
 */
class ImageDownloaderTest {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};

  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile boolean stopTrickling;

  @TempDir Path dir;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    stopTrickling = true;
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    String path = exchange.getRequestURI().getPath();
    try (exchange) {
      switch (path) {
        case "/image.png" -> send(exchange, 200, "image/png", png(2000));
        case "/lying-type.png" -> send(exchange, 200, "text/html", png(100));
        case "/html.png" ->
            send(exchange, 200, "image/png", "<html>not an image</html>".getBytes());
        case "/redirect" -> redirect(exchange, url("/image.png").toString());
        case "/loop" -> redirect(exchange, url("/loop").toString());
        case "/to-ftp" -> redirect(exchange, "ftp://127.0.0.1/image.png");
        case "/to-public-http" -> redirect(exchange, "http://93.184.216.34/image.png");
        case "/to-another-port" -> redirect(exchange, "http://127.0.0.1:1/image.png");
        case "/relative" -> redirect(exchange, "image.png");
        case "/trickle" -> {
          exchange.getResponseHeaders().add("Content-Type", "image/png");
          exchange.sendResponseHeaders(200, 0);
          OutputStream out = exchange.getResponseBody();
          out.write(PNG);
          out.flush();
          for (int i = 0; i < 600 && !stopTrickling; i++) {
            out.write('x');
            out.flush();
            try {
              Thread.sleep(100); // the hostile server's pace; the client's clock is its own
            } catch (InterruptedException e) {
              return;
            }
          }
        }
        default -> send(exchange, 404, "text/plain", "no".getBytes());
      }
    } catch (IOException e) {
      // the client hung up, as it should
    }
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  private static void redirect(HttpExchange exchange, String location) throws IOException {
    exchange.getResponseHeaders().add("Location", location);
    exchange.sendResponseHeaders(302, -1);
  }

  private static byte[] png(int size) {
    return Arrays.copyOf(PNG, size);
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private static ImageDownloader.Builder loopback() {
    return ImageDownloader.builder().allowPrivateAddresses(true);
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> all = Files.list(dir)) {
      return all.toList();
    }
  }

  @Test
  void saves_an_image_by_its_first_bytes() throws IOException {
    Path saved =
        loopback()
            .build()
            .save(GeneratedImage.ofUrl(url("/lying-type.png"), "image/jpeg"), dir, "a");
    assertEquals(dir.resolve("a.png"), saved, "the bytes say PNG, whatever the header says");
    assertEquals(100, Files.size(saved));
  }

  @Test
  void refuses_an_answer_that_is_not_an_image_and_leaves_no_file() throws IOException {
    NanoBananaException e =
        assertThrows(
            ProtocolException.class,
            () ->
                loopback()
                    .build()
                    .save(GeneratedImage.ofUrl(url("/html.png"), "image/png"), dir, "a"));
    assertTrue(e.getMessage().contains("not a PNG, JPEG, WEBP or GIF image"), e.getMessage());
    assertEquals(List.of(), files());
  }

  @Test
  void a_trickling_body_ends_at_the_deadline_and_leaves_no_file() throws IOException {
    ImageDownloader downloader =
        loopback().timeout(Duration.ofSeconds(2)).minimumThroughput(0, Duration.ZERO).build();
    long started = System.nanoTime();
    ProviderUnavailableException e =
        assertThrows(
            ProviderUnavailableException.class,
            () -> downloader.save(GeneratedImage.ofUrl(url("/trickle"), "image/png"), dir, "a"));
    assertTrue(e.getMessage().contains("did not finish within its deadline"), e.getMessage());
    // The body would take a minute; the download ended at its deadline, far before.
    assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(30));
    assertEquals(List.of(), files());
  }

  @Test
  void a_download_slower_than_the_minimum_throughput_is_abandoned() throws IOException {
    ImageDownloader downloader =
        loopback()
            .timeout(Duration.ofMinutes(5))
            .minimumThroughput(1024, Duration.ofSeconds(1))
            .build();
    ProviderUnavailableException e =
        assertThrows(
            ProviderUnavailableException.class,
            () -> downloader.save(GeneratedImage.ofUrl(url("/trickle"), "image/png"), dir, "a"));
    assertTrue(e.getMessage().contains("slower than 1024 bytes a second"), e.getMessage());
    assertEquals(List.of(), files());
  }

  @Test
  void refuses_loopback_and_private_addresses_unless_allowed_and_sends_nothing() {
    ImageDownloader strict = ImageDownloader.create();
    for (String url :
        List.of(
            url("/image.png").toString(),
            "https://127.0.0.1:1/x.png",
            "https://localhost/x.png",
            "https://[::1]/x.png",
            "https://10.0.0.1/x.png",
            "https://192.168.1.1/x.png",
            "https://172.16.0.1/x.png",
            "https://169.254.169.254/latest/meta-data",
            "https://[fd00::1]/x.png",
            "https://100.64.0.1/x.png",
            "https://0.0.0.0/x.png",
            "https://metadata.google.internal/x.png",
            "http://93.184.216.34/x.png",
            "file:///etc/passwd")) {
      ProtocolException e =
          assertThrows(
              ProtocolException.class,
              () -> strict.save(GeneratedImage.ofUrl(URI.create(url), "image/png"), dir, "a"),
              url);
      assertTrue(
          e.getMessage().startsWith("[nanobanana download] refusing to download"), e.getMessage());
    }
    assertEquals(0, requests.get(), "nothing was sent");
  }

  @Test
  void a_provider_on_a_private_address_may_serve_its_images_there() throws IOException {
    ImageDownloader trusting = ImageDownloader.builder().trustingAddressesOf(url("/api")).build();
    assertEquals(
        2000,
        Files.size(trusting.save(GeneratedImage.ofUrl(url("/image.png"), "image/png"), dir, "a")));
    ImageDownloader publicProvider =
        ImageDownloader.builder().trustingAddressesOf(URI.create("https://api.example")).build();
    assertThrows(
        ProtocolException.class,
        () -> publicProvider.save(GeneratedImage.ofUrl(url("/image.png"), "image/png"), dir, "b"));
  }

  @Test
  void checks_every_redirect_hop_again() throws IOException {
    ImageDownloader downloader = loopback().build();
    assertEquals(
        2000,
        Files.size(downloader.save(GeneratedImage.ofUrl(url("/redirect"), "image/png"), dir, "a")));
    assertEquals(
        2000,
        Files.size(downloader.save(GeneratedImage.ofUrl(url("/relative"), "image/png"), dir, "r")));
    Files.delete(dir.resolve("r.png"));
    for (String path : List.of("/to-ftp", "/to-public-http", "/to-another-port", "/loop")) {
      assertThrows(
          ProtocolException.class,
          () -> downloader.save(GeneratedImage.ofUrl(url(path), "image/png"), dir, "b"),
          path);
    }
    int before = requests.get();
    assertThrows(
        ProtocolException.class,
        () ->
            ImageDownloader.create()
                .save(GeneratedImage.ofUrl(url("/redirect"), "image/png"), dir, "c"));
    assertEquals(before, requests.get());
    assertEquals(List.of(dir.resolve("a.png")), files());
  }

  @Test
  void an_image_over_the_limit_is_refused_and_leaves_no_file() throws IOException {
    ImageDownloader small = loopback().maxBytes(1999).build();
    ProtocolException e =
        assertThrows(
            ProtocolException.class,
            () -> small.save(GeneratedImage.ofUrl(url("/image.png"), "image/png"), dir, "a"));
    assertEquals("[nanobanana download] the image is larger than 1999 bytes", e.getMessage());
    assertThrows(
        ProtocolException.class,
        () -> small.save(GeneratedImage.ofBytes(png(2000), "image/png"), dir, "b"));
    assertEquals(List.of(), files());
    assertEquals(
        2000,
        Files.size(
            loopback()
                .maxBytes(2000)
                .build()
                .save(GeneratedImage.ofBytes(png(2000), "image/png"), dir, "c")));
  }

  @Test
  void saves_at_most_the_images_asked_for_within_a_total_byte_limit() throws IOException {
    List<GeneratedImage> five_hundred = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      five_hundred.add(GeneratedImage.ofBytes(png(1000), "image/png"));
    }
    List<Path> saved = loopback().maxImages(2).build().saveAll(five_hundred, dir, "job");
    assertEquals(List.of(dir.resolve("job-1.png"), dir.resolve("job-2.png")), saved);
    assertEquals(2, files().size());
    ProtocolException e =
        assertThrows(
            ProtocolException.class,
            () -> loopback().maxTotalBytes(1500).build().saveAll(five_hundred, dir, "capped"));
    assertTrue(e.getMessage().contains("larger than 500 bytes"), e.getMessage());
  }

  @Test
  void a_local_disk_failure_is_an_io_error_not_a_vendor_error() throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("file"), "x");
    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class,
            () ->
                loopback()
                    .build()
                    .save(GeneratedImage.ofBytes(png(100), "image/png"), notADirectory, "a"));
    assertInstanceOf(IOException.class, e.getCause());
  }
}
