package dev.nanobanana4j.core.error;

import java.util.List;

/** No provider with the asked-for id is installed or configured. The message lists those found. */
public class ProviderNotFoundException extends NanoBananaException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> available;

  /** An error for {@code providerId}, listing the ids that were {@code available}. */
  public ProviderNotFoundException(String providerId, List<String> available, String where) {
    super(
        "no provider with id '"
            + providerId
            + "' "
            + where
            + "; found: "
            + (available.isEmpty()
                ? "none (add a provider jar to the class path)"
                : String.join(", ", available)),
        ErrorContext.of(null, Operation.CONFIGURE),
        null);
    this.available = List.copyOf(available);
  }

  /** The ids that were found. */
  public List<String> available() {
    return available;
  }
}
