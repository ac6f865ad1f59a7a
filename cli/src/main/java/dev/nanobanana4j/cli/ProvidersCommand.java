package dev.nanobanana4j.cli;

import com.squareup.moshi.Moshi;
import dev.nanobanana4j.core.domain.ModelInfo;
import dev.nanobanana4j.core.domain.PriceTable;
import dev.nanobanana4j.core.domain.ProviderCapabilities;
import dev.nanobanana4j.core.domain.ProviderInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    mixinStandardHelpOptions = true,
    name = "providers",
    description = "List the installed providers, what they accept and what they cost.")
final class ProvidersCommand implements Callable<Integer> {
  @ParentCommand NanoBananaCli root;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--json", description = "Print exactly one JSON object on stdout.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<ProviderInfo> providers = root.registry.providers();
    if (json) {
      List<Object> list = new ArrayList<>();
      providers.forEach(p -> list.add(describe(p)));
      out.println(
          new Moshi.Builder().build().adapter(Object.class).toJson(Map.of("providers", list)));
    } else if (providers.isEmpty()) {
      out.println(
          "no providers installed: add a provider jar (such as nanobanana4j-provider-apixo)");
    } else {
      providers.forEach(p -> print(p, out));
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static Map<String, Object> describe(ProviderInfo p) {
    Map<String, Object> m = new LinkedHashMap<>();
    String prefix = Session.envPrefix(p.id());
    m.put("id", p.id());
    m.put("name", p.displayName());
    m.put("defaultBaseUrl", p.defaultBaseUrl().toString());
    m.put("apiKeyVariable", prefix + "_API_KEY");
    m.put("baseUrlVariable", prefix + "_BASE_URL");
    m.put("defaultModel", p.defaultModel().id());
    List<Object> models = new ArrayList<>();
    for (ModelInfo model : p.models()) {
      Map<String, Object> mm = new LinkedHashMap<>();
      ProviderCapabilities c = model.capabilities();
      mm.put("id", model.id());
      mm.put("beta", model.beta());
      Map<String, Object> caps = new LinkedHashMap<>();
      caps.put("modes", labels(c.modes()));
      caps.put("aspectRatios", labels(c.aspectRatios()));
      caps.put("defaultAspectRatio", c.defaultAspectRatio().label());
      caps.put("resolutions", labels(c.resolutions()));
      caps.put("defaultResolution", c.defaultResolution().label());
      caps.put("outputFormats", labels(c.outputFormats()));
      caps.put("promptLength", Map.of("min", c.minPromptLength(), "max", c.maxPromptLength()));
      caps.put("maxReferenceImages", c.maxReferenceImages());
      caps.put("referenceImageKinds", labels(c.referenceImageKinds()));
      caps.put("maxCount", c.maxCount());
      caps.put("seed", c.supportsSeed());
      caps.put("negativePrompt", c.supportsNegativePrompt());
      caps.put("cancel", c.supportsCancel());
      caps.put("webhooks", c.supportsWebhooks());
      caps.put("extras", List.copyOf(c.extras()));
      mm.put("capabilities", caps);
      mm.put("prices", prices(model.prices()));
      models.add(mm);
    }
    m.put("models", models);
    return m;
  }

  private static Map<String, Object> prices(PriceTable table) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("known", table.isKnown());
    Map<String, Object> perImage = new LinkedHashMap<>();
    table
        .prices()
        .forEach((res, money) -> perImage.put(res.label(), money.amount().toPlainString()));
    if (table.isKnown()) {
      m.put("currency", table.prices().values().iterator().next().currency().getCurrencyCode());
      m.put("perImage", perImage);
    }
    m.put("asOf", table.asOf().toString());
    m.put("source", table.source());
    return m;
  }

  private static void print(ProviderInfo p, PrintWriter out) {
    out.printf("%s  %s  %s%n", p.id(), p.displayName(), p.defaultBaseUrl());
    String prefix = Session.envPrefix(p.id());
    out.printf("  key: %s_API_KEY   base URL override: %s_BASE_URL%n", prefix, prefix);
    for (ModelInfo model : p.models()) {
      ProviderCapabilities c = model.capabilities();
      out.printf(
          "  model %s%s%s%n",
          model.id(),
          model.id().equals(p.defaultModel().id()) ? " (default)" : "",
          model.beta() ? " (beta: not every account has access; calls may be unstable)" : "");
      out.printf(
          "    modes: %s; reference images: %s%n",
          String.join(", ", labels(c.modes())),
          c.maxReferenceImages() == 0
              ? "none"
              : "up to "
                  + c.maxReferenceImages()
                  + " ("
                  + String.join(", ", labels(c.referenceImageKinds()))
                  + ")");
      out.printf("    aspect ratios: %s%n", String.join(", ", labels(c.aspectRatios())));
      out.printf(
          "    resolutions: %s (default %s); formats: %s; prompt: %s; images per request: up to %d%n",
          String.join(", ", labels(c.resolutions())),
          c.defaultResolution().label(),
          String.join(", ", labels(c.outputFormats())),
          c.maxPromptLength() == Integer.MAX_VALUE
              ? "at least "
                  + c.minPromptLength()
                  + (c.minPromptLength() == 1 ? " character" : " characters")
              : c.minPromptLength() + "-" + c.maxPromptLength() + " characters",
          c.maxCount());
      PriceTable table = model.prices();
      out.printf(
          "    prices: %s (as of %s, %s)%n",
          table.isKnown()
              ? table.prices().entrySet().stream()
                      .map(e -> e.getKey().label() + " " + e.getValue())
                      .collect(Collectors.joining(", "))
                  + " per image"
              : "unknown",
          table.asOf(),
          table.source());
    }
  }

  private static List<String> labels(Collection<?> values) {
    return values.stream().map(v -> v instanceof Enum<?> e ? label(e) : v.toString()).toList();
  }

  private static String label(Enum<?> e) {
    String text = e.toString();
    return text.equals(e.name()) ? e.name().toLowerCase(Locale.ROOT).replace('_', '-') : text;
  }
}
