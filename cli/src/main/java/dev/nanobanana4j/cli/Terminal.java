package dev.nanobanana4j.cli;

import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** What the command knows of the terminal it prints to, and how it keeps vendor text harmless. */
final class Terminal {
  private Terminal() {}

  /**
   * Whether stderr is a terminal that can redraw a line. On Linux the answer is read from {@code
   * /proc/self/fd/2}; elsewhere a console on stdin and stdout stands in for it. {@code TERM=dumb},
   * and {@code CI} (set by CI services, whose logs would keep every redraw), mean no.
   */
  static boolean stderrIsTerminal(Map<String, String> env) {
    if ("dumb".equals(env.get("TERM")) || env.containsKey("CI")) {
      return false;
    }
    Path fd = Path.of("/proc/self/fd/2");
    if (Files.isSymbolicLink(fd)) {
      try {
        String target = Files.readSymbolicLink(fd).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      } catch (IOException | UnsupportedOperationException | SecurityException e) {
        // fall through to the console
      }
    }
    return consoleIsTerminal();
  }

  /**
   * {@code System.console()} is a terminal on stdin and stdout up to JDK 21; from JDK 22 it may be
   * present without one, and {@code Console.isTerminal()} says which.
   */
  private static boolean consoleIsTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /**
   * {@code text} with every control character (escape sequences, carriage returns, line breaks)
   * shown as {@code \\uXXXX}, so that what a vendor sends cannot move the cursor, recolour the
   * terminal or forge a line of the command's output.
   */
  static String printable(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder safe = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
      if (control && safe == null) {
        safe = new StringBuilder(text.length() + 8).append(text, 0, i);
      }
      if (safe != null) {
        if (control) {
          safe.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
        } else {
          safe.append(c);
        }
      }
    }
    return safe == null ? text : safe.toString();
  }
}
