/**
 * Waiting for jobs: {@link dev.nanobanana4j.core.application.waiting.AwaitOptions} (timeout,
 * listener, cancel at the deadline), the {@link
 * dev.nanobanana4j.core.application.waiting.JobListener} told of each status, when to look again
 * ({@link dev.nanobanana4j.core.application.waiting.PollingPolicy}, {@link
 * dev.nanobanana4j.core.application.waiting.RetryPolicy}) and where polls run ({@link
 * dev.nanobanana4j.core.application.waiting.Scheduler}).
 */
package dev.nanobanana4j.core.application.waiting;
