package dev.nanobanana4j.spring.boot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The starter wires published APIs: it favours no provider, reaches into no module's internals, and
 * leaves vendors to the client. (The rules between the other modules are in the command's tests,
 * whose class path holds them; Boot's libraries stay off it.)
 */
@AnalyzeClasses(
    packages = "dev.nanobanana4j.spring.boot",
    importOptions = ImportOption.DoNotIncludeTests.class)
class StarterArchitectureTest {
  @ArchTest
  static final ArchRule the_starter_favours_no_provider_and_reaches_no_internals =
      noClasses()
          .that()
          .resideInAPackage("dev.nanobanana4j.spring.boot..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.nanobanana4j.spi..",
              "dev.nanobanana4j.provider..",
              "dev.nanobanana4j.testkit..",
              "dev.nanobanana4j.cli..",
              "..internal..")
          .because("the starter speaks the client's API, as any Boot user's code would");

  @ArchTest
  static final ArchRule no_http_client_of_its_own =
      noClasses()
          .that()
          .resideInAPackage("dev.nanobanana4j.spring.boot..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("okhttp3..", "retrofit2..", "java.net.http..")
          .because("every call to a vendor goes through the client and its providers");
}
