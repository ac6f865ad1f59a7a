package dev.nanobanana4j.spring.boot;

import dev.nanobanana4j.core.error.NanoBananaException;
import dev.nanobanana4j.core.error.ProviderConfigurationException;
import dev.nanobanana4j.core.error.ProviderNotFoundException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a provider the application cannot configure into Boot's description and action: a key that
 * is not set, a placeholder nothing resolved ({@code ${APIXO_API_KEY}} with the variable unset), a
 * key with white space in it, a provider id no installed jar provides. The key itself is never
 * shown.
 */
public class ProviderFailureAnalyzer extends AbstractFailureAnalyzer<NanoBananaException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, NanoBananaException cause) {
    String message = String.valueOf(cause.getMessage());
    if (cause instanceof ProviderNotFoundException) {
      return new FailureAnalysis(
          "nanobanana4j has no such provider: " + message,
          "Use one of the installed providers' ids under nanobanana.providers, or add the"
              + " provider's jar (nanobanana4j-provider-<id>) to the application.",
          cause);
    }
    if (!(cause instanceof ProviderConfigurationException)) {
      return null;
    }
    String provider = cause.context().providerId().orElse("the provider");
    String action;
    if (message.contains("which nothing resolved")) {
      action =
          "Set the environment variable or property the placeholder names before the application"
              + " starts, or remove nanobanana.providers."
              + provider
              + " to leave the provider out.";
    } else if (message.contains("is not set")) {
      action =
          "Set nanobanana.providers."
              + provider
              + ".api-key, from the environment (nanobanana.providers."
              + provider
              + ".api-key=${"
              + provider.toUpperCase(java.util.Locale.ROOT).replace('-', '_')
              + "_API_KEY}), or remove nanobanana.providers."
              + provider
              + ".";
    } else if (message.contains("white space")) {
      action = "Set the key without spaces or line breaks around or inside it.";
    } else {
      action = "Correct the nanobanana.providers." + provider + " settings.";
    }
    return new FailureAnalysis(
        "nanobanana4j could not configure provider " + provider + ": " + message, action, cause);
  }
}
