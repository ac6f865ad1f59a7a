package dev.nanobanana4j.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.core.application.routing.Budget;
import dev.nanobanana4j.core.domain.Money;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.langchain4j.NanoBananaImageModel;
import dev.nanobanana4j.springai.NanoBananaSpringImageModel;
import dev.nanobanana4j.testkit.Simulator;
import dev.nanobanana4j.testkit.TaskScript;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.image.ImagePrompt;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The frameworks' image models as beans, driven through their own interfaces. */
class NanoBananaImageModelAutoConfigurationTest {
  private final Simulator simulator =
      Simulator.builder()
          .defaultScript(TaskScript.succeed(Duration.ZERO, Duration.ofMillis(50)))
          .start();

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  NanoBananaAutoConfiguration.class, NanoBananaImageModelAutoConfiguration.class))
          .withPropertyValues(Simulated.apixoPolledFast(simulator));

  @AfterEach
  void close() {
    simulator.close();
  }

  @Test
  void both_frameworks_get_an_image_model_over_the_client() {
    runner.run(
        context -> {
          dev.langchain4j.model.image.ImageModel langchain4j =
              context.getBean(dev.langchain4j.model.image.ImageModel.class);
          assertInstanceOf(NanoBananaImageModel.class, langchain4j);
          assertNotNull(langchain4j.generate("a red kite").content().url());
          org.springframework.ai.image.ImageModel springAi =
              context.getBean(org.springframework.ai.image.ImageModel.class);
          assertInstanceOf(NanoBananaSpringImageModel.class, springAi);
          assertEquals(
              "apixo", springAi.call(new ImagePrompt("a blue kite")).getMetadata().get("provider"));
          assertEquals(2, simulator.calls("apixo", Operation.SUBMIT).size());
        });
  }

  @Test
  void the_models_follow_the_route_and_spend_the_clients_budget_once() {
    runner
        .withPropertyValues("nanobanana.route=apixo", "nanobanana.budget.limit=5 USD")
        .run(
            context -> {
              dev.langchain4j.model.image.ImageModel model =
                  context.getBean(dev.langchain4j.model.image.ImageModel.class);
              assertTrue(model.toString().contains("route="), model.toString());
              Money estimate =
                  Money.parse(
                      model.generate("a green kite").metadata().get("estimatedCost")
                          + " "
                          + model.generate("a green kite").metadata().get("currency"));
              Budget budget = context.getBean(Budget.class);
              // Two generations, each spent once (the model reserves nothing of its own).
              assertEquals(estimate.times(2), budget.spent());
            });
  }

  @Test
  void the_boot_route_makes_several_images_in_routed_calls() {
    runner
        .withPropertyValues("nanobanana.route=cheapest")
        .run(
            context -> {
              dev.langchain4j.model.image.ImageModel model =
                  context.getBean(dev.langchain4j.model.image.ImageModel.class);
              assertEquals(3, model.generate("a kite", 3).content().size());
              org.springframework.ai.image.ImageModel springAi =
                  context.getBean(org.springframework.ai.image.ImageModel.class);
              assertEquals(
                  2,
                  springAi
                      .call(
                          new ImagePrompt(
                              "a kite",
                              org.springframework.ai.image.ImageOptionsBuilder.builder()
                                  .n(2)
                                  .build()))
                      .getResults()
                      .size());
              // APIXO makes one image a call: five calls in all.
              assertEquals(5, simulator.calls("apixo", Operation.SUBMIT).size());
            });
  }

  @Test
  void an_image_model_of_the_applications_own_or_a_missing_adapter_leaves_none() {
    try (dev.nanobanana4j.core.application.NanoBananaClient client =
        dev.nanobanana4j.core.application.NanoBananaClient.builder()
            .provider("apixo", simulator.config("apixo"))
            .build()) {
      NanoBananaImageModel own = NanoBananaImageModel.builder().client(client).build();
      runner
          .withBean(dev.langchain4j.model.image.ImageModel.class, () -> own)
          .run(
              context ->
                  assertSame(own, context.getBean(dev.langchain4j.model.image.ImageModel.class)));
    }
    runner
        .withClassLoader(new FilteredClassLoader(NanoBananaImageModel.class))
        .run(
            context -> {
              assertTrue(
                  context.getBeansOfType(dev.langchain4j.model.image.ImageModel.class).isEmpty());
              assertEquals(
                  1, context.getBeansOfType(org.springframework.ai.image.ImageModel.class).size());
            });
    runner
        .withClassLoader(new FilteredClassLoader(NanoBananaSpringImageModel.class))
        .run(
            context -> {
              assertTrue(
                  context.getBeansOfType(org.springframework.ai.image.ImageModel.class).isEmpty());
              assertEquals(
                  1, context.getBeansOfType(dev.langchain4j.model.image.ImageModel.class).size());
            });
  }
}
