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

  /** The most images saved for a job whose request this command does not know. */
  private static final int MAX_IMAGES = 16;

  @Override
  int run(NanoBananaClient client, JobHandle handle, Report report) {
    waiting.checkOut();
    return JobCompletion.await(
        client,
        handle,
        new JobCompletion.Saving(
            waiting.out,
            waiting.timeout,
            MAX_IMAGES,
            baseUrl(handle.providerId()),
            waiting.progress.resolve(root.stderrIsTerminal)),
        report,
        spec.commandLine().getErr());
  }
}
