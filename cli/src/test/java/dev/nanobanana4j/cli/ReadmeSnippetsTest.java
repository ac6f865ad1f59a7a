package dev.nanobanana4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code java} block of the README compiles against the library as it is, so that the README
 * cannot drift from the API. A block is a fragment: it is compiled as a method body, its imports
 * hoisted, and the names it uses without declaring them (a client, a request, a web framework's
 * request parts) given as the method's parameters.
 */
class ReadmeSnippetsTest {
  private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

  /** The names a README fragment may use without declaring them, and their types. */
  private static final Map<String, String> CONTEXT = new LinkedHashMap<>();

  static {
    CONTEXT.put("client", "NanoBananaClient");
    CONTEXT.put("request", "ImageRequest");
    CONTEXT.put("apixoKey", "String");
    CONTEXT.put("mulerunKey", "String");
    CONTEXT.put("requestUri", "URI");
    CONTEXT.put("headers", "Map<String, List<String>>");
    CONTEXT.put("rawBody", "byte[]");
    CONTEXT.put("response", "Response");
    CONTEXT.put("meterRegistry", "io.micrometer.core.instrument.MeterRegistry");
    CONTEXT.put("observationRegistry", "io.micrometer.observation.ObservationRegistry");
  }

  private static final List<String> IMPORTS =
      List.of(
          "dev.nanobanana4j.core.application.*",
          "dev.nanobanana4j.core.application.callbacks.*",
          "dev.nanobanana4j.core.application.download.*",
          "dev.nanobanana4j.core.application.routing.*",
          "dev.nanobanana4j.core.application.waiting.*",
          "dev.nanobanana4j.core.domain.*",
          "dev.nanobanana4j.core.port.*",
          "dev.nanobanana4j.micrometer.MicrometerObserver",
          "java.net.URI",
          "java.nio.file.Path",
          "java.time.Duration",
          "java.util.List",
          "java.util.Map");

  @Test
  void every_java_block_compiles(@TempDir Path out) throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher blocks = BLOCK.matcher(readme);
    List<JavaFileObject> sources = new ArrayList<>();
    while (blocks.find()) {
      sources.add(source("Snippet" + (sources.size() + 1), blocks.group(1)));
    }
    assertTrue(sources.size() >= 4, "the README's java blocks were found: " + sources.size());
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertNotNull(javac, "a JDK, not a JRE");
    StringWriter errors = new StringWriter();
    boolean compiled =
        javac
            .getTask(
                errors,
                null,
                null,
                List.of(
                    "-classpath",
                    System.getProperty("java.class.path"),
                    "-d",
                    out.toString(),
                    "-proc:none"),
                null,
                sources)
            .call();
    assertEquals("", errors.toString(), "the README's java blocks compile");
    assertTrue(compiled);
  }

  private static JavaFileObject source(String name, String block) {
    Set<String> imports = new LinkedHashSet<>(IMPORTS);
    StringBuilder body = new StringBuilder();
    for (String line : block.split("\n")) {
      if (line.startsWith("import ")) {
        imports.add(line.substring("import ".length()).replace(";", "").trim());
      } else {
        body.append("    ").append(line).append('\n');
      }
    }
    List<String> parameters = new ArrayList<>();
    CONTEXT.forEach(
        (variable, type) -> {
          boolean used = Pattern.compile("\\b" + variable + "\\b").matcher(body).find();
          boolean declared =
              Pattern.compile("\\b[\\w.<>\\[\\], ]+\\s" + variable + "\\s*=").matcher(body).find();
          if (used && !declared) {
            parameters.add(type + " " + variable);
          }
        });
    StringBuilder code = new StringBuilder();
    imports.forEach(i -> code.append("import ").append(i).append(";\n"));
    code.append("class ")
        .append(name)
        .append(" {\n  interface Response { void setStatus(int status); }\n\n  void run(")
        .append(String.join(", ", parameters))
        .append(") throws Exception {\n")
        .append(body)
        .append("  }\n}\n");
    String text = code.toString();
    return new SimpleJavaFileObject(
        URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return text;
      }
    };
  }
}
