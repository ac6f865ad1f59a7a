package dev.nanobanana4j.benchmarks;

import dev.nanobanana4j.core.port.ProviderConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A {@link SimulatorServer} in a child JVM, on this JVM's class path; closed with the harness. */
final class RemoteSimulator implements AutoCloseable {
  private final Process process;
  private final Map<String, ProviderConfig> configs = new HashMap<>();

  private RemoteSimulator(Process process) throws IOException {
    this.process = process;
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); !"READY".equals(line); line = out.readLine()) {
      if (line == null) {
        throw new IOException("the simulator process ended before it was ready");
      }
      String[] parts = line.split(" ");
      if (parts.length == 4 && parts[0].equals("VENDOR")) {
        configs.put(
            parts[1],
            ProviderConfig.builder().apiKey(parts[3]).baseUrl(URI.create(parts[2])).build());
      }
    }
  }

  /** Starts a simulator whose tasks run for {@code taskSeconds}, with a heap of {@code heap}. */
  static RemoteSimulator start(long taskSeconds, String heap) throws IOException {
    return start(taskSeconds, 0, heap);
  }

  /** As above, every answer taking {@code latencyMillis}. */
  static RemoteSimulator start(long taskSeconds, long latencyMillis, String heap)
      throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx" + heap,
                    "-cp",
                    System.getProperty("java.class.path"),
                    SimulatorServer.class.getName(),
                    Long.toString(taskSeconds),
                    Long.toString(latencyMillis)))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    return new RemoteSimulator(process);
  }

  /** The configuration that reaches simulated vendor {@code id}. */
  ProviderConfig config(String id) {
    ProviderConfig config = configs.get(id);
    if (config == null) {
      throw new IllegalArgumentException(
          "no simulated vendor " + id + "; there are " + configs.keySet());
    }
    return config;
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      process.destroyForcibly(); // its pipe is gone: so is it, or it soon will be
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
