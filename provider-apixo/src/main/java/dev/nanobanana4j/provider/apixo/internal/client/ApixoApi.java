package dev.nanobanana4j.provider.apixo.internal.client;

import dev.nanobanana4j.provider.apixo.internal.api.StatusResponse;
import dev.nanobanana4j.provider.apixo.internal.api.SubmitRequest;
import dev.nanobanana4j.provider.apixo.internal.api.SubmitResponse;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Query;

/** APIXO's task API, relative to the base URL {@code https://api.apixo.ai/api/v1}. */
public interface ApixoApi {
  /** Submits a task to {@code model}, such as {@code nano-banana-2}. */
  @POST("generateTask/{model}")
  Call<SubmitResponse> submit(@Path("model") String model, @Body SubmitRequest body);

  /** Reads a task's state. */
  @GET("statusTask/{model}")
  Call<StatusResponse> status(@Path("model") String model, @Query("taskId") String taskId);
}
