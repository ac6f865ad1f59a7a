package ${package}.internal.api;

/** An error answer: {@code {"error": {"code": "invalid_request", "message": "..."}}}. */
public record ErrorBody(Generation.Failure error) {}
