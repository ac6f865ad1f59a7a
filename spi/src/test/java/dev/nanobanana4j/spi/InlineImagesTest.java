package dev.nanobanana4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.domain.GeneratedImage;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class InlineImagesTest {
  private static byte[] png(int size) {
    byte[] bytes = Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, size);
    return bytes;
  }

  @Test
  void decodes_bare_base64_and_data_uris_by_their_magic_bytes() {
    String base64 = Base64.getEncoder().encodeToString(png(2000));
    GeneratedImage bare = InlineImages.decode(base64, 2000);
    assertEquals("image/png", bare.mediaType().orElseThrow());
    assertEquals(2000, bare.bytes().orElseThrow().length);
    GeneratedImage uri = InlineImages.decode("data:image/jpeg;base64," + base64, 2000);
    assertEquals("image/png", uri.mediaType().orElseThrow(), "the bytes decide, not the claim");
  }

  @Test
  void refuses_an_image_one_byte_over_the_limit() {
    String base64 = Base64.getEncoder().encodeToString(png(2001));
    MalformedBodyException e =
        assertThrows(MalformedBodyException.class, () -> InlineImages.decode(base64, 2000));
    assertTrue(e.getMessage().contains("larger than the limit of 2000 bytes"), e.getMessage());
  }

  @Test
  void refuses_a_huge_text_before_decoding_it() {
    String huge = "A".repeat(4_000_000);
    assertThrows(MalformedBodyException.class, () -> InlineImages.decode(huge, 1024));
  }

  @Test
  void refuses_what_is_not_an_image() {
    String text = Base64.getEncoder().encodeToString("hello, not an image".getBytes());
    assertThrows(MalformedBodyException.class, () -> InlineImages.decode(text, 1024));
  }
}
