package dev.nanobanana4j.spring.boot;

import dev.nanobanana4j.core.application.NanoBananaClientBuilder;

/**
 * Changes the client's builder after the starter has applied the properties and beans, and before
 * the client is built: for what properties do not say (an uploader, a result store, a scheduler).
 * Every bean of this type is applied, in {@link org.springframework.core.annotation.Order order}.
 */
@FunctionalInterface
public interface NanoBananaClientCustomizer {
  /** Changes {@code builder}. */
  void customize(NanoBananaClientBuilder builder);
}
