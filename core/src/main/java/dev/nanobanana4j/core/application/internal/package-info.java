/**
 * The use cases behind the {@code NanoBananaClient} facade: submitting, routing, waiting, pricing,
 * the ledger of budgets and spend, callbacks. Not exported: nothing here is API, and it changes
 * without notice.
 */
package dev.nanobanana4j.core.application.internal;
