package dev.nanobanana4j.provider.gemini.internal.mapper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.squareup.moshi.Moshi;
import dev.nanobanana4j.core.domain.Money;
import dev.nanobanana4j.core.domain.NanoBananaModels;
import dev.nanobanana4j.provider.gemini.internal.api.GenerateContentResponse;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The charge of an answer, from the tokens Google says it billed. */
class TokenPricesTest {
  private static GenerateContentResponse.UsageMetadata usage(String json) throws IOException {
    return new Moshi.Builder()
        .build()
        .adapter(GenerateContentResponse.UsageMetadata.class)
        .fromJson(json);
  }

  /** The documented answer's usage: 11 prompt tokens, one image of 1,290 tokens. */
  private static final String DOCUMENTED =
      "{\"promptTokenCount\":11,\"candidatesTokenCount\":1290,\"totalTokenCount\":1301,"
          + "\"promptTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":11}],"
          + "\"candidatesTokensDetails\":[{\"modality\":\"IMAGE\",\"tokenCount\":1290}]}";

  @Test
  void input_and_image_tokens_at_the_models_rates_make_the_charge() throws IOException {
    // 11 x 0.30 / 1M + 1290 x 30 / 1M = 0.0000033 + 0.0387
    assertEquals(
        Optional.of(Money.usd("0.038703")),
        TokenPrices.charge(NanoBananaModels.NANO_BANANA, usage(DOCUMENTED), true));
    // Nano Banana Pro at 4K: 2,000 image tokens at 120 per million, 11 input at 2.00.
    assertEquals(
        Optional.of(Money.usd("0.240022")),
        TokenPrices.charge(
            NanoBananaModels.NANO_BANANA_PRO,
            usage(
                "{\"promptTokenCount\":11,\"candidatesTokenCount\":2000,"
                    + "\"candidatesTokensDetails\":[{\"modality\":\"IMAGE\",\"tokenCount\":2000}]}"),
            false));
  }

  @Test
  void tokens_at_a_rate_not_known_here_leave_the_charge_unknown() throws IOException {
    // Text output tokens, thinking tokens: their rates are not in the table.
    assertEquals(
        Optional.empty(),
        TokenPrices.charge(
            NanoBananaModels.NANO_BANANA,
            usage(
                "{\"promptTokenCount\":11,\"candidatesTokenCount\":1300,"
                    + "\"candidatesTokensDetails\":[{\"modality\":\"IMAGE\",\"tokenCount\":1290},"
                    + "{\"modality\":\"TEXT\",\"tokenCount\":10}]}"),
            true));
    assertEquals(
        Optional.empty(),
        TokenPrices.charge(
            NanoBananaModels.NANO_BANANA_2,
            usage("{\"candidatesTokenCount\":1120,\"thoughtsTokenCount\":200}"),
            false));
    // Without a breakdown, output beside the images may be text: unknown; images alone: priced.
    assertEquals(
        Optional.empty(),
        TokenPrices.charge(
            NanoBananaModels.NANO_BANANA, usage("{\"candidatesTokenCount\":1290}"), true));
    assertEquals(
        Optional.of(Money.usd("0.0387")),
        TokenPrices.charge(
            NanoBananaModels.NANO_BANANA, usage("{\"candidatesTokenCount\":1290}"), false));
    // Another model, no usage, or odd counts.
    assertEquals(Optional.empty(), TokenPrices.charge("gemini-9", usage(DOCUMENTED), true));
    assertEquals(Optional.empty(), TokenPrices.charge(NanoBananaModels.NANO_BANANA, null, true));
    assertEquals(
        Optional.empty(),
        TokenPrices.charge(
            NanoBananaModels.NANO_BANANA,
            usage("{\"promptTokenCount\":-5,\"candidatesTokenCount\":1290}"),
            false));
  }
}
