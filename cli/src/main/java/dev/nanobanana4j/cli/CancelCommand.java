package dev.nanobanana4j.cli;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.domain.CancelResult;
import dev.nanobanana4j.core.domain.JobHandle;
import java.util.Locale;
import picocli.CommandLine.Command;

@Command(
    mixinStandardHelpOptions = true,
    name = "cancel",
    description =
        "Ask the provider to cancel a job, where its vendor can (exit 2, nothing sent, where not).",
    footer = ExitCodes.HELP)
final class CancelCommand extends JobCommand {
  @Override
  int run(NanoBananaClient client, JobHandle handle, Report report) {
    CancelResult result = client.blocking().cancel(handle);
    report.state(result == CancelResult.REQUESTED ? "cancellation-requested" : "already-finished");
    report.field("cancel", result.name().toLowerCase(Locale.ROOT));
    return ExitCodes.OK;
  }
}
