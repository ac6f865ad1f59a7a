package dev.nanobanana4j.cli;

import dev.nanobanana4j.store.jdbc.JdbcJobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
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

  /** How long a command waits for its turn with the ledger file, which others may hold. */
  static final java.time.Duration TURN = java.time.Duration.ofSeconds(15);

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

  /** The command's own folder, made when missing, for its user alone (0700 where POSIX). */
  static Path home(Map<String, String> env) {
    Path home = homePath(env);
    try {
      Files.createDirectories(home);
      if (posix(home)) {
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the folder " + home + " for the job store", e);
    }
    return home;
  }

  private static Path homePath(Map<String, String> env) {
    String configured = env.get(HOME_VARIABLE);
    return configured != null && !configured.isBlank()
        ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".nanobanana");
  }

  /** Opens the store at {@code url}, or returns null for none; its files are its user's alone. */
  static JdbcJobStore open(String url) {
    if (url == null) {
      return null;
    }
    JdbcJobStore store = JdbcJobStore.builder().url(url).connectTimeout(TURN).build();
    privateFiles(url);
    return store;
  }

  /**
   * Opens the store at {@code url} to read it, making and migrating nothing; null when there is no
   * ledger there yet (an H2 file never written).
   */
  static JdbcJobStore openToRead(String url) {
    if (url.startsWith("jdbc:h2:file:") && !Files.exists(h2File(url))) {
      return null;
    }
    return JdbcJobStore.builder().url(url).connectTimeout(TURN).readOnly().build();
  }

  /** The files of an embedded ledger, readable and writable by their user alone (0600). */
  static void privateFiles(String url) {
    if (!url.startsWith("jdbc:h2:file:")) {
      return;
    }
    Path file = h2File(url);
    Path folder = file.getParent();
    if (folder == null || !Files.isDirectory(folder) || !posix(folder)) {
      return;
    }
    String name = file.getFileName().toString().replace(".mv.db", "");
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, name + ".*")) {
      for (Path owned : files) {
        Files.setPosixFilePermissions(owned, PosixFilePermissions.fromString("rw-------"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the job store's files private in " + folder, e);
    }
  }

  /** The {@code .mv.db} file an H2 file URL names. */
  static Path h2File(String url) {
    String path = url.substring("jdbc:h2:file:".length());
    int options = path.indexOf(';');
    if (options >= 0) {
      path = path.substring(0, options);
    }
    return Path.of(path + ".mv.db").toAbsolutePath();
  }

  private static boolean posix(Path path) {
    try {
      return Files.getFileStore(path).supportsFileAttributeView(PosixFileAttributeView.class);
    } catch (IOException e) {
      return false;
    }
  }
}
