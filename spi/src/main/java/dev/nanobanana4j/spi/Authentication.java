package dev.nanobanana4j.spi;

import dev.nanobanana4j.core.port.Secret;
import java.util.Objects;
import okhttp3.Interceptor;

/** How a vendor wants the API key: an interceptor that adds it to every request. */
public final class Authentication {
  private Authentication() {}

  /** {@code Authorization: Bearer <key>}. */
  public static Interceptor bearer(Secret key) {
    Objects.requireNonNull(key, "key == null");
    return chain ->
        chain.proceed(
            chain.request().newBuilder().header("Authorization", "Bearer " + key.reveal()).build());
  }

  /** The key in a header of the vendor's choosing, such as {@code x-api-key}. */
  public static Interceptor header(String name, Secret key) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(key, "key == null");
    return chain -> chain.proceed(chain.request().newBuilder().header(name, key.reveal()).build());
  }

  /** No header: for vendors that take the key in the body (the adapter puts it there). */
  public static Interceptor none() {
    return chain -> chain.proceed(chain.request());
  }
}
