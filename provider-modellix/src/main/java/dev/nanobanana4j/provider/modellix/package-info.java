/**
 * The Modellix provider, id {@code modellix}: its factory, found by {@link
 * java.util.ServiceLoader}. Everything else of the adapter lives in {@code internal} packages,
 * which are not exported.
 */
package dev.nanobanana4j.provider.modellix;
