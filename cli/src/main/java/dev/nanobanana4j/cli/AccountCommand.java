package dev.nanobanana4j.cli;

import dev.nanobanana4j.core.domain.AccountStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    mixinStandardHelpOptions = true,
    name = "account",
    description =
        "Ask a provider's vendor whether the key is valid and what the balance is, where the vendor"
            + " says (modellix; exit 2, nothing sent, where not). Nothing is generated or charged.",
    footer = ExitCodes.HELP)
final class AccountCommand implements Callable<Integer> {
  @ParentCommand NanoBananaCli root;

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Mixin OutputOptions output;

  @Option(
      names = "--provider",
      required = true,
      paramLabel = "ID",
      completionCandidates = ProviderIds.class,
      description = "The provider id, e.g. modellix.")
  String provider;

  @Override
  public Integer call() throws Exception {
    Report report = new Report().provider(provider);
    return NanoBananaCli.reporting(
        report,
        output.json,
        spec.commandLine().getOut(),
        spec.commandLine().getErr(),
        () -> {
          try (Session session = Session.open(root.registry, provider, connection, root.env)) {
            AccountStatus account = session.client.blocking().account(provider);
            Map<String, Object> fields = new LinkedHashMap<>();
            account.keyValid().ifPresent(valid -> fields.put("keyValid", valid));
            account
                .balance()
                .ifPresent(
                    money -> {
                      fields.put("balance", money.amount().toPlainString());
                      fields.put("currency", money.currency().getCurrencyCode());
                    });
            fields.put("checkedAt", account.checkedAt().toString());
            report.field("account", fields);
            report.state(account.keyValid().orElse(true) ? "valid" : "invalid-key");
            // A key the vendor says is not valid is an account problem, as a refused one is.
            return account.keyValid().orElse(true) ? ExitCodes.OK : ExitCodes.ACCOUNT;
          }
        });
  }
}
