/**
 * The {@link dev.nanobanana4j.core.application.NanoBananaClient} facade and what a caller hands it:
 * its builder, wait options, listeners, the provider registry and the scheduler. The capabilities
 * behind it have packages of their own: {@code routing} (quotes, routes, budgets), {@code polling},
 * {@code callbacks} and {@code download}; the use cases themselves are in the non-exported {@code
 * internal}.
 */
package dev.nanobanana4j.core.application;
