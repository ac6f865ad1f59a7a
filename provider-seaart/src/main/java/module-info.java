/** The SeaArt provider, found by {@link java.util.ServiceLoader} under the id {@code seaart}. */
module dev.nanobanana4j.provider.seaart {
  requires transitive dev.nanobanana4j.spi;

  exports dev.nanobanana4j.provider.seaart;

  // Moshi reads and writes the wire records reflectively; Retrofit implements the API interface.
  opens dev.nanobanana4j.provider.seaart.internal.api to
      com.squareup.moshi;
  opens dev.nanobanana4j.provider.seaart.internal.client to
      retrofit2;

  provides dev.nanobanana4j.core.port.ImageProviderFactory with
      dev.nanobanana4j.provider.seaart.SeaArtProviderFactory;
}
