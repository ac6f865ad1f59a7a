package dev.nanobanana4j.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.application.routing.Route;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.BindResult;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The README's Spring Boot section as a user copies it: its properties name only real keys and
 * start an application, and its class ({@code java spring-boot} blocks, whole compilation units)
 * compiles against the starter.
 */
class ReadmeTest {
  private static String section() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    int start = readme.indexOf("## Spring Boot\n");
    assertTrue(start >= 0, "the README has a Spring Boot section");
    int end = readme.indexOf("\n## ", start + 1);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }

  /** What the environment gives each {@code ${VARIABLE}}: base64, as a webhook secret is. */
  private static final String FROM_ENVIRONMENT = "c2VjcmV0LXZhbHVlLWZyb20tdGhlLWVudmlyb25tZW50";

  /** The section's properties, each {@code ${VARIABLE}} given a value from "the environment". */
  private static Properties properties() throws IOException {
    Matcher block = Pattern.compile("```properties\\n(.*?)```", Pattern.DOTALL).matcher(section());
    assertTrue(block.find(), "the Spring Boot section has a properties block");
    String text = block.group(1).replaceAll("\\$\\{\\w+}", FROM_ENVIRONMENT);
    Properties properties = new Properties();
    properties.load(new StringReader(text));
    return properties;
  }

  @Test
  void the_properties_name_only_keys_the_starter_binds() throws IOException {
    Properties properties = properties();
    assertTrue(properties.size() >= 10, properties.toString());
    Binder binder = new Binder(new MapConfigurationPropertySource(properties));
    // Fails on any key under nanobanana that no property takes.
    BindResult<NanoBananaProperties> bound =
        binder.bind(
            "nanobanana",
            Bindable.of(NanoBananaProperties.class),
            new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
    assertEquals(2, bound.get().getProviders().size());
  }

  @Test
  void the_properties_start_an_application_that_calls_nothing() throws IOException {
    List<String> pairs = new ArrayList<>();
    properties().forEach((key, value) -> pairs.add(key + "=" + value));
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(NanoBananaAutoConfiguration.class))
        .withPropertyValues(pairs.toArray(String[]::new))
        .run(
            context -> {
              assertNull(context.getStartupFailure());
              NanoBananaClient client = context.getBean(NanoBananaClient.class);
              assertEquals("apixo", client.defaultProviderId());
              assertEquals(Route.cheapest().toString(), context.getBean(Route.class).toString());
              assertFalse(client.toString().contains(FROM_ENVIRONMENT), client.toString());
            });
  }

  @Test
  void the_java_blocks_compile_against_the_starter(@TempDir Path out) throws IOException {
    Matcher blocks =
        Pattern.compile("```java spring-boot\\n(.*?)```", Pattern.DOTALL).matcher(section());
    List<JavaFileObject> sources = new ArrayList<>();
    while (blocks.find()) {
      String text = blocks.group(1);
      Matcher name = Pattern.compile("class (\\w+)").matcher(text);
      assertTrue(name.find(), text);
      sources.add(
          new SimpleJavaFileObject(
              URI.create("string:///" + name.group(1) + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
              return text;
            }
          });
    }
    assertFalse(sources.isEmpty(), "the Spring Boot section has java blocks");
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
                    "-proc:none",
                    "-parameters"),
                null,
                sources)
            .call();
    assertEquals("", errors.toString(), "the README's Spring Boot code compiles");
    assertTrue(compiled);
  }
}
