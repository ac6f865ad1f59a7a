/**
 * The kit every provider adapter builds on: OkHttp, Retrofit and Moshi set up once, authentication,
 * redaction and the mapping of HTTP and transport failures to core's errors.
 */
module dev.nanobanana4j.spi {
  requires transitive dev.nanobanana4j.core;
  requires transitive okhttp3;
  requires transitive retrofit2;
  requires transitive com.squareup.moshi;
  requires retrofit2.converter.moshi;

  exports dev.nanobanana4j.spi;

  uses dev.nanobanana4j.spi.HttpCustomizer;

  provides dev.nanobanana4j.core.port.ImageFetcher with
      dev.nanobanana4j.spi.OkHttpImageFetcher;
}
