package dev.nanobanana4j.core.application.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.port.ImageFetcher;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filesystem result store: each job's images in its provider's folder, marked where kept. */
class FileResultStoreTest {
  private static final byte[] PNG =
      Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a}, 64);
  private static final byte[] JPEG =
      Arrays.copyOf(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff}, 64);

  @TempDir Path dir;

  /** A transport that answers every URL with the JPEG. */
  private static final ImageFetcher SERVING_JPEG =
      (url, rules) -> {
        InputStream in = new ByteArrayInputStream(JPEG);
        return new ImageFetcher.Body() {
          @Override
          public InputStream stream() {
            return in;
          }

          @Override
          public void close() {}
        };
      };

  private FileResultStore store() {
    return FileResultStore.of(dir, ImageDownloader.builder().fetcher(SERVING_JPEG).build());
  }

  @Test
  void keeps_downloaded_and_inline_images_and_says_where() throws Exception {
    try (FileResultStore store = store()) {
      JobHandle handle = JobHandle.of("acme", "task:..?1", Instant.EPOCH);
      List<GeneratedImage> kept =
          store
              .store(
                  handle,
                  List.of(
                      GeneratedImage.ofUrl(URI.create("https://cdn.example/a.jpg"), "image/jpeg"),
                      GeneratedImage.ofBytes(PNG, "image/png")))
              .join();
      Path first = Path.of(kept.get(0).storedAt().orElseThrow());
      Path second = Path.of(kept.get(1).storedAt().orElseThrow());
      assertEquals(dir.resolve("acme").resolve("task_.._1-1.jpg"), first);
      assertEquals(dir.resolve("acme").resolve("task_.._1-2.png"), second);
      assertArrayEquals(JPEG, Files.readAllBytes(first));
      assertArrayEquals(PNG, Files.readAllBytes(second));
      assertEquals(
          URI.create("https://cdn.example/a.jpg"), kept.get(0).url().orElseThrow(), "kept as well");
      assertTrue(kept.get(0).toString().contains("stored at"), kept.get(0).toString());
    }
  }

  @Test
  void ids_become_file_names_that_stay_in_their_folder() {
    assertEquals("_._x", FileResultStore.safe("../x"));
    assertEquals("a_b_c", FileResultStore.safe("a/b\\c"));
    assertEquals("task_123", FileResultStore.safe("task_123"));
  }

  @Test
  void a_closed_store_keeps_nothing_more() {
    FileResultStore store = store();
    store.close();
    CompletionException e =
        assertThrows(
            CompletionException.class,
            () ->
                store
                    .store(
                        JobHandle.of("acme", "t", Instant.EPOCH),
                        List.of(GeneratedImage.ofBytes(PNG, "image/png")))
                    .join());
    assertInstanceOf(RejectedExecutionException.class, e.getCause());
    assertEquals(dir, store.directory());
  }
}
