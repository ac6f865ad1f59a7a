/**
 * The Gemini provider, id {@code gemini}: Google's own Gemini API. Its factory is found by {@link
 * java.util.ServiceLoader}; everything else of the adapter lives in {@code internal} packages,
 * which are not exported.
 */
package dev.nanobanana4j.provider.gemini;
