package dev.nanobanana4j.cli;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import picocli.CommandLine.Command;

@Command(
    mixinStandardHelpOptions = true,
    name = "status",
    description = "Ask the provider once where a job stands.",
    footer = ExitCodes.HELP)
final class StatusCommand extends JobCommand {
  @Override
  int run(NanoBananaClient client, JobHandle handle, Report report) {
    JobStatus status = client.blocking().status(handle);
    report.status(status);
    return status instanceof JobStatus.Failed || status instanceof JobStatus.Cancelled
        ? ExitCodes.JOB_FAILED
        : ExitCodes.OK;
  }
}
