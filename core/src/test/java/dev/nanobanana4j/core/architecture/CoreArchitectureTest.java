package dev.nanobanana4j.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;

/** The hexagon's rules, held by the build. */
@AnalyzeClasses(
    packages = "dev.nanobanana4j.core",
    importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

  @ArchTest
  static final ArchRule domain_depends_on_the_jdk_only =
      ArchRuleDefinition.classes()
          .that()
          .resideInAPackage("dev.nanobanana4j.core.domain..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", "dev.nanobanana4j.core.domain..")
          .because("the domain is pure values and rules that every layer and provider can share");

  @ArchTest
  static final ArchRule domain_does_no_network_io =
      noClasses()
          .that()
          .resideInAPackage("dev.nanobanana4j.core.domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.net.http..", "javax.net..")
          .because("talking to vendors is the adapters' job, not the domain's");

  @ArchTest
  static final ArchRule domain_and_ports_do_not_reach_into_the_application_layer =
      noClasses()
          .that()
          .resideInAnyPackage(
              "dev.nanobanana4j.core.domain..",
              "dev.nanobanana4j.core.port..",
              "dev.nanobanana4j.core.error..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.nanobanana4j.core.application..")
          .because("use cases depend on the domain and ports, never the other way round");

  @ArchTest
  static final ArchRule core_never_touches_transport =
      noClasses()
          .that()
          .resideInAPackage("dev.nanobanana4j.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "okhttp3..", "retrofit2..", "com.squareup.moshi..", "okio..", "mockwebserver3..")
          .because("core is the hexagon: transport lives in spi and the providers");

  @ArchTest
  static final ArchRule core_does_not_know_its_adapters =
      noClasses()
          .that()
          .resideInAPackage("dev.nanobanana4j.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.nanobanana4j.spi..",
              "dev.nanobanana4j.provider..",
              "dev.nanobanana4j.testkit..",
              "dev.nanobanana4j.cli..")
          .because("dependencies point inwards, to core");

  @ArchTest
  static final ArchRule core_needs_the_jdk_alone =
      classes()
          .that()
          .resideInAPackage("dev.nanobanana4j.core..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", "javax.net..", "javax.crypto..", "dev.nanobanana4j.core..")
          .because(
              "core's runtime class path holds no jar: meters, traces and transport are adapters"
                  + " behind its ports (nanobanana4j-micrometer implements ClientObserver)");

  @ArchTest
  static final ArchRule core_has_no_http_stack_of_its_own =
      noClasses()
          .that()
          .resideInAPackage("dev.nanobanana4j.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.net.http..", "com.sun.net.httpserver..")
          .because(
              "the library runs one HTTP stack, spi's OkHttp; downloads reach it through the"
                  + " ImageFetcher port");

  @ArchTest
  static final ArchRule capabilities_do_not_reach_into_the_use_cases_or_the_facade =
      noClasses()
          .that()
          .resideInAnyPackage(
              "dev.nanobanana4j.core.application.routing..",
              "dev.nanobanana4j.core.application.waiting..",
              "dev.nanobanana4j.core.application.callbacks..",
              "dev.nanobanana4j.core.application.download..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.nanobanana4j.core.application.internal..", "dev.nanobanana4j.core.application")
          .because(
              "the facade wires the use cases, which use the capabilities; never the other way");

  @ArchTest
  static final ArchRule only_core_application_uses_its_internal_package =
      noClasses()
          .that()
          .resideOutsideOfPackages(
              "dev.nanobanana4j.core.application", "dev.nanobanana4j.core.application.internal..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.nanobanana4j.core.application.internal..")
          .because("the use cases are not API: only the facade wires them");

  @ArchTest
  static final ArchRule no_package_cycles =
      slices()
          .matching("dev.nanobanana4j.core.(*)..")
          .should()
          .beFreeOfCycles()
          .because("cycles between layers make the hexagon impossible to reason about");
}
