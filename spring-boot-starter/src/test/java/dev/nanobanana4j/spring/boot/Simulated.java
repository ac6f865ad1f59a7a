package dev.nanobanana4j.spring.boot;

import dev.nanobanana4j.testkit.Simulator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;

/** What the starter's tests share: properties naming the simulator, and meter sums. */
final class Simulated {
  private Simulated() {}

  /** Each provider's key and base URL at {@code simulator}. */
  static String[] providers(Simulator simulator, String... ids) {
    List<String> properties = new ArrayList<>();
    for (String id : ids) {
      properties.add("nanobanana.providers." + id + ".api-key=" + simulator.apiKey(id));
      properties.add("nanobanana.providers." + id + ".base-url=" + simulator.baseUrl(id));
    }
    return properties.toArray(String[]::new);
  }

  /** APIXO at {@code simulator}, polled every 20 ms, waits of 30 s at most. */
  static String[] apixoPolledFast(Simulator simulator) {
    List<String> properties = new ArrayList<>(List.of(providers(simulator, "apixo")));
    properties.addAll(
        List.of(
            "nanobanana.polling.policy=fixed",
            "nanobanana.polling.first-poll=20ms",
            "nanobanana.polling.interval=20ms",
            "nanobanana.default-timeout=30s"));
    return properties.toArray(String[]::new);
  }

  /** How many times the timers named {@code name} recorded, whatever their tags. */
  static long timed(MeterRegistry meters, String name) {
    return meters.find(name).timers().stream().mapToLong(Timer::count).sum();
  }
}
