package dev.nanobanana4j.cli;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.domain.JobHandle;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A command about a job already submitted, named by its token; never submits again. */
abstract class JobCommand implements Callable<Integer> {
  @ParentCommand NanoBananaCli root;

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Mixin OutputOptions output;

  @Parameters(paramLabel = "TOKEN", description = "The job token printed by generate.")
  String token;

  private Session session;

  /** The base URL the job's provider was given, or null for the vendor's own. */
  final java.net.URI baseUrl(String providerId) {
    return session.baseUrl(providerId);
  }

  /** Does the command's work for the job, filling {@code report}; returns the exit code. */
  abstract int run(NanoBananaClient client, JobHandle handle, Report report);

  @Override
  public final Integer call() throws Exception {
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
            this.session = session;
            return run(session.client, session.client.resume(token), report);
          }
        });
  }
}
