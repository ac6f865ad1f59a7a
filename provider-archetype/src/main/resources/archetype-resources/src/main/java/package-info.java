/**
 * The ${providerId} provider, id {@code ${providerId}}: its factory, found by {@link java.util.ServiceLoader}.
 * Everything else of the adapter lives in {@code internal} packages.
 */
package ${package};
