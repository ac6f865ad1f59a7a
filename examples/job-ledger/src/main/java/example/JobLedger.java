package example;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.application.waiting.AwaitOptions;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.port.ProviderConfig;
import dev.nanobanana4j.core.port.StoredJob;
import dev.nanobanana4j.store.jdbc.JdbcJobStore;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * An application whose jobs outlive it: one run submits and stops; the next finds the job in the
 * ledger and waits for it.
 *
 * <pre>
 * APIXO_API_KEY=... java example.JobLedger submit [BASE_URL] LEDGER_DIR
 * APIXO_API_KEY=... java example.JobLedger resume [BASE_URL] LEDGER_DIR
 * </pre>
 *
 * <p>The key comes from the environment, never from the command line, where any user of the
 * machine could read it ({@code ps}).
 */
public final class JobLedger {
  private JobLedger() {}

  private static NanoBananaClient client(String apiKey, String baseUrl, JdbcJobStore store) {
    ProviderConfig.Builder config = ProviderConfig.builder().apiKey(apiKey);
    if (baseUrl != null) {
      config.baseUrl(URI.create(baseUrl));
    }
    return NanoBananaClient.builder().provider("apixo", config.build()).jobStore(store).build();
  }

  /** Submits one job, records it, and returns its handle without waiting. */
  public static JobHandle submit(String apiKey, String baseUrl, Path ledger) {
    try (JdbcJobStore store = JdbcJobStore.open(JdbcJobStore.embeddedUrl(ledger));
        NanoBananaClient client = client(apiKey, baseUrl, store)) {
      return client
          .blocking()
          .submit("apixo", ImageRequest.builder().prompt("a lighthouse at dusk").build());
    }
  }

  /** Finds the jobs still in flight in the ledger and waits for each; returns how they ended. */
  public static List<JobStatus> resume(String apiKey, String baseUrl, Path ledger) {
    try (JdbcJobStore store = JdbcJobStore.open(JdbcJobStore.embeddedUrl(ledger));
        NanoBananaClient client = client(apiKey, baseUrl, store)) {
      return store
          .list(
              Set.of(StoredJob.State.ACCEPTED, StoredJob.State.QUEUED, StoredJob.State.RUNNING),
              100)
          .stream()
          .map(job -> client.resume(job.token().orElseThrow()))
          .map(handle -> client.blocking().await(handle, AwaitOptions.defaults()))
          .toList();
    }
  }

  public static void main(String[] args) {
    if (args.length < 2 || args.length > 3 || !List.of("submit", "resume").contains(args[0])) {
      System.err.println("usage: JobLedger submit|resume [BASE_URL] LEDGER_DIR");
      System.exit(2);
    }
    String apiKey = System.getenv("APIXO_API_KEY");
    String baseUrl = args.length == 3 ? args[1] : null;
    Path ledger = Path.of(args[args.length - 1]);
    if (args[0].equals("submit")) {
      System.out.println("submitted " + submit(apiKey, baseUrl, ledger).toToken());
    } else {
      resume(apiKey, baseUrl, ledger).forEach(status -> System.out.println(status.state()));
    }
  }
}
