package dev.nanobanana4j.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The architecture rules every provider keeps, wherever it is written; {@link ProviderContractTest}
 * checks them on the provider under test. A provider:
 *
 * <ul>
 *   <li>builds on core's ports and spi's kit, its HTTP and JSON libraries (OkHttp, Retrofit, Moshi,
 *       Okio) and the JDK, and nothing else: no other provider, no testkit, no command;
 *   <li>has a public, final factory with a public no-argument constructor, which {@link
 *       java.util.ServiceLoader} can make;
 *   <li>has no cycles between its packages.
 * </ul>
 */
public final class ProviderArchitecture {
  private ProviderArchitecture() {}

  /** What a provider's classes may depend on, beyond its own packages. */
  public static final List<String> ALLOWED_PACKAGES =
      List.of(
          "java..",
          "javax..",
          "dev.nanobanana4j.core..",
          "dev.nanobanana4j.spi..",
          "okhttp3..",
          "retrofit2..",
          "com.squareup.moshi..",
          "okio..");

  /**
   * Checks the rules on the provider whose factory is {@code factory}: the classes in the factory's
   * package and below.
   *
   * @throws AssertionError naming every violation of every rule
   */
  public static void check(Class<?> factory) {
    Objects.requireNonNull(factory, "factory == null");
    check(
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(factory.getPackageName()),
        factory);
  }

  /** Checks the rules on {@code provider}, the classes of the provider made by {@code factory}. */
  static void check(JavaClasses provider, Class<?> factory) {
    String root = factory.getPackageName();
    if (!provider.contain(factory)) {
      throw new AssertionError("the classes of " + factory.getName() + " could not be read");
    }
    String[] allowed =
        Stream.concat(ALLOWED_PACKAGES.stream(), Stream.of(root + "..")).toArray(String[]::new);
    List<String> violations = new java.util.ArrayList<>();
    for (ArchRule rule :
        List.of(
            classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(allowed)
                .because(
                    "a provider jar ships with core and spi only, and users embed only the"
                        + " providers they need"),
            classes()
                .that()
                .implement("dev.nanobanana4j.core.port.ImageProviderFactory")
                .should()
                .bePublic()
                .andShould()
                .haveModifier(JavaModifier.FINAL)
                .because("ServiceLoader makes it, and it is the provider's public API"),
            slices()
                .matching(root + ".(**)")
                .should()
                .beFreeOfCycles()
                .because("package cycles hide the direction of dependencies")
                .allowEmptyShould(true))) {
      EvaluationResult result = rule.evaluate(provider);
      if (result.hasViolation()) {
        violations.add(result.getFailureReport().toString());
      }
    }
    try {
      factory.getConstructor();
    } catch (NoSuchMethodException e) {
      violations.add(
          factory.getName() + " needs a public no-argument constructor for ServiceLoader");
    }
    if (!violations.isEmpty()) {
      throw new AssertionError(
          "the provider breaks the rules every provider keeps:\n" + String.join("\n", violations));
    }
  }
}
