package ${package}.internal.client;

import ${package}.internal.api.Generation;
import ${package}.internal.api.SubmitRequest;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.POST;
import retrofit2.http.Path;

/** The vendor's image API, relative to its base URL (docs/vendor-api.md). */
public interface ${providerClass}Api {
  /** Starts a generation. */
  @POST("images/generations")
  Call<Generation> submit(@Body SubmitRequest body);

  /** Reads a generation's state. */
  @GET("images/generations/{id}")
  Call<Generation> status(@Path("id") String id);
}
