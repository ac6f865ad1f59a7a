package dev.nanobanana4j.core.application;

import dev.nanobanana4j.core.domain.ProviderInfo;
import dev.nanobanana4j.core.error.ProviderConfigurationException;
import dev.nanobanana4j.core.error.ProviderNotFoundException;
import dev.nanobanana4j.core.port.ImageProviderFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The providers installed: the {@link ImageProviderFactory} implementations found by {@link
 * ServiceLoader}, by id. Two factories with one id is an error that names both; a provider is
 * always chosen by id, never as "the first found".
 *
 * <pre>{@code
 * ProviderRegistry registry = ProviderRegistry.load();
 * registry.ids();              // [apixo, ...]
 * registry.factory("apixo");   // or ProviderNotFoundException listing the ids found
 * }</pre>
 */
public final class ProviderRegistry {
  private final Map<String, ImageProviderFactory> factories;

  private ProviderRegistry(Map<String, ImageProviderFactory> factories) {
    this.factories = factories;
  }

  /** The providers on the class path (or module path) of the thread's context class loader. */
  public static ProviderRegistry load() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return load(loader != null ? loader : ProviderRegistry.class.getClassLoader());
  }

  /** The providers that {@code classLoader} can see. */
  public static ProviderRegistry load(ClassLoader classLoader) {
    Objects.requireNonNull(classLoader, "classLoader == null");
    List<ImageProviderFactory> found = new ArrayList<>();
    try {
      ServiceLoader.load(ImageProviderFactory.class, classLoader).forEach(found::add);
    } catch (ServiceConfigurationError e) {
      throw new ProviderConfigurationException(
          null, "a provider jar is broken and cannot be loaded: " + e.getMessage());
    }
    return of(found);
  }

  /** A registry of the given factories, for applications that wire providers by hand. */
  public static ProviderRegistry of(Collection<? extends ImageProviderFactory> factories) {
    Objects.requireNonNull(factories, "factories == null");
    Map<String, ImageProviderFactory> byId = new TreeMap<>();
    for (ImageProviderFactory factory : factories) {
      Objects.requireNonNull(factory, "factory == null");
      String id = factory.info().id();
      ImageProviderFactory previous = byId.putIfAbsent(id, factory);
      if (previous != null) {
        throw new ProviderConfigurationException(
            id,
            "two providers have the id '"
                + id
                + "': "
                + previous.getClass().getName()
                + " and "
                + factory.getClass().getName()
                + "; remove one of the jars");
      }
    }
    return new ProviderRegistry(Map.copyOf(byId));
  }

  /** The ids found, sorted. */
  public List<String> ids() {
    return List.copyOf(new TreeMap<>(factories).keySet());
  }

  /** What each provider found is, sorted by id. */
  public List<ProviderInfo> providers() {
    return ids().stream().map(id -> factories.get(id).info()).toList();
  }

  /**
   * The factory with the given id.
   *
   * @throws ProviderNotFoundException listing the ids found, when there is none
   */
  public ImageProviderFactory factory(String id) {
    Objects.requireNonNull(id, "id == null");
    ImageProviderFactory factory = factories.get(id);
    if (factory == null) {
      throw new ProviderNotFoundException(id, ids(), "is installed");
    }
    return factory;
  }

  @Override
  public String toString() {
    return "ProviderRegistry" + ids();
  }
}
