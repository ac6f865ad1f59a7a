/**
 * The Gemini provider, found by {@link java.util.ServiceLoader} under the id {@code gemini}.
 *
 * <p>Only {@code dev.nanobanana4j.provider.gemini} is exported: code compiles against nothing else.
 * The module is open because Moshi reads and writes its wire records and Retrofit implements its
 * API interface, both by reflection on the internal packages.
 */
open module dev.nanobanana4j.provider.gemini {
  requires transitive dev.nanobanana4j.spi;

  exports dev.nanobanana4j.provider.gemini;

  provides dev.nanobanana4j.core.port.ImageProviderFactory with
      dev.nanobanana4j.provider.gemini.GeminiProviderFactory;
}
