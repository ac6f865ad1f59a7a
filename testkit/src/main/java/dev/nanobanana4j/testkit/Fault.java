package dev.nanobanana4j.testkit;

/**
 * A named network or vendor fault the simulator can inject. HTTP faults answer with the vendor's
 * own documented error body where it has one.
 */
public enum Fault {
  /** HTTP 429 with {@code Retry-After: 1}; the call is not acted on. */
  RATE_LIMITED,
  /** HTTP 402: insufficient balance; the call is not acted on. */
  INSUFFICIENT_BALANCE,
  /** HTTP 403: the key may not use the model; the call is not acted on. */
  FORBIDDEN,
  /** HTTP 500 after the call was acted on (a submission creates its task). */
  SERVER_ERROR,
  /** HTTP 502 after the call was acted on. */
  BAD_GATEWAY,
  /** HTTP 503; the call is not acted on. */
  SERVICE_UNAVAILABLE,
  /** HTTP 504 after the call was acted on. */
  GATEWAY_TIMEOUT,
  /** HTTP 200 whose body is not JSON; the call was acted on. */
  MALFORMED_BODY,
  /** HTTP 200 whose JSON body is cut short; the call was acted on. */
  TRUNCATED_BODY,
  /** HTTP 502 with an HTML page, as a load balancer sends; the call is not acted on. */
  HTML_ERROR_PAGE,
  /**
   * The connection is closed without an answer and the request is not acted on, as when it never
   * reached the vendor. The client cannot tell this from {@link #DROP_AFTER_REQUEST}.
   */
  DROP_BEFORE_REQUEST,
  /** The request is read and acted on, then the connection is closed without an answer. */
  DROP_AFTER_REQUEST,
  /** The request is read and acted on, and no answer ever comes: the client must time out. */
  STALL,

  // The hostile vendor: answers no honest vendor sends, which the client must survive bounded.

  /** HTTP 301 to another origin ({@link Simulator#elsewhereCalls()} counts what follows it). */
  REDIRECT_301,
  /** HTTP 302 to another origin. */
  REDIRECT_302,
  /** HTTP 303 to another origin. */
  REDIRECT_303,
  /** HTTP 307 to another origin: a client that follows it re-sends the body, key and all. */
  REDIRECT_307,
  /** HTTP 308 to another origin: as 307, and permanent. */
  REDIRECT_308,
  /** HTTP 200 declaring a 200 MB body, sent as it is generated; acted on. */
  HUGE_BODY,
  /** HTTP 200 with a body that never ends, until the client hangs up; acted on. */
  ENDLESS_BODY,
  /** HTTP 200 whose JSON body arrives one byte every 100 ms; acted on. */
  TRICKLING_BODY,
  /** HTTP 200 with JSON nested 100,000 levels deep; acted on. */
  DEEP_JSON,
  /** HTTP 200 declaring {@code application/json} while sending an HTML page; acted on. */
  LYING_CONTENT_TYPE,
  /**
   * HTTP 200 with the answer about another task than the one asked about (its id changed), as a
   * confused vendor or cache might send: its images are not this job's; acted on.
   */
  FOREIGN_TASK;

  /** The hostile vendor's answers, {@link #REDIRECT_301} to the end, to try one by one. */
  public static java.util.List<Fault> hostile() {
    return java.util.List.copyOf(java.util.EnumSet.range(REDIRECT_301, FOREIGN_TASK));
  }

  /** Whether the vendor acts on the call (a submission creates its task) despite the fault. */
  public boolean actsOnCall() {
    return switch (this) {
      case SERVER_ERROR,
          BAD_GATEWAY,
          GATEWAY_TIMEOUT,
          MALFORMED_BODY,
          TRUNCATED_BODY,
          DROP_AFTER_REQUEST,
          STALL,
          HUGE_BODY,
          ENDLESS_BODY,
          TRICKLING_BODY,
          DEEP_JSON,
          LYING_CONTENT_TYPE,
          FOREIGN_TASK ->
          true;
      default -> false;
    };
  }
}
