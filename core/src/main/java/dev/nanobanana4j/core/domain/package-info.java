/**
 * The domain: immutable values and pure rules, on the JDK alone. Requests ({@link
 * dev.nanobanana4j.core.domain.ImageRequest}, {@link dev.nanobanana4j.core.domain.ImageInput}),
 * jobs ({@link dev.nanobanana4j.core.domain.JobHandle}, the sealed {@link
 * dev.nanobanana4j.core.domain.JobStatus}), results, money and prices, and what each provider
 * accepts ({@link dev.nanobanana4j.core.domain.ProviderCapabilities}).
 */
package dev.nanobanana4j.core.domain;
