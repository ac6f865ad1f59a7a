package dev.nanobanana4j.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.port.ProviderConfig;
import dev.nanobanana4j.core.port.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Google's answer carries its images inline: one that is under the answer's byte limit may still
 * not fit in a small heap. Run as its own JVM with a 64 MB heap against a loopback server that
 * answers with five 16 MB images, the submission ends typed (outcome unknown: Google made the
 * images), never an {@code OutOfMemoryError} that leaves {@code submit()} incomplete.
 */
class SmallHeapTest {
  private static final int IMAGES = 5;
  private static final int IMAGE_CHARS = 16 * 1024 * 1024;

  @TempDir Path dir;

  @Test
  void an_answer_too_large_for_the_heap_fails_the_submission_typed_and_in_time() throws Exception {
    // A raw HTTP/1.1 answer, its body streamed and ended by closing the connection: the server
    // holds no copy of it.
    ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    Thread serving =
        new Thread(
            () -> {
              try (Socket socket = server.accept()) {
                readRequest(socket.getInputStream());
                answer(socket.getOutputStream());
              } catch (IOException e) {
                // The client stopped reading: what this test expects of a heap too small.
              }
            },
            "hostile-gemini");
    serving.setDaemon(true);
    serving.start();
    try {
      Path stdout = dir.resolve("stdout");
      Path stderr = dir.resolve("stderr");
      Process process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx64m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  Submit.class.getName(),
                  "http://127.0.0.1:" + server.getLocalPort())
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .start();
      boolean ended = process.waitFor(120, TimeUnit.SECONDS);
      if (!ended) {
        process.destroyForcibly();
      }
      String out = Files.readString(stdout) + Files.readString(stderr);
      assertTrue(ended, "the JVM ended\n" + out);
      assertEquals(0, process.exitValue(), out);
      assertTrue(out.contains("FAILED dev.nanobanana4j.core.error.OutcomeUnknownException"), out);
      assertTrue(out.contains("did not fit in the memory left"), out);
    } finally {
      server.close();
    }
  }

  /** Reads the request's head and its body of Content-Length bytes. */
  private static void readRequest(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return;
      }
      head.append((char) b);
    }
    Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(head.toString());
    if (length.find()) {
      in.readNBytes(Integer.parseInt(length.group(1)));
    }
  }

  /** Google's answer shape with {@link #IMAGES} inline images of {@link #IMAGE_CHARS} each. */
  private static void answer(OutputStream out) throws IOException {
    out.write(
        bytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"));
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) 'A');
    out.write(bytes("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":["));
    for (int image = 0; image < IMAGES; image++) {
      out.write(bytes((image == 0 ? "" : ",") + "{\"inlineData\":{\"mimeType\":"));
      out.write(bytes("\"image/png\",\"data\":\""));
      for (int written = 0; written < IMAGE_CHARS; written += chunk.length) {
        out.write(chunk);
      }
      out.write(bytes("\"}}"));
    }
    out.write(bytes("]},\"finishReason\":\"STOP\"}]}"));
    out.flush();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The JVM with a small heap: submits once, and says how the submission ended. */
  public static final class Submit {
    private Submit() {}

    public static void main(String[] args) throws Exception {
      try (NanoBananaClient client =
          NanoBananaClient.builder()
              .provider(
                  GeminiProviderFactory.ID,
                  ProviderConfig.builder()
                      .apiKey(Secret.of("test-key"))
                      .baseUrl(URI.create(args[0]))
                      .build())
              .build()) {
        try {
          client
              .submit(GeminiProviderFactory.ID, ImageRequest.builder().prompt("a fox").build())
              .get(60, TimeUnit.SECONDS);
          System.out.println("SUCCEEDED");
        } catch (ExecutionException e) {
          System.out.println(
              "FAILED " + e.getCause().getClass().getName() + ": " + e.getCause().getMessage());
        } catch (TimeoutException e) {
          System.out.println("HUNG: submit() did not complete within 60 s");
        }
      }
      System.exit(0);
    }
  }
}
