package dev.nanobanana4j.spring.boot;

import dev.nanobanana4j.core.application.callbacks.CallbackReceiver;
import dev.nanobanana4j.core.port.CallbackRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Receives vendors' callbacks and answers as the client's {@link CallbackReceiver} says: 200 for a
 * genuine callback (new, duplicate or ignored), 401 for a forged or replayed one, 413 for a body
 * over the receiver's {@link CallbackReceiver#maxBodyBytes() limit} (not read past it), 400 and 404
 * for the rest. The body reaches the receiver exactly as sent, for the vendor's signature.
 */
@RestController
public class NanoBananaCallbackController {
  private final CallbackReceiver receiver;

  /** An endpoint feeding {@code receiver}, reading no more of a body than it takes. */
  public NanoBananaCallbackController(CallbackReceiver receiver) {
    this.receiver = receiver;
  }

  /** A callback whose provider is named by the URL's {@code provider} parameter. */
  @PostMapping("${nanobanana.callbacks.path:/nanobanana/callbacks}")
  public ResponseEntity<Void> receive(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > receiver.maxBodyBytes()) {
      return ResponseEntity.status(413).build();
    }
    return answer(receiver.receive(callback(request)));
  }

  /** A callback for the provider named by the path's last segment. */
  @PostMapping("${nanobanana.callbacks.path:/nanobanana/callbacks}/{provider}")
  public ResponseEntity<Void> receive(
      @PathVariable("provider") String provider, HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > receiver.maxBodyBytes()) {
      return ResponseEntity.status(413).build();
    }
    return answer(receiver.receive(provider, callback(request)));
  }

  private static ResponseEntity<Void> answer(CallbackReceiver.Result result) {
    return ResponseEntity.status(result.httpStatus()).build();
  }

  private CallbackRequest callback(HttpServletRequest request) throws IOException {
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      // One byte past the limit is enough for the receiver to refuse the body as oversized.
      body = in.readNBytes((int) Math.min(Integer.MAX_VALUE, receiver.maxBodyBytes() + 1L));
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name, Collections.list(request.getHeaders(name)));
    }
    String query = request.getQueryString();
    URI uri = URI.create(request.getRequestURI() + (query == null ? "" : "?" + query));
    return new CallbackRequest(uri, headers, body);
  }
}
