/** The MuleRun provider, found by {@link java.util.ServiceLoader} under the id {@code mulerun}. */
module dev.nanobanana4j.provider.mulerun {
  requires transitive dev.nanobanana4j.spi;

  exports dev.nanobanana4j.provider.mulerun;

  // Moshi reads and writes the wire records reflectively; Retrofit implements the API interface.
  opens dev.nanobanana4j.provider.mulerun.internal.api to
      com.squareup.moshi;
  opens dev.nanobanana4j.provider.mulerun.internal.client to
      retrofit2;

  provides dev.nanobanana4j.core.port.ImageProviderFactory with
      dev.nanobanana4j.provider.mulerun.MuleRunProviderFactory;
}
