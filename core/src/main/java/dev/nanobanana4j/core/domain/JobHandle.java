package dev.nanobanana4j.core.domain;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Everything needed to find a job again: the provider id, the vendor's task id, when it was
 * submitted, and any vendor-specific locators (such as a status URL). A handle never holds a
 * secret, so its {@linkplain #toToken() token} can be stored, logged and passed between processes.
 *
 * <pre>{@code
 * String token = handle.toToken();           // "nb1.cD1hcGl4byZ0PXRhc2tf..."
 * JobHandle again = JobHandle.parse(token);  // equal to handle
 * }</pre>
 */
public final class JobHandle {
  /** The attribute that names the model a job runs on, where the provider records it. */
  public static final String MODEL = "model";

  /**
   * The attribute that names the submission in the client's job store, where there is one: the job
   * is that submission, whatever task id the vendor gave it (a vendor may give a new job a task id
   * it gave an earlier one).
   */
  public static final String SUBMISSION = "submission";

  static final String TOKEN_PREFIX = "nb1.";

  /** The longest task id accepted. */
  static final int MAX_TASK_ID = 256;

  /** The longest token read; handles are small, so anything longer is not one of ours. */
  static final int MAX_TOKEN = 8192;

  /** Submission times a token may carry: 1970 up to 2200, in epoch milliseconds. */
  private static final long LATEST_SUBMISSION = 7_258_118_400_000L;

  /** What a provider id looks like, for messages; {@link #isProviderId} checks it. */
  private static final Pattern PROVIDER_ID = Pattern.compile("[a-z][a-z0-9-]{0,31}");

  /** Whether {@code id} matches {@link #PROVIDER_ID}, without a regular expression per handle. */
  private static boolean isProviderId(String id) {
    if (id.isEmpty() || id.length() > 32 || id.charAt(0) < 'a' || id.charAt(0) > 'z') {
      return false;
    }
    for (int i = 1; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private final String providerId;
  private final String taskId;
  private final Instant submittedAt;
  private final Map<String, String> attributes;

  private JobHandle(
      String providerId, String taskId, Instant submittedAt, Map<String, String> attributes) {
    Objects.requireNonNull(providerId, "providerId == null");
    Objects.requireNonNull(taskId, "taskId == null");
    Objects.requireNonNull(submittedAt, "submittedAt == null");
    Objects.requireNonNull(attributes, "attributes == null");
    if (!isProviderId(providerId)) {
      throw new IllegalArgumentException(
          "provider id '" + providerId + "' must match " + PROVIDER_ID.pattern());
    }
    checkTaskId(taskId);
    this.providerId = providerId;
    this.taskId = taskId;
    this.submittedAt = submittedAt;
    this.attributes = copy(attributes);
  }

  /** An unmodifiable copy, in key order; without nulls. One attribute or none costs no copy. */
  private static Map<String, String> copy(Map<String, String> attributes) {
    if (attributes.size() <= 1) {
      return Map.copyOf(attributes); // refuses a null, and keeps a Map.of as it is
    }
    // Not containsValue(null): an immutable map (Map.of) throws on that question.
    for (Map.Entry<String, String> attribute : attributes.entrySet()) {
      if (attribute.getKey() == null || attribute.getValue() == null) {
        throw new NullPointerException("an attribute is null");
      }
    }
    return Collections.unmodifiableMap(new TreeMap<>(attributes));
  }

  /**
   * A task id, whether a vendor or a user gave it, must be one path segment that is safe to print
   * and to name a file after: not empty, at most {@value #MAX_TASK_ID} characters, no white space
   * or control character, no {@code /} or {@code \\}, and not {@code .} or {@code ..}.
   */
  private static void checkTaskId(String taskId) {
    if (taskId.isEmpty()) {
      throw new IllegalArgumentException("task id is empty");
    }
    if (taskId.length() > MAX_TASK_ID) {
      throw new IllegalArgumentException(
          "task id is " + taskId.length() + " characters long; at most " + MAX_TASK_ID);
    }
    if (taskId.equals(".") || taskId.equals("..")) {
      throw new IllegalArgumentException("task id '" + taskId + "' cannot be a path segment");
    }
    for (int i = 0; i < taskId.length(); i++) {
      char c = taskId.charAt(i);
      if (c <= ' ' || c == 0x7f || c == '/' || c == '\\' || Character.isWhitespace(c)) {
        throw new IllegalArgumentException(
            "task id has "
                + (c == '/' || c == '\\' ? "'" + c + "'" : "a space or control character")
                + " at position "
                + (i + 1)
                + ", so it cannot be a path segment");
      }
    }
  }

  /** A handle with no vendor-specific attributes. */
  public static JobHandle of(String providerId, String taskId, Instant submittedAt) {
    return new JobHandle(providerId, taskId, submittedAt, Map.of());
  }

  /**
   * A handle with vendor-specific attributes, such as the URL to poll. Attributes must not hold
   * secrets: they travel in the token.
   */
  public static JobHandle of(
      String providerId, String taskId, Instant submittedAt, Map<String, String> attributes) {
    return new JobHandle(providerId, taskId, submittedAt, attributes);
  }

  /** The id of the provider that runs the job, such as {@code apixo}. */
  public String providerId() {
    return providerId;
  }

  /** The vendor's own id for the task. */
  public String taskId() {
    return taskId;
  }

  /** When the vendor accepted the job, by the client's clock. */
  public Instant submittedAt() {
    return submittedAt;
  }

  /** Vendor-specific locators, sorted by name. */
  public Map<String, String> attributes() {
    return attributes;
  }

  /** The submission this job is in the client's job store, when it was submitted through one. */
  public java.util.Optional<String> submissionId() {
    return java.util.Optional.ofNullable(attributes.get(SUBMISSION));
  }

  /** This handle with attribute {@code name} set to {@code value}. */
  public JobHandle withAttribute(String name, String value) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(value, "value == null");
    if (value.equals(attributes.get(name))) {
      return this;
    }
    Map<String, String> copy = new TreeMap<>(attributes);
    copy.put(name, value);
    return new JobHandle(providerId, taskId, submittedAt, copy);
  }

  /** Serialises this handle to a versioned, URL-safe token; {@link #parse} reads it back. */
  public String toToken() {
    StringBuilder payload = new StringBuilder();
    payload.append("p=").append(encode(providerId));
    payload.append("&t=").append(encode(taskId));
    payload.append("&s=").append(submittedAt.toEpochMilli());
    attributes.forEach(
        (k, v) -> payload.append("&a.").append(encode(k)).append('=').append(encode(v)));
    return TOKEN_PREFIX
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a token made by {@link #toToken()}.
   *
   * @throws IllegalArgumentException when {@code token} is not a job token of a known version
   */
  public static JobHandle parse(String token) {
    Objects.requireNonNull(token, "token == null");
    String trimmed = token.trim();
    if (trimmed.length() > MAX_TOKEN) {
      throw new IllegalArgumentException(
          "not a job token: it is " + trimmed.length() + " characters long; at most " + MAX_TOKEN);
    }
    if (!trimmed.startsWith(TOKEN_PREFIX)) {
      if (trimmed.matches("nb[0-9]+\\..*")) {
        throw new IllegalArgumentException(
            "job token version '"
                + trimmed.substring(0, trimmed.indexOf('.'))
                + "' is not supported by this version of nanobanana4j (it reads nb1)");
      }
      throw new IllegalArgumentException(
          "not a job token: it must start with '" + TOKEN_PREFIX + "'");
    }
    String payload;
    try {
      payload =
          new String(
              Base64.getUrlDecoder().decode(trimmed.substring(TOKEN_PREFIX.length())),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("job token is damaged: its body is not base64url", e);
    }
    String provider = null;
    String task = null;
    Instant submitted = null;
    Map<String, String> attrs = new TreeMap<>();
    for (String field : payload.split("&")) {
      int eq = field.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("job token is damaged: bad field");
      }
      String name = field.substring(0, eq);
      String value = decode(field.substring(eq + 1));
      switch (name) {
        case "p" -> provider = value;
        case "t" -> task = value;
        case "s" -> {
          long millis;
          try {
            millis = Long.parseLong(value);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("job token is damaged: bad submission time", e);
          }
          // Range-checked here, so that no duration computed from it can overflow later.
          if (millis < 0 || millis >= LATEST_SUBMISSION) {
            throw new IllegalArgumentException(
                "job token is damaged: its submission time is outside 1970 to 2200");
          }
          submitted = Instant.ofEpochMilli(millis);
        }
        default -> {
          if (!name.startsWith("a.")) {
            throw new IllegalArgumentException("job token is damaged: unknown field " + name);
          }
          attrs.put(decode(name.substring(2)), value);
        }
      }
    }
    if (provider == null || task == null || submitted == null) {
      throw new IllegalArgumentException("job token is damaged: a required field is missing");
    }
    return new JobHandle(provider, task, submitted, attrs);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JobHandle h
        && providerId.equals(h.providerId)
        && taskId.equals(h.taskId)
        && submittedAt.toEpochMilli() == h.submittedAt.toEpochMilli()
        && attributes.equals(h.attributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(providerId, taskId, submittedAt.toEpochMilli(), attributes);
  }

  @Override
  public String toString() {
    return "JobHandle{" + providerId + ", task=" + taskId + ", submittedAt=" + submittedAt + "}";
  }
}
