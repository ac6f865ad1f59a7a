package dev.nanobanana4j.cli;

import dev.nanobanana4j.core.error.AuthenticationException;
import dev.nanobanana4j.core.error.BudgetExceededException;
import dev.nanobanana4j.core.error.ContentPolicyException;
import dev.nanobanana4j.core.error.InsufficientBalanceException;
import dev.nanobanana4j.core.error.InvalidRequestException;
import dev.nanobanana4j.core.error.JobFailedException;
import dev.nanobanana4j.core.error.JobNotFoundException;
import dev.nanobanana4j.core.error.OperationNotSupportedException;
import dev.nanobanana4j.core.error.ProviderConfigurationException;
import dev.nanobanana4j.core.error.ProviderNotFoundException;

/** The command's exit codes, documented in its help. */
final class ExitCodes {
  /** The job succeeded (or the command did what it was asked). */
  static final int OK = 0;

  /** Invalid usage, or a request the provider cannot accept: nothing was sent. */
  static final int USAGE = 2;

  /** The job failed or was cancelled at the vendor. */
  static final int JOB_FAILED = 3;

  /** The vendor refused the key, or the account has no balance. */
  static final int ACCOUNT = 4;

  /** The vendor was unavailable, the wait timed out, or the outcome is unknown. */
  static final int UNAVAILABLE = 5;

  /**
   * The job succeeded at the vendor, but its images could not be saved here (the disk is full, a
   * file cannot be written); the token fetches them again.
   */
  static final int LOCAL = 6;

  static final String HELP =
      "%nExit codes:%n"
          + "  0  success%n"
          + "  2  invalid usage, or a request the provider cannot accept (nothing sent)%n"
          + "  3  the job failed at the vendor%n"
          + "  4  authentication or balance%n"
          + "  5  provider unavailable, timed out, or outcome unknown%n"
          + "  6  the job succeeded, but its images could not be saved here (the token fetches them"
          + " again)%n";

  private ExitCodes() {}

  static int of(Throwable error) {
    if (error instanceof SaveFailedException) {
      return LOCAL;
    }
    if (error instanceof InvalidRequestException
        || error instanceof BudgetExceededException
        || error instanceof ProviderNotFoundException
        || error instanceof ProviderConfigurationException
        || error instanceof JobNotFoundException
        || error instanceof OperationNotSupportedException
        || error instanceof IllegalArgumentException) {
      return USAGE;
    }
    if (error instanceof JobFailedException || error instanceof ContentPolicyException) {
      return JOB_FAILED;
    }
    if (error instanceof AuthenticationException || error instanceof InsufficientBalanceException) {
      return ACCOUNT;
    }
    return UNAVAILABLE;
  }
}
