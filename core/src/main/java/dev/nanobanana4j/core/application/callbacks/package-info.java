/**
 * Vendors calling back: {@link dev.nanobanana4j.core.application.callbacks.Callbacks} (the URL and
 * secret the client gives vendors) and the {@link
 * dev.nanobanana4j.core.application.callbacks.CallbackReceiver} a web endpoint hands callbacks to.
 */
package dev.nanobanana4j.core.application.callbacks;
