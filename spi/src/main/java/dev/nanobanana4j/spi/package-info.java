/**
 * The provider kit: what every adapter builds on, so that none copies another. One HTTP stack
 * ({@link dev.nanobanana4j.spi.ProviderHttp}: OkHttp, Retrofit, Moshi) with no redirects and
 * bounded answers, authentication, secret redaction, the mapping of HTTP and vendor errors to the
 * core's exceptions ({@link dev.nanobanana4j.spi.ErrorMapping}), {@code Retry-After}, webhook
 * signatures, and a base provider ({@link dev.nanobanana4j.spi.HttpImageProvider}).
 */
package dev.nanobanana4j.spi;
