package dev.nanobanana4j.spi;

import okhttp3.OkHttpClient;

/**
 * Adjusts the OkHttp client a provider's HTTP stack is built from: a proxy, TLS settings, a
 * certificate pinner, interceptors of your own, or your own client altogether. Register an
 * implementation in {@code META-INF/services/dev.nanobanana4j.spi.HttpCustomizer} (and {@code
 * provides} it in a module descriptor); every provider's stack passes through each one found.
 *
 * <pre>{@code
 * public final class CorporateProxy implements HttpCustomizer {
 *   public OkHttpClient.Builder customize(String providerId, OkHttpClient.Builder builder) {
 *     return builder.proxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("proxy.corp", 3128)));
 *   }
 * }
 * }</pre>
 *
 * <p>What the library guarantees is set after the customizers and cannot be undone by them: no
 * redirects, no silent retries, the configured timeouts and concurrency, the answer size limit, the
 * key's authentication and redacted logging. Interceptors added here run before the key is added to
 * a request, so they never see it.
 *
 * <p>Image downloads ({@link OkHttpImageFetcher}) pass through the customizers too, with the id
 * {@value OkHttpImageFetcher#CLIENT_ID}.
 */
public interface HttpCustomizer {
  /**
   * The builder to make {@code providerId}'s client from: {@code builder} adjusted, or your own
   * client's {@code newBuilder()}.
   */
  OkHttpClient.Builder customize(String providerId, OkHttpClient.Builder builder);
}
