/**
 * The use cases over the ports, behind the {@link
 * dev.nanobanana4j.core.application.NanoBananaClient} facade: submitting (with routes and budgets),
 * waiting and polling, callbacks, quotes, and saving results ({@link
 * dev.nanobanana4j.core.application.ImageDownloader}).
 */
package dev.nanobanana4j.core.application;
