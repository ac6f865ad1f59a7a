package dev.nanobanana4j.core.application.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What routing remembers of each provider: refusals in a row (after enough, the provider is set
 * aside until a cooldown passes) and the mean time from submission to success.
 */
public final class ProviderHealth {
  /** Weight of the newest job in the mean time to success. */
  private static final double NEWEST_WEIGHT = 0.2;

  private final Clock clock;
  private final int refusalsBeforeCooldown;
  private final Duration cooldown;
  private final Map<String, State> states = new ConcurrentHashMap<>();

  public ProviderHealth(Clock clock, int refusalsBeforeCooldown, Duration cooldown) {
    this.clock = clock;
    this.refusalsBeforeCooldown = refusalsBeforeCooldown;
    this.cooldown = cooldown;
  }

  private static final class State {
    int refusals;
    Instant asideUntil = Instant.MIN;
    double meanMillis = -1;
  }

  private State state(String provider) {
    return states.computeIfAbsent(provider, p -> new State());
  }

  /** The provider accepted a submission. */
  public void accepted(String provider) {
    State s = state(provider);
    synchronized (s) {
      s.refusals = 0;
    }
  }

  /** The provider refused a submission; enough in a row set it aside. */
  public void refused(String provider) {
    State s = state(provider);
    synchronized (s) {
      if (++s.refusals >= refusalsBeforeCooldown) {
        s.asideUntil = clock.instant().plus(cooldown);
        s.refusals = 0;
      }
    }
  }

  /** Whether the provider is set aside now. */
  public boolean isSetAside(String provider) {
    State s = states.get(provider);
    if (s == null) {
      return false;
    }
    synchronized (s) {
      return clock.instant().isBefore(s.asideUntil);
    }
  }

  /** Until when the provider is set aside, while it is. */
  public java.util.Optional<Instant> setAsideUntil(String provider) {
    State s = states.get(provider);
    if (s == null) {
      return java.util.Optional.empty();
    }
    synchronized (s) {
      return clock.instant().isBefore(s.asideUntil)
          ? java.util.Optional.of(s.asideUntil)
          : java.util.Optional.empty();
    }
  }

  /** A job at the provider succeeded {@code took} after submission. */
  public void succeeded(String provider, Duration took) {
    State s = state(provider);
    synchronized (s) {
      double millis = Math.max(0, took.toMillis());
      s.meanMillis =
          s.meanMillis < 0 ? millis : s.meanMillis + NEWEST_WEIGHT * (millis - s.meanMillis);
    }
  }

  /** Mean time to success of each provider that had one. */
  public Map<String, Duration> timings() {
    Map<String, Duration> timings = new java.util.HashMap<>();
    states.forEach(
        (provider, s) -> {
          synchronized (s) {
            if (s.meanMillis >= 0) {
              timings.put(provider, Duration.ofMillis(Math.round(s.meanMillis)));
            }
          }
        });
    return Map.copyOf(timings);
  }
}
