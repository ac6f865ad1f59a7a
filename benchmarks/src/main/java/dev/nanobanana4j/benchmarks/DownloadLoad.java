package dev.nanobanana4j.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.nanobanana4j.core.application.download.ImageDownloader;
import dev.nanobanana4j.core.domain.GeneratedImage;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Downloads a large generated image served on loopback, to show that saving images takes constant
 * memory. Run it with a heap smaller than the image: {@code java -Xmx32m ... DownloadLoad 50}.
 */
public final class DownloadLoad {
  private DownloadLoad() {}

  /** {@code DownloadLoad [megabytes]}; exits 1 when the saved file has the wrong size. */
  public static void main(String[] args) throws Exception {
    int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    long size = megabytes * 1024L * 1024L;
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/big.png",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "image/png");
          exchange.sendResponseHeaders(200, size);
          byte[] chunk = new byte[64 * 1024];
          // A PNG signature first: the downloader tells an image by its first bytes.
          byte[] signature = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
          System.arraycopy(signature, 0, chunk, 0, signature.length);
          try (OutputStream out = exchange.getResponseBody()) {
            // Generated as it is sent: the server holds one chunk, never the image.
            for (long sent = 0; sent < size; sent += chunk.length) {
              out.write(chunk, 0, (int) Math.min(chunk.length, size - sent));
            }
          }
        });
    server.start();
    Path dir = Files.createTempDirectory("nanobanana-download");
    try {
      URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/big.png");
      Path saved =
          ImageDownloader.builder()
              .allowPrivateAddresses(true)
              .build()
              .save(GeneratedImage.ofUrl(url, "image/png"), dir, "big");
      long written = Files.size(saved);
      long maxHeap = Runtime.getRuntime().maxMemory();
      long peak =
          ManagementFactory.getMemoryPoolMXBeans().stream()
              .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
              .mapToLong(pool -> pool.getPeakUsage().getUsed())
              .sum();
      System.out.printf(
          "saved %d MB with a %d MB heap limit; peak heap used %d MB%n",
          written >> 20, maxHeap >> 20, peak >> 20);
      Files.delete(saved);
      System.exit(written == size ? 0 : 1);
    } finally {
      server.stop(0);
      Files.deleteIfExists(dir);
    }
  }
}
