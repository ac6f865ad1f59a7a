package dev.nanobanana4j.core.application.routing;

import dev.nanobanana4j.core.domain.Money;
import dev.nanobanana4j.core.domain.PriceTable;
import dev.nanobanana4j.core.domain.Resolution;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Price tables that replace the ones providers ship, such as a negotiated rate or a price newer
 * than the library: per provider and model, each with its date and source.
 *
 * <pre>{@code
 * PriceOverrides prices = PriceOverrides.builder()
 *     .put("apixo", PriceTable.perImage("nano-banana-2", Map.of(Resolution.TWO_K, Money.usd("0.07")),
 *         LocalDate.of(2026, 11, 1), "contract 2026-11"))
 *     .build();
 * }</pre>
 *
 * <p>Or from a properties file ({@link #load(Path)}): {@code <provider>/<model>/<resolution>} gives
 * a price such as {@code 0.07 USD}; {@code <provider>/<model>/asOf} the date ({@code 2026-11-01})
 * and {@code <provider>/<model>/source} where it comes from, both required.
 *
 * <pre>
 * apixo/nano-banana-2/2K = 0.07 USD
 * apixo/nano-banana-2/asOf = 2026-11-01
 * apixo/nano-banana-2/source = contract 2026-11
 * </pre>
 */
public final class PriceOverrides {
  private static final PriceOverrides NONE = new PriceOverrides(Map.of());

  private final Map<String, PriceTable> tables;

  private PriceOverrides(Map<String, PriceTable> tables) {
    this.tables = Map.copyOf(tables);
  }

  /** No overrides: every provider's own tables. */
  public static PriceOverrides none() {
    return NONE;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads overrides from a properties file (UTF-8).
   *
   * @throws IllegalArgumentException naming the file and every line that is wrong
   * @throws IOException when the file cannot be read
   */
  public static PriceOverrides load(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    return parse(properties, file.toString());
  }

  /** Reads overrides from properties, as {@link #load(Path)} does; {@code origin} names them. */
  public static PriceOverrides parse(Properties properties, String origin) {
    Map<String, Map<Resolution, Money>> prices = new TreeMap<>();
    Map<String, String> dates = new TreeMap<>();
    Map<String, String> sources = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (String key : new TreeMap<>(properties).keySet().stream().map(String::valueOf).toList()) {
      String value = properties.getProperty(key).trim();
      String[] parts = key.trim().split("/", -1);
      if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
        problems.add(key + ": expected <provider>/<model>/<resolution|asOf|source>");
        continue;
      }
      String table = parts[0] + '/' + parts[1];
      switch (parts[2]) {
        case "asOf" -> dates.put(table, value);
        case "source" -> sources.put(table, value);
        default -> {
          try {
            prices
                .computeIfAbsent(table, t -> new EnumMap<>(Resolution.class))
                .put(Resolution.parse(parts[2]), Money.parse(value));
          } catch (IllegalArgumentException e) {
            problems.add(key + ": " + e.getMessage());
          }
        }
      }
    }
    Builder builder = builder();
    for (Map.Entry<String, Map<Resolution, Money>> entry : prices.entrySet()) {
      String table = entry.getKey();
      String date = dates.get(table);
      String source = sources.get(table);
      if (date == null || source == null || source.isEmpty()) {
        problems.add(table + ": needs both " + table + "/asOf and " + table + "/source");
        continue;
      }
      LocalDate asOf;
      try {
        asOf = LocalDate.parse(date);
      } catch (DateTimeParseException e) {
        problems.add(table + "/asOf: '" + date + "' is not a date like 2026-11-01");
        continue;
      }
      String[] ids = table.split("/");
      builder.put(ids[0], PriceTable.perImage(ids[1], entry.getValue(), asOf, source));
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "price overrides in " + origin + " are not valid: " + String.join("; ", problems));
    }
    return builder.build();
  }

  /** The table that replaces {@code providerId}'s own for {@code model}, if any. */
  public Optional<PriceTable> table(String providerId, String model) {
    return Optional.ofNullable(tables.get(providerId + '/' + model));
  }

  /** Whether there are no overrides. */
  public boolean isEmpty() {
    return tables.isEmpty();
  }

  @Override
  public String toString() {
    return "PriceOverrides" + new TreeMap<>(tables).keySet();
  }

  /** Builds {@link PriceOverrides}. */
  public static final class Builder {
    private final Map<String, PriceTable> tables = new LinkedHashMap<>();

    private Builder() {}

    /** Replaces {@code providerId}'s table for the table's model. */
    public Builder put(String providerId, PriceTable table) {
      Objects.requireNonNull(providerId, "providerId == null");
      Objects.requireNonNull(table, "table == null");
      tables.put(providerId + '/' + table.model(), table);
      return this;
    }

    /** Builds the overrides. */
    public PriceOverrides build() {
      return new PriceOverrides(tables);
    }
  }
}
