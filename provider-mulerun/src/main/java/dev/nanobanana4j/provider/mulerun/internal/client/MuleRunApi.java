package dev.nanobanana4j.provider.mulerun.internal.client;

import dev.nanobanana4j.provider.mulerun.internal.api.CreateBody;
import dev.nanobanana4j.provider.mulerun.internal.api.TaskResponse;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.POST;
import retrofit2.http.Path;

/**
 * MuleRun's Google vendor API, relative to {@code https://api.mulerun.com}. The poll path is the
 * create path followed by the task id.
 */
public interface MuleRunApi {
  /** Creates a task; {@code kind} is {@code generation} or {@code edit}. */
  @POST("vendors/google/v1/{model}/{kind}")
  Call<TaskResponse> create(
      @Path("model") String model, @Path("kind") String kind, @Body CreateBody body);

  /** Reads a task. */
  @GET("vendors/google/v1/{model}/{kind}/{taskId}")
  Call<TaskResponse> task(
      @Path("model") String model, @Path("kind") String kind, @Path("taskId") String taskId);
}
