package example.images;

import dev.nanobanana4j.core.application.NanoBananaClient;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Submits a job and answers at once with its token; the job ends when the vendor calls back the
 * starter's endpoint (or, failing that, when the client polls), and {@code GET /images/{token}}
 * waits for it.
 */
@RestController
class ImageController {
  private final NanoBananaClient client;

  ImageController(NanoBananaClient client) {
    this.client = client;
  }

  @PostMapping("/images")
  ResponseEntity<Map<String, String>> submit(@RequestParam("prompt") String prompt) {
    JobHandle job = client.submit(ImageRequest.builder().prompt(prompt).build()).join();
    return ResponseEntity.accepted().body(Map.of("token", job.toToken()));
  }

  @GetMapping("/images/{token}")
  CompletableFuture<Map<String, Object>> result(@PathVariable("token") String token) {
    return client
        .await(client.resume(token))
        .orTimeout(Duration.ofMinutes(2).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .thenApply(
            status -> {
              List<String> urls =
                  status instanceof JobStatus.Succeeded succeeded
                      ? succeeded.images().stream()
                          .map(GeneratedImage::url)
                          .flatMap(java.util.Optional::stream)
                          .map(Object::toString)
                          .toList()
                      : List.of();
              return Map.of("state", status.state().label(), "images", urls);
            });
  }
}
