package dev.nanobanana4j.core.domain;

import java.util.List;
import java.util.Objects;

/**
 * A request as one provider can take it: for a {@linkplain ImageRequest#isLenient() lenient}
 * request, without the options the provider cannot honour, each named in a warning; otherwise the
 * request itself.
 *
 * @param request what is sent
 * @param warnings what was dropped, in the order of the builder's options
 */
public record RelaxedRequest(ImageRequest request, List<RequestWarning> warnings) {
  /** Copies the warnings. */
  public RelaxedRequest {
    Objects.requireNonNull(request, "request == null");
    warnings = List.copyOf(warnings);
  }

  /** {@code request} as it is, nothing dropped. */
  public static RelaxedRequest unchanged(ImageRequest request) {
    return new RelaxedRequest(request, List.of());
  }
}
