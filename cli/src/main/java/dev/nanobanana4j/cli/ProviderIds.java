package dev.nanobanana4j.cli;

import dev.nanobanana4j.core.application.ProviderRegistry;
import dev.nanobanana4j.core.error.NanoBananaException;
import java.util.Iterator;
import java.util.List;

/** The installed providers' ids, as shell completion offers them for {@code --provider}. */
final class ProviderIds implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    try {
      return ProviderRegistry.load(ProviderIds.class.getClassLoader()).ids().iterator();
    } catch (NanoBananaException e) {
      return List.<String>of().iterator();
    }
  }
}
