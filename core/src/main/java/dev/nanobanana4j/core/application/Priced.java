package dev.nanobanana4j.core.application;

import dev.nanobanana4j.core.domain.CostEstimate;
import dev.nanobanana4j.core.domain.JobHandle;

/** A submitted job and the estimate it was submitted at. */
record Priced(JobHandle handle, CostEstimate estimate) {}
