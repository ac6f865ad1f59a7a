/**
 * {@link dev.nanobanana4j.micrometer.MicrometerObserver}: the client's meters (names and tags in
 * the README) and one observation per wait, on the Micrometer registries an application gives it.
 */
package dev.nanobanana4j.micrometer;
