/**
 * Quotes, routes and budgets: {@link dev.nanobanana4j.core.application.routing.Route} (which
 * providers a submission tries, in what order), {@link
 * dev.nanobanana4j.core.application.routing.Quote}, {@link
 * dev.nanobanana4j.core.application.routing.Budget} and {@link
 * dev.nanobanana4j.core.application.routing.PriceOverrides}.
 */
package dev.nanobanana4j.core.application.routing;
