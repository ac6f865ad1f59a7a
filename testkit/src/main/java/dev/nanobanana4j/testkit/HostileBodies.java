package dev.nanobanana4j.testkit;

import java.io.IOException;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

/** Answer bodies a hostile vendor sends: generated as they are written, never held whole. */
final class HostileBodies {
  /** The most an endless body sends before it gives up on a client that keeps reading. */
  private static final long ENDLESS_CAP = 1024L * 1024 * 1024;

  private HostileBodies() {}

  /**
   * A JSON-looking body of {@code length} bytes ({@code -1}: without end, sent until the client
   * hangs up), written 64 KiB at a time.
   */
  static MockResponseBody generated(long length) {
    return new MockResponseBody() {
      @Override
      public long getContentLength() {
        return length;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'a');
        byte[] head = "{\"data\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, chunk, 0, head.length);
        long limit = length < 0 ? ENDLESS_CAP : length;
        for (long sent = 0; sent < limit; sent += chunk.length) {
          sink.write(chunk, 0, (int) Math.min(chunk.length, limit - sent));
          sink.flush();
        }
      }
    };
  }
}
