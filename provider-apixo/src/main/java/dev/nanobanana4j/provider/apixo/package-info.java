/**
 * The APIXO provider, id {@code apixo}: its factory, found by {@link java.util.ServiceLoader}.
 * Everything else of the adapter lives in {@code internal} packages, which are not exported.
 */
package dev.nanobanana4j.provider.apixo;
