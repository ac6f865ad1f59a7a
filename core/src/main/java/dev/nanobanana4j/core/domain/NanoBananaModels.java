package dev.nanobanana4j.core.domain;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The names of Google's Nano Banana models, as {@link ImageRequest.Builder#model(String)} takes
 * them and as the providers sell them: a request that names one runs on that model at whichever
 * provider it goes to, and is refused, before sending, by a provider that does not sell it.
 */
public final class NanoBananaModels {
  private NanoBananaModels() {}

  /** Nano Banana (Gemini 2.5 Flash Image). */
  public static final String NANO_BANANA = "nano-banana";

  /** Nano Banana 2. */
  public static final String NANO_BANANA_2 = "nano-banana-2";

  /** Nano Banana Pro (Gemini 3 Pro Image). */
  public static final String NANO_BANANA_PRO = "nano-banana-pro";

  /**
   * The ten aspect ratios Google documents for the original and Pro models: 1:1, 2:3, 3:2, 3:4,
   * 4:3, 4:5, 5:4, 9:16, 16:9 and 21:9. Nano Banana 2 adds 1:4, 4:1, 1:8 and 8:1.
   */
  public static final Set<AspectRatio> TEN_ASPECT_RATIOS =
      Collections.unmodifiableSet(
          EnumSet.of(
              AspectRatio.RATIO_1_1,
              AspectRatio.RATIO_2_3,
              AspectRatio.RATIO_3_2,
              AspectRatio.RATIO_3_4,
              AspectRatio.RATIO_4_3,
              AspectRatio.RATIO_4_5,
              AspectRatio.RATIO_5_4,
              AspectRatio.RATIO_9_16,
              AspectRatio.RATIO_16_9,
              AspectRatio.RATIO_21_9));

  /**
   * A capabilities builder that starts from what Google documents for its Nano Banana models, for a
   * provider to add to and override: text to image and edit, up to 14 reference images given as
   * URLs, 1:1 and 1K when a request names no aspect ratio or resolution, PNG output. It accepts no
   * aspect ratio and no resolution yet: the provider names the ones it sells.
   */
  public static ProviderCapabilities.Builder capabilities() {
    return ProviderCapabilities.builder()
        .modes(Mode.TEXT_TO_IMAGE, Mode.EDIT)
        .maxReferenceImages(14)
        .referenceImageKinds(ImageInput.Kind.URL)
        .defaultAspectRatio(AspectRatio.RATIO_1_1)
        .defaultResolution(Resolution.ONE_K)
        .outputFormats(OutputFormat.PNG)
        .defaultOutputFormat(OutputFormat.PNG);
  }
}
