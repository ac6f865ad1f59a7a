package dev.nanobanana4j.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The dependency rules between modules, over every module's classes (the command's test class path
 * holds them all). The rules each provider keeps are testkit's {@code ProviderArchitecture}, which
 * the contract suite checks on every provider, ours and third parties' alike.
 */
@AnalyzeClasses(packages = "dev.nanobanana4j", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleArchitectureTest {

  @ArchTest
  static final ArchRule spi_knows_no_provider =
      noClasses()
          .that()
          .resideInAPackage("dev.nanobanana4j.spi..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.nanobanana4j.provider..", "dev.nanobanana4j.testkit..", "dev.nanobanana4j.cli..")
          .because("spi is shared by every provider and must favour none");

  @ArchTest
  static final ArchRule testkit_speaks_protocols_not_adapters =
      noClasses()
          .that()
          .resideInAPackage("dev.nanobanana4j.testkit..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.nanobanana4j.provider..", "dev.nanobanana4j.cli..")
          .because("the simulator follows the vendor docs, not our adapters");

  @ArchTest
  static final ArchRule the_job_store_builds_on_core_alone =
      noClasses()
          .that()
          .resideInAPackage("dev.nanobanana4j.store..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.nanobanana4j.spi..",
              "dev.nanobanana4j.provider..",
              "dev.nanobanana4j.testkit..",
              "dev.nanobanana4j.cli..",
              "dev.nanobanana4j.micrometer..")
          .because("a store keeps core's ports and favours no provider or transport");

  @ArchTest
  static final ArchRule framework_adapters_build_on_core_alone =
      noClasses()
          .that()
          .resideInAnyPackage("dev.nanobanana4j.langchain4j..", "dev.nanobanana4j.springai..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.nanobanana4j.spi..",
              "dev.nanobanana4j.provider..",
              "dev.nanobanana4j.store..",
              "dev.nanobanana4j.testkit..",
              "dev.nanobanana4j.cli..")
          .because("an adapter speaks the client's API and favours no provider");

  @ArchTest
  static final ArchRule internal_packages_stay_inside_their_module =
      classes()
          .should(onlyBeAccessedFromInternalOwners())
          .because("internal packages are a module's own; other modules use its public API");

  @ArchTest
  static final ArchRule no_package_cycles =
      slices()
          .matching("dev.nanobanana4j.(**)")
          .should()
          .beFreeOfCycles()
          .because("package cycles hide the direction of dependencies");

  /** A class in {@code x.internal..} may be used only by classes under {@code x}. */
  private static ArchCondition<JavaClass> onlyBeAccessedFromInternalOwners() {
    return new ArchCondition<>("use only their own module's internal packages") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          String target = dependency.getTargetClass().getPackageName();
          int internal = target.indexOf(".internal");
          if (!target.startsWith("dev.nanobanana4j.") || internal < 0) {
            continue;
          }
          String owner = target.substring(0, internal);
          if (!origin.getPackageName().startsWith(owner)) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
      }
    };
  }
}
