package dev.nanobanana4j.provider.modellix.internal.api;

import com.squareup.moshi.Json;

/**
 * The answers of {@code GET /apikey/validate} ({@code data.is_valid}) and {@code GET /team/balance}
 * ({@code data.balance}), in the envelope every answer has (Modellix's own CLI reads these fields;
 * its docs show neither).
 */
public record AccountEnvelope(Integer code, String message, Data data) {
  /** What the account answers carry. */
  public record Data(@Json(name = "is_valid") Boolean isValid, Object balance) {}
}
