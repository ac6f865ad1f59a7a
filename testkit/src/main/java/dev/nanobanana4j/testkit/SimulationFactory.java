package dev.nanobanana4j.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * A vendor simulation a jar ships beside the built-in ones, found as providers are: through {@link
 * ServiceLoader}, from {@code META-INF/services/dev.nanobanana4j.testkit.SimulationFactory} (or a
 * module's {@code provides}). Every {@link Simulator} serves the simulations installed (one of a
 * built-in vendor's id replaces it), and so does {@code nanobanana sandbox}.
 *
 * <pre>{@code
 * public final class AcmeSimulationFactory implements SimulationFactory {
 *   public String id() { return "acme"; }
 *   public VendorSimulation create(String apiKey) { return new AcmeSimulation(apiKey); }
 * }
 * }</pre>
 */
public interface SimulationFactory {
  /** The provider id the simulation answers for. */
  String id();

  /** A new simulation accepting {@code apiKey}. */
  VendorSimulation create(String apiKey);

  /** The factories on the class path of this library (or the module path), in discovery order. */
  static List<SimulationFactory> installed() {
    List<SimulationFactory> found = new ArrayList<>();
    ServiceLoader.load(SimulationFactory.class, SimulationFactory.class.getClassLoader())
        .forEach(found::add);
    return found;
  }
}
