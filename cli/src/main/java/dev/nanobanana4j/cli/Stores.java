package dev.nanobanana4j.cli;

import dev.nanobanana4j.store.jdbc.JdbcJobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The command's ledger of jobs: {@code --store URL}, else {@code NANOBANANA_STORE}, else an H2 file
 * in {@code NANOBANANA_HOME} (default {@code ~/.nanobanana}). None with {@code --no-store} or
 * {@code NANOBANANA_STORE=none}, nor with {@code --sandbox} unless a store is named: the sandbox's
 * jobs end with the command.
 */
final class Stores {
  static final String STORE_VARIABLE = "NANOBANANA_STORE";
  static final String HOME_VARIABLE = "NANOBANANA_HOME";

  private Stores() {}

  /** The store's URL, or null for none. */
  static String url(String option, boolean noStore, boolean sandbox, Map<String, String> env) {
    if (noStore) {
      return null;
    }
    String named = option != null ? option : env.get(STORE_VARIABLE);
    if (named != null && !named.isBlank()) {
      return named.strip().equalsIgnoreCase("none") ? null : named.strip();
    }
    if (sandbox) {
      return null;
    }
    return JdbcJobStore.embeddedUrl(home(env));
  }

  /** The command's own folder, made when missing. */
  static Path home(Map<String, String> env) {
    String configured = env.get(HOME_VARIABLE);
    Path home =
        configured != null && !configured.isBlank()
            ? Path.of(configured)
            : Path.of(System.getProperty("user.home"), ".nanobanana");
    try {
      Files.createDirectories(home);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the folder " + home + " for the job store", e);
    }
    return home;
  }

  /** Opens the store at {@code url}, or returns null for none. */
  static JdbcJobStore open(String url) {
    return url == null ? null : JdbcJobStore.open(url);
  }
}
