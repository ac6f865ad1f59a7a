package dev.nanobanana4j.core.port;

/**
 * Makes the {@link ClientObserver} a client uses when the application sets none; found by {@link
 * java.util.ServiceLoader}, so that adding a jar such as {@code nanobanana4j-micrometer} is enough
 * to be observed. Each client asks once, when it is built.
 */
@FunctionalInterface
public interface ClientObserverFactory {
  /** An observer for a new client. */
  ClientObserver create();
}
