package dev.nanobanana4j.provider.gemini.internal.mapper;

import dev.nanobanana4j.core.domain.Money;
import dev.nanobanana4j.core.domain.NanoBananaModels;
import dev.nanobanana4j.provider.gemini.internal.api.GenerateContentResponse;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Google charges for one answer, from the tokens its {@code usageMetadata} reports: input
 * tokens at the model's input rate, image output tokens at its image output rate (Google's list
 * prices per million tokens, as of {@link #AS_OF}; the per-image prices of the price table are
 * these rates times the tokens of one image).
 *
 * <p>The charge is computed only where every billed token has a known rate here: an answer that
 * reports output tokens that are not image tokens (text or thinking, whose rates this table does
 * not hold) has no charge computed, and one that reports no token counts has none either. Which
 * output tokens are image tokens comes from {@code candidatesTokensDetails} (modality {@code
 * IMAGE}); without that breakdown, an answer whose only output is its images, and that reports no
 * thinking tokens, is taken to have image tokens alone (inferred from Google's usage reference).
 */
final class TokenPrices {
  /** When the rates were read. */
  static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);

  /** Where they come from. */
  static final String SOURCE = "https://ai.google.dev/gemini-api/docs/pricing";

  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  /** US dollars per million tokens: the input rate, and the image output rate. */
  private record Rates(BigDecimal input, BigDecimal imageOutput) {
    static Rates of(String input, String imageOutput) {
      return new Rates(new BigDecimal(input), new BigDecimal(imageOutput));
    }
  }

  private static final Map<String, Rates> RATES =
      Map.of(
          NanoBananaModels.NANO_BANANA, Rates.of("0.30", "30"),
          NanoBananaModels.NANO_BANANA_2, Rates.of("0.25", "60"),
          NanoBananaModels.NANO_BANANA_PRO, Rates.of("2.00", "120"));

  private TokenPrices() {}

  /**
   * The charge for an answer of {@code model} (this library's model id) that made its images and
   * said {@code text} besides, from {@code usage}; empty where it cannot be computed.
   */
  static Optional<Money> charge(
      String model, GenerateContentResponse.UsageMetadata usage, boolean saidText) {
    Rates rates = model == null ? null : RATES.get(model);
    if (rates == null || usage == null || usage.candidatesTokenCount() == null) {
      return Optional.empty();
    }
    long output = usage.candidatesTokenCount();
    long thinking = usage.thoughtsTokenCount() == null ? 0 : usage.thoughtsTokenCount();
    long input = usage.promptTokenCount() == null ? 0 : usage.promptTokenCount();
    long image;
    List<GenerateContentResponse.ModalityTokenCount> details = usage.candidatesTokensDetails();
    if (details != null && !details.isEmpty()) {
      image = 0;
      for (GenerateContentResponse.ModalityTokenCount detail : details) {
        if (detail != null && "IMAGE".equals(detail.modality()) && detail.tokenCount() != null) {
          image += detail.tokenCount();
        }
      }
    } else {
      image = saidText ? -1 : output;
    }
    if (image < 0 || image != output || thinking != 0 || input < 0 || output < 0) {
      return Optional.empty(); // tokens at a rate this table does not hold, or counts that are odd
    }
    BigDecimal dollars =
        rates
            .input()
            .multiply(BigDecimal.valueOf(input))
            .add(rates.imageOutput().multiply(BigDecimal.valueOf(image)))
            .divide(MILLION, 6, RoundingMode.HALF_UP)
            .stripTrailingZeros();
    return Optional.of(Money.usd(dollars.toPlainString()));
  }
}
