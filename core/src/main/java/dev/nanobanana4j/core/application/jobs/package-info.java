/**
 * Keeping jobs beyond the process: the options of a client that records its jobs in a {@link
 * dev.nanobanana4j.core.port.JobStore}, alone or as one instance of a fleet sharing the store.
 */
package dev.nanobanana4j.core.application.jobs;
