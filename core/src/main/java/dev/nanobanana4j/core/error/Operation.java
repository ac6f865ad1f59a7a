package dev.nanobanana4j.core.error;

import java.util.Locale;

/** The call that failed, as carried by every {@link NanoBananaException}. */
public enum Operation {
  /** Checking a request against a provider's capabilities; nothing was sent. */
  VALIDATE,
  /** Sending a new job to the vendor. */
  SUBMIT,
  /** Asking the vendor where a job stands. */
  STATUS,
  /** Asking the vendor to cancel a job. */
  CANCEL,
  /** Downloading a generated image. */
  DOWNLOAD,
  /** Waiting for a job to finish. */
  AWAIT,
  /** Finding or configuring providers. */
  CONFIGURE,
  /** Asking the vendor about the account: whether the key is valid, the balance. */
  ACCOUNT,
  /** Recording or reading jobs in the job store. */
  STORE;

  /** The lower-case name, such as {@code submit}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
