package dev.nanobanana4j.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The BOM lists every published module, and nothing else. */
class BomTest {
  /**
   * Modules that are no dependency: the BOM itself, the benchmarks (unpublished) and the archetype
   * (run by {@code archetype:generate}, never put on a class path).
   */
  private static final Set<String> UNPUBLISHED = Set.of("bom", "benchmarks", "provider-archetype");

  @Test
  void the_bom_lists_every_published_module() throws Exception {
    Path root = Path.of(System.getProperty("user.dir")).getParent();
    Set<String> modules = new TreeSet<>();
    Matcher module =
        Pattern.compile("<module>([^<]+)</module>")
            .matcher(Files.readString(root.resolve("pom.xml")));
    while (module.find()) {
      if (!UNPUBLISHED.contains(module.group(1))) {
        modules.add("nanobanana4j-" + module.group(1));
      }
    }
    Set<String> managed = new TreeSet<>();
    Matcher artifact =
        Pattern.compile("<artifactId>(nanobanana4j-[^<]+)</artifactId>")
            .matcher(Files.readString(root.resolve("bom/pom.xml")));
    while (artifact.find()) {
      managed.add(artifact.group(1));
    }
    managed.remove("nanobanana4j-bom");
    assertEquals(modules, managed);
  }
}
