package example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.testkit.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quick start, run as a user runs it, against the simulator. */
class QuickStartTest {
  @Test
  void generates_and_saves_an_image(@TempDir Path dir) throws Exception {
    try (Simulator simulator = Simulator.builder().start()) {
      Path saved =
          QuickStart.run(
              simulator.apiKey("apixo"), simulator.baseUrl("apixo").toString(), dir.resolve("out"));
      byte[] bytes = Files.readAllBytes(saved);
      assertTrue(bytes.length > 100, "a real image");
      assertArrayEquals(
          new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(bytes, 4), "a PNG");
    }
  }
}
