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
   * A JSON-looking body of {@code length} bytes, or with {@code -1} one without end in chunked
   * framing (the answer needs {@code Transfer-Encoding: chunked}), sent until the client hangs up;
   * written 64 KiB at a time.
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
        // A field no vendor defines, holding one long string: a parser skips it to the end.
        byte[] head = "{\"padding\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, chunk, 0, head.length);
        byte[] filler = new byte[head.length];
        java.util.Arrays.fill(filler, (byte) 'a');
        long limit = length < 0 ? ENDLESS_CAP : length;
        for (long sent = 0; sent < limit; sent += chunk.length) {
          int n = (int) Math.min(chunk.length, limit - sent);
          if (length < 0) {
            sink.writeUtf8(Integer.toHexString(n)).writeUtf8("\r\n");
          }
          sink.write(chunk, 0, n);
          if (length < 0) {
            sink.writeUtf8("\r\n");
          }
          sink.flush();
          if (sent == 0) {
            System.arraycopy(filler, 0, chunk, 0, head.length); // the head goes first, once
          }
        }
        if (length < 0) {
          sink.writeUtf8("0\r\n\r\n");
        }
      }
    };
  }
}
