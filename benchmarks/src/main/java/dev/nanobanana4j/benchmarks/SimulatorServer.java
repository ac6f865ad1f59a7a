package dev.nanobanana4j.benchmarks;

import dev.nanobanana4j.testkit.Simulator;
import dev.nanobanana4j.testkit.TaskScript;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * The simulator as a process of its own, so that a harness measures the client alone: its heap, its
 * threads and its CPU. Prints {@code VENDOR <id> <baseUrl> <apiKey>} for each simulated vendor,
 * then {@code READY}, and runs until its standard input closes. Every task runs for the number of
 * seconds given (default an hour); the simulator keeps no log of the calls it answers.
 *
 * <pre>
 * java -cp ... dev.nanobanana4j.benchmarks.SimulatorServer 3600
 * </pre>
 */
public final class SimulatorServer {
  private SimulatorServer() {}

  /** {@code SimulatorServer [taskSeconds] [latencyMillis]}. */
  public static void main(String[] args) throws IOException {
    long taskSeconds = args.length > 0 ? Long.parseLong(args[0]) : 3600;
    long latencyMillis = args.length > 1 ? Long.parseLong(args[1]) : 0;
    try (Simulator simulator =
        Simulator.builder()
            .recordCalls(false)
            .latency(Duration.ofMillis(latencyMillis))
            .defaultScript(TaskScript.succeed(Duration.ZERO, Duration.ofSeconds(taskSeconds)))
            .start()) {
      for (String id : simulator.vendorIds()) {
        System.out.println(
            "VENDOR " + id + " " + simulator.baseUrl(id) + " " + simulator.apiKey(id));
      }
      System.out.println("READY");
      System.out.flush();
      InputStream in = System.in;
      while (in.read() != -1) {
        // runs until the harness closes the pipe (or dies)
      }
    }
  }
}
