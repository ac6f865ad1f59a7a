package dev.nanobanana4j.spi;

import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.ImageInput;
import java.util.Base64;

/** Images that vendors return inline, as base64 text, read within a size limit. */
public final class InlineImages {
  private InlineImages() {}

  /**
   * Decodes a base64 image, bare or as a {@code data:} URI. Its media type comes from its first
   * bytes, never from what the vendor claims.
   *
   * @param maxBytes the largest decoded image accepted ({@link
   *     dev.nanobanana4j.core.port.ProviderConfig#maxInlineImageBytes()})
   * @throws MalformedBodyException when the text is not base64, is over the limit, or is not a PNG,
   *     JPEG or WEBP image
   */
  public static GeneratedImage decode(String value, long maxBytes) {
    String payload = value.startsWith("data:") ? value.substring(value.indexOf(',') + 1) : value;
    // Checked before decoding: base64 holds 3 bytes in every 4 characters.
    if (payload.length() / 4 * 3 > maxBytes + 3) {
      throw new MalformedBodyException(
          "an inline image is larger than the limit of "
              + maxBytes
              + " bytes (ProviderConfig.maxInlineImageBytes)");
    }
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(payload);
    } catch (IllegalArgumentException e) {
      throw new MalformedBodyException("base64 output could not be decoded", e);
    }
    if (bytes.length > maxBytes) {
      throw new MalformedBodyException(
          "an inline image is larger than the limit of "
              + maxBytes
              + " bytes (ProviderConfig.maxInlineImageBytes)");
    }
    String mediaType =
        ImageInput.mediaTypeOf(bytes)
            .filter(type -> !type.equals("image/gif"))
            .orElseThrow(
                () -> new MalformedBodyException("base64 output is not a PNG, JPEG or WEBP image"));
    return GeneratedImage.ofBytes(bytes, mediaType);
  }
}
