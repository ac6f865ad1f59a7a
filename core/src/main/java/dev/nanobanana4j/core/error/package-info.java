/**
 * The library's unchecked exceptions, all under {@link
 * dev.nanobanana4j.core.error.NanoBananaException}, typed by what the caller can do
 * (authentication, balance, rate limit, invalid request, content policy, provider unavailable,
 * outcome unknown, protocol error), each carrying provider, operation, HTTP status, vendor code and
 * task id where known.
 */
package dev.nanobanana4j.core.error;
