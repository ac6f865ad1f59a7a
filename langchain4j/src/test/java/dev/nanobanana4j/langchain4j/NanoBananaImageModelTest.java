package dev.nanobanana4j.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.image.Image;
import dev.langchain4j.model.image.ImageModel;
import dev.langchain4j.model.output.Response;
import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.application.routing.Budget;
import dev.nanobanana4j.core.application.waiting.PollingPolicy;
import dev.nanobanana4j.core.domain.Money;
import dev.nanobanana4j.core.error.BudgetExceededException;
import dev.nanobanana4j.core.error.JobFailedException;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.error.ProviderConfigurationException;
import dev.nanobanana4j.testkit.SampleImages;
import dev.nanobanana4j.testkit.Simulator;
import dev.nanobanana4j.testkit.TaskScript;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The model driven through LangChain4j's own interface, against the simulator. */
class NanoBananaImageModelTest {
  private final Simulator simulator =
      Simulator.builder()
          .defaultScript(TaskScript.succeed(Duration.ZERO, Duration.ofMillis(100)))
          .start();
  private final NanoBananaClient client =
      NanoBananaClient.builder()
          .provider("apixo", simulator.config("apixo"))
          .provider("mulerun", simulator.config("mulerun"))
          .pollingPolicy(PollingPolicy.fixed(Duration.ofMillis(20), Duration.ofMillis(20)))
          .build();

  @AfterEach
  void close() {
    client.close();
    simulator.close();
  }

  private ImageModel model(String provider) {
    return NanoBananaImageModel.builder()
        .client(client)
        .provider(provider)
        .timeout(Duration.ofSeconds(30))
        .build();
  }

  @Test
  void generates_an_image_and_says_which_job_made_it() {
    Response<Image> response = model("apixo").generate("a lighthouse at dusk");
    assertNotNull(response.content().url());
    assertEquals("apixo", response.metadata().get("provider"));
    assertTrue(response.metadata().get("token").toString().startsWith("nb1."));
    assertEquals("0.05", response.metadata().get("estimatedCost"));
    assertEquals(1, simulator.calls("apixo", Operation.SUBMIT).size());
  }

  @Test
  void generates_n_images_at_a_one_image_vendor_in_n_calls() {
    Response<List<Image>> response = model("apixo").generate("a fox", 3);
    assertEquals(3, response.content().size());
    assertEquals(3, simulator.calls("apixo", Operation.SUBMIT).size());
    assertThrows(IllegalArgumentException.class, () -> model("apixo").generate("a fox", 0));
  }

  @Test
  void the_readmes_route_makes_four_images_in_four_routed_calls() {
    ImageModel model =
        NanoBananaImageModel.builder()
            .client(client)
            .route(dev.nanobanana4j.core.application.routing.Route.cheapest())
            .budget(Budget.of(Money.usd("2.00")))
            .timeout(Duration.ofSeconds(30))
            .build();
    List<Image> four = model.generate("a fox in watercolor", 4).content();
    assertEquals(4, four.size());
    // APIXO has the one known price of the two and makes one image a call.
    assertEquals(4, simulator.calls("apixo", Operation.SUBMIT).size());
    assertEquals(0, simulator.calls("mulerun", Operation.SUBMIT).size());
  }

  @Test
  void edits_an_image_by_its_url_or_its_data() {
    Image byUrl = Image.builder().url(URI.create("https://cdn.example/cat.png")).build();
    assertNotNull(model("apixo").edit(byUrl, "make it blue").content());
    assertTrue(
        simulator.calls("apixo", Operation.SUBMIT).get(0).body().contains("cdn.example/cat.png"));

    byte[] png = SampleImages.render("png", 64, 64, "cat");
    Image byData =
        Image.builder()
            .base64Data(Base64.getEncoder().encodeToString(png))
            .mimeType("image/png")
            .build();
    assertNotNull(model("mulerun").edit(byData, "make it blue").content());
    assertTrue(
        simulator
            .calls("mulerun", Operation.SUBMIT)
            .get(0)
            .body()
            .contains(Base64.getEncoder().encodeToString(png).substring(0, 40)));
  }

  @Test
  void a_mask_is_refused_before_anything_is_sent() {
    Image image = Image.builder().url(URI.create("https://cdn.example/cat.png")).build();
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class, () -> model("apixo").edit(image, image, "blue"));
    assertTrue(refused.getMessage().contains("no mask"), refused.getMessage());
    assertEquals(List.of(), simulator.calls("apixo", Operation.SUBMIT));
  }

  @Test
  void a_budget_stops_what_does_not_fit_before_it_is_sent() {
    Budget budget = Budget.of(Money.usd("0.05"));
    ImageModel model =
        NanoBananaImageModel.builder().client(client).provider("apixo").budget(budget).build();
    model.generate("a fox");
    assertThrows(BudgetExceededException.class, () -> model.generate("another fox"));
    assertEquals(1, simulator.calls("apixo", Operation.SUBMIT).size());
    assertEquals(Money.usd("0.05").amount(), budget.spent().amount());
  }

  @Test
  void a_failed_job_gives_its_reservation_back_and_a_typed_error() {
    try (Simulator failing =
            Simulator.builder()
                .defaultScript(TaskScript.fail(Duration.ofMillis(50), "500", "the model failed"))
                .start();
        NanoBananaClient failingClient =
            NanoBananaClient.builder()
                .provider("apixo", failing.config("apixo"))
                .pollingPolicy(PollingPolicy.fixed(Duration.ofMillis(20), Duration.ofMillis(20)))
                .build()) {
      Budget budget = Budget.of(Money.usd("0.05"));
      ImageModel model =
          NanoBananaImageModel.builder()
              .client(failingClient)
              .provider("apixo")
              .budget(budget)
              .build();
      assertThrows(JobFailedException.class, () -> model.generate("a fox"));
      assertEquals(0, budget.reserved().amount().signum(), "released");
      assertEquals(0, budget.spent().amount().signum());
      assertTrue(model.toString().contains("provider=apixo"), model.toString());
    }
  }

  @Test
  void without_a_provider_it_uses_the_clients_default_and_refuses_to_guess() {
    try (NanoBananaClient withDefault =
        NanoBananaClient.builder()
            .provider("apixo", simulator.config("apixo"))
            .provider("mulerun", simulator.config("mulerun"))
            .pollingPolicy(PollingPolicy.fixed(Duration.ofMillis(20), Duration.ofMillis(20)))
            .defaultProvider("apixo")
            .build()) {
      ImageModel model =
          NanoBananaImageModel.builder()
              .client(withDefault)
              .budget(Budget.of(Money.usd("5.00")))
              .timeout(Duration.ofSeconds(30))
              .build();
      model.generate("a fox");
      assertEquals(1, simulator.calls("apixo", Operation.SUBMIT).size());
      assertEquals(List.of(), simulator.calls("mulerun", Operation.SUBMIT));
    }
    // The test's own client has two providers and no default: nothing is guessed or sent.
    ImageModel guessing = NanoBananaImageModel.builder().client(client).build();
    assertThrows(ProviderConfigurationException.class, () -> guessing.generate("a fox"));
    assertEquals(1, simulator.calls("apixo", Operation.SUBMIT).size(), "nothing more sent");
  }
}
