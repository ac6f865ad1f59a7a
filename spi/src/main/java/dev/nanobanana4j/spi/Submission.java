package dev.nanobanana4j.spi;

import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.error.ErrorContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a provider's mapper needs to make a handle from a vendor's answer to a submission: the
 * provider, the model the job runs on, when the answer came, and the call's error context.
 *
 * @param providerId the provider's id
 * @param model the model id the request was sent to
 * @param submittedAt when the vendor answered
 * @param context the submit call's error context, for errors the answer's body reveals
 */
public record Submission(
    String providerId, String model, Instant submittedAt, ErrorContext context) {
  /** Checks that no part is null. */
  public Submission {
    Objects.requireNonNull(providerId, "providerId == null");
    Objects.requireNonNull(model, "model == null");
    Objects.requireNonNull(submittedAt, "submittedAt == null");
    Objects.requireNonNull(context, "context == null");
  }

  /** The handle of vendor task {@code taskId}, naming its model ({@link JobHandle#MODEL}). */
  public JobHandle handle(String taskId) {
    return JobHandle.of(providerId, taskId, submittedAt, modelAttribute(model));
  }

  /** The few models a provider sells, each as a handle's attributes, made once. */
  private static final Map<String, Map<String, String>> MODELS = new ConcurrentHashMap<>();

  private static Map<String, String> modelAttribute(String model) {
    Map<String, String> attributes = MODELS.get(model);
    if (attributes == null) {
      attributes = Map.of(JobHandle.MODEL, model);
      if (MODELS.size() < 1024) {
        MODELS.put(model, attributes);
      }
    }
    return attributes;
  }

  /**
   * The handle of vendor task {@code taskId}, naming its model ({@link JobHandle#MODEL}) and
   * carrying {@code attributes} besides, for the provider's later calls.
   */
  public JobHandle handle(String taskId, Map<String, String> attributes) {
    Map<String, String> all = new HashMap<>(attributes);
    all.put(JobHandle.MODEL, model);
    return JobHandle.of(providerId, taskId, submittedAt, all);
  }
}
