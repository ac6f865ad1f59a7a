package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.port.StoredJob;
import dev.nanobanana4j.store.jdbc.JdbcJobStore;
import dev.nanobanana4j.testkit.Simulator;
import dev.nanobanana4j.testkit.TaskScript;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger example, run as a user runs it, against the simulator: two runs, one ledger. */
class JobLedgerTest {
  @Test
  void a_job_submitted_by_one_run_is_found_and_finished_by_the_next(@TempDir Path ledger) {
    try (Simulator simulator =
        Simulator.builder()
            .defaultScript(TaskScript.succeed(Duration.ZERO, Duration.ofMillis(500)))
            .start()) {
      String key = simulator.apiKey("apixo");
      String url = simulator.baseUrl("apixo").toString();
      JobHandle handle = JobLedger.submit(key, url, ledger);
      List<JobStatus> ended = JobLedger.resume(key, url, ledger);
      assertEquals(1, ended.size());
      assertInstanceOf(JobStatus.Succeeded.class, ended.get(0));
      try (JdbcJobStore store = JdbcJobStore.open(JdbcJobStore.embeddedUrl(ledger))) {
        StoredJob job = store.find("apixo", handle.taskId()).orElseThrow();
        assertEquals(StoredJob.State.SUCCEEDED, job.state());
        assertEquals(List.of(), store.list(Set.of(StoredJob.State.ACCEPTED), 10));
      }
    }
  }
}
