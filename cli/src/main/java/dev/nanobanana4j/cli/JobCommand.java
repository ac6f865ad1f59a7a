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

  @picocli.CommandLine.Option(
      names = "--provider",
      paramLabel = "ID",
      completionCandidates = ProviderIds.class,
      description =
          "The provider the token must belong to. Needed with --api-key, so that a key is never"
              + " sent to a vendor it was not issued by.")
  String provider;

  /**
   * A key typed on the command line names no provider; it is sent only to the token's provider, and
   * only when the user said which provider that is.
   */
  private void checkKeyIsForTokensProvider(JobHandle handle) {
    if (provider != null && !provider.equals(handle.providerId())) {
      throw new IllegalArgumentException(
          "the token belongs to "
              + handle.providerId()
              + ", not "
              + provider
              + "; nothing was sent");
    }
    if (connection.apiKey != null && provider == null) {
      throw new IllegalArgumentException(
          "--api-key names no provider, and this token belongs to "
              + handle.providerId()
              + ": add --provider "
              + handle.providerId()
              + " to confirm the key is its, or set "
              + Session.envPrefix(handle.providerId())
              + "_API_KEY instead; nothing was sent");
    }
  }

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
          checkKeyIsForTokensProvider(handle);
          try (Session session =
              Session.open(root.registry, handle.providerId(), connection, root.env)) {
            this.session = session;
            return run(session.client, session.client.resume(token), report);
          }
        });
  }
}
