package dev.nanobanana4j.core.error;

/**
 * The providers are set up wrongly: two installed providers share an id, a required setting (such
 * as the API key) is missing, or a setting is invalid.
 */
public class ProviderConfigurationException extends NanoBananaException {
  private static final long serialVersionUID = 1L;

  /** An error for {@code providerId} (which may be {@code null}). */
  public ProviderConfigurationException(String providerId, String message) {
    super(message, ErrorContext.of(providerId, Operation.CONFIGURE), null);
  }
}
