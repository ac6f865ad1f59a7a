package dev.nanobanana4j.core.application;

import dev.nanobanana4j.core.domain.ProviderInfo;
import java.time.Duration;
import java.util.Objects;

/**
 * When to poll a running job. By default the vendor's own guidance ({@link
 * ProviderInfo#firstPollDelay()}, {@link ProviderInfo#pollInterval()}); {@link #fixed} overrides
 * it.
 */
public final class PollingPolicy {
  private final Duration firstPoll;
  private final Duration interval;

  private PollingPolicy(Duration firstPoll, Duration interval) {
    this.firstPoll = firstPoll;
    this.interval = interval;
  }

  /** Follow each vendor's documented polling guidance. */
  public static PollingPolicy vendorGuidance() {
    return new PollingPolicy(null, null);
  }

  /** Poll first after {@code firstPoll}, then every {@code interval}, whatever the vendor. */
  public static PollingPolicy fixed(Duration firstPoll, Duration interval) {
    Objects.requireNonNull(firstPoll, "firstPoll == null");
    Objects.requireNonNull(interval, "interval == null");
    if (firstPoll.isNegative() || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException(
          "firstPoll must not be negative and interval must be positive");
    }
    return new PollingPolicy(firstPoll, interval);
  }

  /** How long after submission to poll first. */
  public Duration firstPoll(ProviderInfo provider) {
    return firstPoll != null ? firstPoll : provider.firstPollDelay();
  }

  /** How long between polls while the job runs. */
  public Duration interval(ProviderInfo provider) {
    return interval != null ? interval : provider.pollInterval();
  }

  @Override
  public String toString() {
    return firstPoll == null
        ? "PollingPolicy{vendor guidance}"
        : "PollingPolicy{first=" + firstPoll + ", every=" + interval + "}";
  }
}
