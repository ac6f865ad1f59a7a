package dev.nanobanana4j.spi;

import dev.nanobanana4j.core.port.Secret;
import java.io.IOException;
import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/** How a vendor wants the API key: an interceptor that adds it to every request. */
public final class Authentication {
  private Authentication() {}

  /** {@code Authorization: Bearer <key>}. */
  public static Interceptor bearer(Secret key) {
    Objects.requireNonNull(key, "key == null");
    return new KeyHeader("Authorization", "Bearer ", key);
  }

  /** The key in a header of the vendor's choosing, such as {@code x-api-key}. */
  public static Interceptor header(String name, Secret key) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(key, "key == null");
    return new KeyHeader(name, "", key);
  }

  /** No header: for vendors that take the key in the body (the adapter puts it there). */
  public static Interceptor none() {
    return KeyHeader.NONE;
  }

  /**
   * The key in one request header, or none. {@link ProviderHttp} sets it together with its own
   * headers, so that a request is rebuilt once, not once for each.
   */
  static final class KeyHeader implements Interceptor {
    static final KeyHeader NONE = new KeyHeader(null, "", null);

    private final String name;
    private final String prefix;
    private final String value; // built once, not on every call; never printed

    private KeyHeader(String name, String prefix, Secret key) {
      this.name = name;
      this.prefix = prefix;
      this.value = key == null ? null : prefix + key.reveal();
    }

    /** Adds the key to {@code request}, which the caller is rebuilding anyway. */
    Request.Builder addTo(Request.Builder request) {
      return name == null ? request : request.header(name, value);
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      return name == null
          ? chain.proceed(chain.request())
          : chain.proceed(addTo(chain.request().newBuilder()).build());
    }

    @Override
    public String toString() {
      return name == null ? "no key header" : name + ": " + prefix + Redactor.MASK;
    }
  }
}
