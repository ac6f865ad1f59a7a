/**
 * The MuleRun provider, found by {@link java.util.ServiceLoader} under the id {@code mulerun}.
 *
 * <p>Only {@code dev.nanobanana4j.provider.mulerun} is exported: code compiles against nothing
 * else. The module is open because Moshi reads and writes its wire records and Retrofit implements
 * its API interface, both by reflection on the internal packages.
 */
open module dev.nanobanana4j.provider.mulerun {
  requires transitive dev.nanobanana4j.spi;

  exports dev.nanobanana4j.provider.mulerun;

  provides dev.nanobanana4j.core.port.ImageProviderFactory with
      dev.nanobanana4j.provider.mulerun.MuleRunProviderFactory;
}
