package dev.nanobanana4j.testkit;

import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that hands each test a running {@link Simulator}, whose tasks finish as soon
 * as they are submitted, and closes it after the test.
 *
 * <pre>{@code
 * @ExtendWith(SimulatorExtension.class)
 * class MyServiceTest {
 *   @Test
 *   void generates(Simulator simulator) {
 *     ProviderConfig config = simulator.config("apixo"); // its base URL and the key it accepts
 *     // a client with PollingPolicy.fixed(Duration.ZERO, Duration.ofMillis(50)) ends in milliseconds
 *   }
 * }
 * }</pre>
 */
public final class SimulatorExtension implements ParameterResolver, AfterEachCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SimulatorExtension.class);

  /** Made by JUnit, from {@code @ExtendWith(SimulatorExtension.class)}. */
  public SimulatorExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Simulator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            "simulator",
            key ->
                Simulator.builder()
                    .defaultScript(TaskScript.succeed(Duration.ZERO, Duration.ZERO))
                    .start(),
            Simulator.class);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Simulator simulator = context.getStore(NAMESPACE).remove("simulator", Simulator.class);
    if (simulator != null) {
      simulator.close();
    }
  }
}
