package dev.nanobanana4j.core.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a vendor said about a finished job besides its images: when it created and completed the job
 * (APIXO's {@code createTime} and {@code completeTime}, MuleRun's {@code created_at} and {@code
 * updated_at}), the id it gives the answer (Google's {@code responseId}, SeaArt's {@code
 * request_id}), the model's text (MuleRun's {@code description}, Google's text parts), what it
 * charged where it says (Modellix's {@code billing.amount}), and its other fields, as text.
 *
 * <p>Vendor text, bounded: the text at {@value #MAX_TEXT} characters, at most {@value #MAX_FIELDS}
 * fields of at most {@value #MAX_FIELD} characters each; beyond, cut.
 *
 * @param createdAt when the vendor says it created the job
 * @param completedAt when the vendor says the job ended
 * @param requestId the vendor's id of the request or answer, for its support
 * @param text what the model said besides the images
 * @param charged what the vendor says it charged for the job
 * @param fields the vendor's other fields, by the vendor's names
 */
public record VendorReport(
    Optional<Instant> createdAt,
    Optional<Instant> completedAt,
    Optional<String> requestId,
    Optional<String> text,
    Optional<Money> charged,
    Map<String, String> fields) {
  /** The longest text kept. */
  public static final int MAX_TEXT = 4000;

  /** The most fields kept. */
  public static final int MAX_FIELDS = 32;

  /** The longest field name or value kept. */
  public static final int MAX_FIELD = 256;

  /** A vendor that said nothing more. */
  public static final VendorReport NONE =
      new VendorReport(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Map.of());

  /** Checks the fields, cuts what is too long, and copies the map. */
  public VendorReport {
    Objects.requireNonNull(createdAt, "createdAt == null");
    Objects.requireNonNull(completedAt, "completedAt == null");
    requestId = Objects.requireNonNull(requestId, "requestId == null").map(s -> cut(s, MAX_FIELD));
    text = Objects.requireNonNull(text, "text == null").map(s -> cut(s, MAX_TEXT));
    Objects.requireNonNull(charged, "charged == null");
    Map<String, String> kept = new LinkedHashMap<>();
    for (Map.Entry<String, String> field : fields.entrySet()) {
      if (kept.size() == MAX_FIELDS) {
        break;
      }
      if (field.getKey() != null && field.getValue() != null) {
        kept.put(cut(field.getKey(), MAX_FIELD), cut(field.getValue(), MAX_FIELD));
      }
    }
    fields = java.util.Collections.unmodifiableMap(kept);
  }

  /** A builder, for providers. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether the vendor said nothing more. */
  public boolean isEmpty() {
    return equals(NONE);
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  /** Builds a {@link VendorReport}; values that are {@code null} are left out. */
  public static final class Builder {
    private Instant createdAt;
    private Instant completedAt;
    private String requestId;
    private String text;
    private Money charged;
    private final Map<String, String> fields = new LinkedHashMap<>();

    private Builder() {}

    /** When the vendor says it created the job. */
    public Builder createdAt(Instant value) {
      this.createdAt = value;
      return this;
    }

    /** When the vendor says the job ended. */
    public Builder completedAt(Instant value) {
      this.completedAt = value;
      return this;
    }

    /** The vendor's id of the request or answer; blank is none. */
    public Builder requestId(String value) {
      this.requestId = value == null || value.isBlank() ? null : value;
      return this;
    }

    /** What the model said besides the images; blank is none. */
    public Builder text(String value) {
      this.text = value == null || value.isBlank() ? null : value.strip();
      return this;
    }

    /** What the vendor says it charged. */
    public Builder charged(Money value) {
      this.charged = value;
      return this;
    }

    /** One of the vendor's other fields, as text; a {@code null} value is left out. */
    public Builder field(String name, Object value) {
      if (name != null && value != null) {
        fields.put(name, String.valueOf(value));
      }
      return this;
    }

    /** The report. */
    public VendorReport build() {
      return new VendorReport(
          Optional.ofNullable(createdAt),
          Optional.ofNullable(completedAt),
          Optional.ofNullable(requestId),
          Optional.ofNullable(text),
          Optional.ofNullable(charged),
          fields);
    }
  }
}
