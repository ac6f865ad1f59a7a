package dev.nanobanana4j.provider.gemini.internal.client;

import dev.nanobanana4j.provider.gemini.internal.api.GenerateContentRequest;
import dev.nanobanana4j.provider.gemini.internal.api.GenerateContentResponse;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.POST;
import retrofit2.http.Path;

/**
 * Google's Gemini API, relative to {@code https://generativelanguage.googleapis.com/v1beta}. The
 * key travels in the {@code x-goog-api-key} header, never in the URL's {@code ?key=}.
 */
public interface GeminiApi {
  /**
   * Generates with {@code model}, such as {@code gemini-2.5-flash-image}; answers with the image.
   */
  @POST("models/{model}:generateContent")
  Call<GenerateContentResponse> generateContent(
      @Path("model") String model, @Body GenerateContentRequest body);
}
