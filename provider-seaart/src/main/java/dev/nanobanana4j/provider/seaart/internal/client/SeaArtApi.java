package dev.nanobanana4j.provider.seaart.internal.client;

import dev.nanobanana4j.provider.seaart.internal.api.CancelAnswer;
import dev.nanobanana4j.provider.seaart.internal.api.CreateBody;
import dev.nanobanana4j.provider.seaart.internal.api.QueueResult;
import dev.nanobanana4j.provider.seaart.internal.api.QueueStatus;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.POST;
import retrofit2.http.PUT;
import retrofit2.http.Path;

/** SeaArt's queue API, relative to {@code https://cloud.seaart.ai/model}. */
public interface SeaArtApi {
  /** Creates a task for {@code model}, such as {@code nano_banana_2}. */
  @POST("v1/queue/{model}")
  Call<QueueStatus> create(@Path("model") String model, @Body CreateBody body);

  /** Reads a task's status. */
  @GET("v1/queue/{model}/requests/{id}/status")
  Call<QueueStatus> status(@Path("model") String model, @Path("id") String requestId);

  /** Reads a finished task's result (HTTP 202 with the status while it is not finished). */
  @GET("v1/queue/{model}/requests/{id}/response")
  Call<QueueResult> response(@Path("model") String model, @Path("id") String requestId);

  /** Asks to cancel a task. */
  @PUT("v1/queue/{model}/requests/{id}/cancel")
  Call<CancelAnswer> cancel(@Path("model") String model, @Path("id") String requestId);
}
