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
 * java example.JobLedger submit  APIXO_KEY [BASE_URL] LEDGER_DIR
 * java example.JobLedger resume  APIXO_KEY [BASE_URL] LEDGER_DIR
 * </pre>
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
    String baseUrl = args.length > 3 ? args[2] : null;
    Path ledger = Path.of(args[args.length - 1]);
    if (args[0].equals("submit")) {
      System.out.println("submitted " + submit(args[1], baseUrl, ledger).toToken());
    } else {
      resume(args[1], baseUrl, ledger).forEach(status -> System.out.println(status.state()));
    }
  }
}
