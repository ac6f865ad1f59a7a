/**
 * The ModelsLab provider, found by {@link java.util.ServiceLoader} under the id {@code modelslab}.
 */
module dev.nanobanana4j.provider.modelslab {
  requires transitive dev.nanobanana4j.spi;

  exports dev.nanobanana4j.provider.modelslab;

  // Moshi reads and writes the wire records reflectively; Retrofit implements the API interface.
  opens dev.nanobanana4j.provider.modelslab.internal.api to
      com.squareup.moshi;
  opens dev.nanobanana4j.provider.modelslab.internal.client to
      retrofit2;

  provides dev.nanobanana4j.core.port.ImageProviderFactory with
      dev.nanobanana4j.provider.modelslab.ModelsLabProviderFactory;
}
