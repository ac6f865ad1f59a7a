package dev.nanobanana4j.core.application.internal;

import dev.nanobanana4j.core.domain.CostEstimate;
import dev.nanobanana4j.core.domain.JobHandle;

/** A submitted job and the estimate it was submitted at. */
public record Priced(JobHandle handle, CostEstimate estimate) {}
