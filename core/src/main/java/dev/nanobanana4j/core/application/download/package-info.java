/**
 * Saving results: {@link dev.nanobanana4j.core.application.download.ImageDownloader}, bounded and
 * checked, over the {@link dev.nanobanana4j.core.port.ImageFetcher} port.
 */
package dev.nanobanana4j.core.application.download;
