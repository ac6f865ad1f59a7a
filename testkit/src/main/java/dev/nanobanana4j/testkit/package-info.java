/**
 * For tests of applications and of providers: the {@link dev.nanobanana4j.testkit.Simulator}, which
 * speaks each vendor's documented protocol on loopback with named faults and a hostile-vendor
 * catalogue ({@link dev.nanobanana4j.testkit.Fault}), and the contract suites every provider
 * extends ({@link dev.nanobanana4j.testkit.ProviderContractTest}, {@link
 * dev.nanobanana4j.testkit.CallbackContractTest}).
 */
package dev.nanobanana4j.testkit;
