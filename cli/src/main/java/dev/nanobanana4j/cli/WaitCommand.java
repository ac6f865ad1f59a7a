package dev.nanobanana4j.cli;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.domain.JobHandle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    mixinStandardHelpOptions = true,
    name = "wait",
    description =
        "Wait for a submitted job (without submitting it again) and optionally save its images.",
    footer = ExitCodes.HELP)
final class WaitCommand extends JobCommand {
  @Mixin WaitOptions waiting;

  @Override
  int run(NanoBananaClient client, JobHandle handle, Report report) {
    return JobCompletion.await(
        client, handle, waiting.timeout, waiting.out, report, spec.commandLine().getErr());
  }
}
