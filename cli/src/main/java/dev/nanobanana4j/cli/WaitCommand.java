package dev.nanobanana4j.cli;

import dev.nanobanana4j.core.domain.JobHandle;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    mixinStandardHelpOptions = true,
    name = "wait",
    description =
        "Wait for a submitted job (without submitting it again) and optionally save its images.",
    footer = ExitCodes.HELP)
final class WaitCommand implements Callable<Integer> {
  @ParentCommand NanoBananaCli root;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Parameters(paramLabel = "TOKEN", description = "The job token printed by generate.")
  String token;

  @Mixin WaitOptions waiting;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws Exception {
    Report report = new Report();
    return NanoBananaCli.reporting(
        report,
        output.json,
        spec.commandLine().getOut(),
        spec.commandLine().getErr(),
        () -> {
          JobHandle handle = JobHandle.parse(token);
          report.handle(handle);
          try (Session session =
              Session.open(root.registry, handle.providerId(), connection, root.env)) {
            return JobCompletion.await(
                session.client,
                session.client.resume(token),
                waiting.timeout,
                waiting.out,
                report,
                spec.commandLine().getErr());
          }
        });
  }
}
