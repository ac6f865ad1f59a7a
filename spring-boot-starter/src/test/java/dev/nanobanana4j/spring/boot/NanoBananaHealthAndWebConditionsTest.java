package dev.nanobanana4j.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.application.waiting.RetryPolicy;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.testkit.Fault;
import dev.nanobanana4j.testkit.Simulator;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.servlet.DispatcherServlet;

/** The health indicator's and the callback endpoint's conditions. */
class NanoBananaHealthAndWebConditionsTest {
  private final Simulator simulator = Simulator.builder().start();

  private final String[] apixo = Simulated.providers(simulator, "apixo");

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  NanoBananaAutoConfiguration.class,
                  NanoBananaHealthAutoConfiguration.class,
                  NanoBananaWebAutoConfiguration.class))
          .withPropertyValues(apixo);

  @AfterEach
  void close() {
    simulator.close();
  }

  private static Health health(HealthContributor contributor, String provider) {
    HealthContributor one = ((CompositeHealthContributor) contributor).getContributor(provider);
    return ((HealthIndicator) one).health(true);
  }

  @Test
  void each_provider_reports_its_health_without_calling_the_vendor() {
    runner
        .withBean(
            NanoBananaClientCustomizer.class,
            () ->
                builder ->
                    builder.cooldown(1, Duration.ofMinutes(5)).retryPolicy(RetryPolicy.none()))
        .run(
            context -> {
              HealthContributor contributor =
                  context.getBean("nanobananaHealthContributor", HealthContributor.class);
              Health up = health(contributor, "apixo");
              assertEquals(Status.UP, up.getStatus());
              assertEquals("closed", up.getDetails().get("circuit"));
              assertEquals("present (properties)", up.getDetails().get("apiKey"));
              assertFalse(up.toString().contains(simulator.apiKey("apixo")), up.toString());
              assertTrue(simulator.calls().isEmpty(), "a health check called the vendor");

              // A submission a route saw refused (cooldown after one, here) opens the circuit.
              simulator.inject(Fault.RATE_LIMITED, Operation.SUBMIT, 1);
              NanoBananaClient client = context.getBean(NanoBananaClient.class);
              client
                  .submit(
                      ImageRequest.builder().prompt("refused").build(),
                      dev.nanobanana4j.core.application.routing.Route.order("apixo"))
                  .handle((handle, error) -> error)
                  .join();
              int calls = simulator.calls().size();
              Health out = health(contributor, "apixo");
              assertEquals(Status.OUT_OF_SERVICE, out.getStatus());
              assertEquals("open", out.getDetails().get("circuit"));
              assertTrue(out.getDetails().containsKey("setAsideUntil"));
              assertEquals(calls, simulator.calls().size(), "a health check called the vendor");
            });
  }

  @Test
  void the_indicator_is_off_when_disabled_or_without_boots_health() {
    runner
        .withPropertyValues("management.health.nanobanana.enabled=false")
        .run(context -> assertFalse(context.containsBean("nanobananaHealthContributor")));
    runner
        .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
        .run(
            context -> {
              assertFalse(context.containsBean("nanobananaHealthContributor"));
              assertTrue(context.containsBean("nanoBananaClient"));
            });
  }

  @Test
  void the_endpoint_reads_as_much_as_the_clients_receiver_takes() {
    // The application's own callback settings, with a larger limit than the property's default.
    dev.nanobanana4j.core.application.callbacks.Callbacks callbacks =
        dev.nanobanana4j.core.application.callbacks.Callbacks.builder()
            .url(java.net.URI.create("http://127.0.0.1:1/nanobanana/callbacks"))
            .secret(dev.nanobanana4j.core.port.Secret.of("a-secret-of-at-least-16-bytes"))
            .maxBodyBytes(512 * 1024)
            .build();
    new WebApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                NanoBananaAutoConfiguration.class, NanoBananaWebAutoConfiguration.class))
        .withPropertyValues(apixo)
        .withBean(dev.nanobanana4j.core.application.callbacks.Callbacks.class, () -> callbacks)
        .run(
            context -> {
              NanoBananaCallbackController endpoint =
                  context.getBean(NanoBananaCallbackController.class);
              // Read whole and judged (no token: forged), not cut at the property's 256 KB.
              assertEquals(401, endpoint.receive(post(300 * 1024)).getStatusCode().value());
              assertEquals(413, endpoint.receive(post(512 * 1024 + 1)).getStatusCode().value());
              assertEquals(
                  413, endpoint.receive("apixo", post(512 * 1024 + 1)).getStatusCode().value());
            });
  }

  private static org.springframework.mock.web.MockHttpServletRequest post(int bytes) {
    org.springframework.mock.web.MockHttpServletRequest request =
        new org.springframework.mock.web.MockHttpServletRequest("POST", "/nanobanana/callbacks");
    request.setQueryString("provider=apixo");
    request.setContent(new byte[bytes]);
    return request;
  }

  @Test
  void the_callback_endpoint_is_served_only_by_a_servlet_web_application() {
    runner.run(
        context ->
            assertTrue(context.getBeansOfType(NanoBananaCallbackController.class).isEmpty()));
    WebApplicationContextRunner web =
        new WebApplicationContextRunner()
            .withConfiguration(
                AutoConfigurations.of(
                    NanoBananaAutoConfiguration.class, NanoBananaWebAutoConfiguration.class))
            .withPropertyValues(apixo);
    web.run(
        context ->
            assertEquals(1, context.getBeansOfType(NanoBananaCallbackController.class).size()));
    web.withPropertyValues("nanobanana.callbacks.endpoint-enabled=false")
        .run(
            context ->
                assertTrue(context.getBeansOfType(NanoBananaCallbackController.class).isEmpty()));
    web.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
        .run(
            context ->
                assertTrue(context.getBeansOfType(NanoBananaCallbackController.class).isEmpty()));
  }
}
