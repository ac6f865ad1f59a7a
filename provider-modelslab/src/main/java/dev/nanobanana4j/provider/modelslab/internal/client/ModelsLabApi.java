package dev.nanobanana4j.provider.modelslab.internal.client;

import dev.nanobanana4j.provider.modelslab.internal.api.FetchBody;
import dev.nanobanana4j.provider.modelslab.internal.api.GenerateBody;
import dev.nanobanana4j.provider.modelslab.internal.api.GenerationResponse;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.POST;
import retrofit2.http.Path;

/** ModelsLab's enterprise Nano Banana server, relative to {@code https://modelslab.com/api/v1}. */
public interface ModelsLabApi {
  /** Generates: {@code endpoint} is {@code text2img}, {@code img2img} or {@code multi_ref}. */
  @POST("enterprise/nano_banana/{endpoint}")
  Call<GenerationResponse> generate(@Path("endpoint") String endpoint, @Body GenerateBody body);

  /** Fetches a generation's result. */
  @POST("enterprise/nano_banana/fetch/{id}")
  Call<GenerationResponse> fetch(@Path("id") String id, @Body FetchBody body);
}
