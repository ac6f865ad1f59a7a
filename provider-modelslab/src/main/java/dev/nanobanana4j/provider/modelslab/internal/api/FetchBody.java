package dev.nanobanana4j.provider.modelslab.internal.api;

/** The body of {@code POST /enterprise/nano_banana/fetch/{id}}: only the key. */
public record FetchBody(String key) {
  /** Masks the key, so the body can be printed. */
  @Override
  public String toString() {
    return "FetchBody{key=****}";
  }
}
