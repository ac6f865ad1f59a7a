package dev.nanobanana4j.provider.modellix.internal.client;

import dev.nanobanana4j.provider.modellix.internal.api.AccountEnvelope;
import dev.nanobanana4j.provider.modellix.internal.api.SubmitBody;
import dev.nanobanana4j.provider.modellix.internal.api.TaskEnvelope;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Url;

/** Modellix's task API, relative to {@code https://api.modellix.ai/api/v1}. */
public interface ModellixApi {
  /** Submits to a Google model endpoint, such as {@code nano-banana-2-edit}. */
  @POST("google/{endpoint}/async")
  Call<TaskEnvelope> submit(@Path("endpoint") String endpoint, @Body SubmitBody body);

  /** Reads a task. */
  @GET("tasks/{taskId}")
  Call<TaskEnvelope> task(@Path("taskId") String taskId);

  /** Whether the key is valid: {@code data.is_valid}. */
  @GET("apikey/validate")
  Call<AccountEnvelope> validateKey();

  /** The team's balance: {@code data.balance}. */
  @GET("team/balance")
  Call<AccountEnvelope> balance();

  /** Reads a task at the {@code get_result.url} the vendor gave. */
  @GET
  Call<TaskEnvelope> taskAt(@Url String url);
}
