/**
 * The ports: what a provider adapter implements ({@link dev.nanobanana4j.core.port.ImageProvider}
 * and its capabilities: submission, status, cancellation, callbacks, billing estimates), the {@link
 * dev.nanobanana4j.core.port.ImageProviderFactory} that {@link java.util.ServiceLoader} finds, and
 * a provider's configuration.
 */
package dev.nanobanana4j.core.port;
