package dev.nanobanana4j.core.domain;

import java.util.Objects;

/**
 * An option of a {@linkplain ImageRequest#isLenient() lenient} request that a provider cannot
 * honour, and which was dropped so that the request could go to it.
 *
 * @param providerId the provider that could not honour it
 * @param option the request's option, as the builder names it: {@code seed}, {@code
 *     negativePrompt}, {@code aspectRatio}, {@code resolution}, {@code outputFormat}, {@code
 *     callbackUrl}, or {@code extra:<name>}
 * @param message what was dropped and why, for people
 */
public record RequestWarning(String providerId, String option, String message) {
  /** Checks that no part is null. */
  public RequestWarning {
    Objects.requireNonNull(providerId, "providerId == null");
    Objects.requireNonNull(option, "option == null");
    Objects.requireNonNull(message, "message == null");
  }

  @Override
  public String toString() {
    return message;
  }
}
