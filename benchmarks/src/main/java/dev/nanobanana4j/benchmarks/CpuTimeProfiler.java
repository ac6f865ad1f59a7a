package dev.nanobanana4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports the CPU time the whole benchmark process spent per operation, on
 * every thread: {@code cpu.time.norm} in ns/op. Wall time per operation counts the waits between
 * threads; this counts the work.
 *
 * <pre>
 * java -cp … org.openjdk.jmh.Main PerJobBenchmark -prof gc -prof dev.nanobanana4j.benchmarks.CpuTimeProfiler
 * </pre>
 */
public final class CpuTimeProfiler implements InternalProfiler {
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long before;

  @Override
  public String getDescription() {
    return "CPU time of the process per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    before = os.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result<?>> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long spent = os.getProcessCpuTime() - before;
    long ops = result.getMetadata().getAllOps();
    if (ops == 0) {
      return List.of();
    }
    return List.of(
        new ScalarResult("cpu.time.norm", (double) spent / ops, "ns/op", AggregationPolicy.AVG));
  }
}
