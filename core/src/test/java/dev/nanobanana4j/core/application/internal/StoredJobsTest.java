package dev.nanobanana4j.core.application.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nanobanana4j.core.domain.AspectRatio;
import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.Resolution;
import org.junit.jupiter.api.Test;

/** What the job store is told of a request: a few words, bounded. */
class StoredJobsTest {
  @Test
  void a_request_is_summed_up_in_a_few_words() {
    assertEquals("1 image", StoredJobs.summary(ImageRequest.builder().prompt("a fox").build()));
    ImageRequest rich =
        ImageRequest.builder()
            .prompt("a fox")
            .count(2)
            .aspectRatio(AspectRatio.RATIO_1_1)
            .resolution(Resolution.TWO_K)
            .addReferenceImage(ImageInput.url("https://cdn.example/a.png"))
            .model("nano-banana-pro")
            .build();
    assertEquals("2 images, 1:1, 2K, 1 reference, model nano-banana-pro", StoredJobs.summary(rich));
    ImageRequest two =
        rich.newBuilder().addReferenceImage(ImageInput.url("https://cdn.example/b.png")).build();
    assertEquals("2 images, 1:1, 2K, 2 references, model nano-banana-pro", StoredJobs.summary(two));
  }

  @Test
  void text_is_cut_to_its_bound_and_no_shorter() {
    assertEquals("abc", StoredJobs.cut("abc", 3));
    assertEquals("ab", StoredJobs.cut("abc", 2));
  }
}
