package dev.nanobanana4j.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.nanobanana4j.testkit.fixtures.badprovider.BadFactory;
import dev.nanobanana4j.testkit.fixtures.goodprovider.GoodFactory;
import org.junit.jupiter.api.Test;

/** The rules every provider keeps find what they are for, and pass a provider that keeps them. */
class ProviderArchitectureTest {
  private static JavaClasses classesOf(Class<?> factory) {
    return new ClassFileImporter().importPackages(factory.getPackageName());
  }

  @Test
  void a_provider_on_core_spi_and_okhttp_passes() {
    ProviderArchitecture.check(classesOf(GoodFactory.class), GoodFactory.class);
  }

  @Test
  void a_provider_that_reaches_into_the_testkit_and_whose_factory_is_not_final_fails() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> ProviderArchitecture.check(classesOf(BadFactory.class), BadFactory.class));
    assertTrue(e.getMessage().contains("dev.nanobanana4j.testkit.Json"), e.getMessage());
    assertTrue(e.getMessage().contains("FINAL"), "every rule broken is named: " + e.getMessage());
  }

  @Test
  void the_provider_classes_must_be_readable() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> ProviderArchitecture.check(classesOf(GoodFactory.class), BadFactory.class));
    assertTrue(e.getMessage().contains("could not be read"), e.getMessage());
  }
}
