package dev.nanobanana4j.cli;

import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    mixinStandardHelpOptions = true,
    name = "status",
    description = "Ask the provider once where a job stands.",
    footer = ExitCodes.HELP)
final class StatusCommand implements Callable<Integer> {
  @ParentCommand NanoBananaCli root;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Parameters(paramLabel = "TOKEN", description = "The job token printed by generate.")
  String token;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    Report report = new Report();
    return NanoBananaCli.reporting(
        report,
        output.json,
        stdout,
        spec.commandLine().getErr(),
        () -> {
          JobHandle handle = JobHandle.parse(token);
          report.handle(handle);
          try (Session session =
              Session.open(root.registry, handle.providerId(), connection, root.env)) {
            JobStatus status = session.client.blocking().status(session.client.resume(token));
            report.status(status);
            return status instanceof JobStatus.Failed || status instanceof JobStatus.Cancelled
                ? ExitCodes.JOB_FAILED
                : ExitCodes.OK;
          }
        });
  }
}
