package dev.nanobanana4j.core.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.domain.ProviderInfo;
import dev.nanobanana4j.core.error.ProviderConfigurationException;
import dev.nanobanana4j.core.error.ProviderNotFoundException;
import dev.nanobanana4j.core.port.ImageProvider;
import dev.nanobanana4j.core.port.ImageProviderFactory;
import dev.nanobanana4j.core.port.ProviderConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderRegistryTest {
  static class AlphaFactory implements ImageProviderFactory {
    @Override
    public ProviderInfo info() {
      return Fixtures.info("alpha");
    }

    @Override
    public ImageProvider create(ProviderConfig config) {
      throw new UnsupportedOperationException();
    }
  }

  static class OtherAlphaFactory extends AlphaFactory {}

  static class BetaFactory extends AlphaFactory {
    @Override
    public ProviderInfo info() {
      return Fixtures.info("beta");
    }
  }

  @Test
  void two_providers_with_one_id_is_an_error_naming_both_classes() {
    ProviderConfigurationException e =
        assertThrows(
            ProviderConfigurationException.class,
            () -> ProviderRegistry.of(List.of(new AlphaFactory(), new OtherAlphaFactory())));
    assertTrue(
        e.getMessage()
            .contains(
                "two providers have the id 'alpha': "
                    + AlphaFactory.class.getName()
                    + " and "
                    + OtherAlphaFactory.class.getName()),
        e.getMessage());
  }

  @Test
  void an_unknown_id_lists_the_ids_found() {
    ProviderRegistry registry = ProviderRegistry.of(List.of(new BetaFactory(), new AlphaFactory()));
    ProviderNotFoundException e =
        assertThrows(ProviderNotFoundException.class, () -> registry.factory("gamma"));
    assertEquals(List.of("alpha", "beta"), e.available());
    assertTrue(
        e.getMessage().endsWith("no provider with id 'gamma' is installed; found: alpha, beta"),
        e.getMessage());
  }

  @Test
  void finds_factories_by_id() {
    ProviderRegistry registry = ProviderRegistry.of(List.of(new BetaFactory(), new AlphaFactory()));
    assertEquals(List.of("alpha", "beta"), registry.ids());
    assertEquals(BetaFactory.class, registry.factory("beta").getClass());
  }

  @Test
  void service_loader_finds_nothing_when_no_provider_jar_is_present() {
    assertEquals(List.of(), ProviderRegistry.load().ids());
    ProviderNotFoundException e =
        assertThrows(
            ProviderNotFoundException.class, () -> ProviderRegistry.load().factory("apixo"));
    assertTrue(e.getMessage().contains("found: none (add a provider jar to the class path)"));
  }
}
