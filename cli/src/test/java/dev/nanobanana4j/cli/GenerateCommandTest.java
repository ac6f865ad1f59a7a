package dev.nanobanana4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nanobanana4j.testkit.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
  private static final String KEY = "sk-live-0123456789abcdef";

  @Test
  void sandbox_generates_and_saves_a_real_image(@TempDir Path out) throws Exception {
    CliRun run =
        CliRun.of(
            "generate",
            "--sandbox",
            "--provider",
            "apixo",
            "--prompt",
            "a lighthouse at dusk",
            "--aspect-ratio",
            "16:9",
            "--resolution",
            "2K",
            "--out",
            out.toString(),
            "--json");
    assertEquals(0, run.exitCode(), run::toString);
    Map<String, Object> json = run.json();
    assertEquals("apixo", json.get("provider"));
    assertEquals("succeeded", json.get("state"));
    assertTrue(json.get("token").toString().startsWith("nb1."));
    assertEquals(
        Map.of("known", true, "amount", "0.08", "currency", "USD"),
        subset(json.get("estimatedCost"), "known", "amount", "currency"));
    // APIXO keeps results 15 days after the task completed.
    List<?> expiry = (List<?>) json.get("expiresAt");
    java.time.Instant expires = java.time.Instant.parse(expiry.get(0).toString());
    java.time.Duration left = java.time.Duration.between(java.time.Instant.now(), expires);
    assertTrue(
        left.compareTo(java.time.Duration.ofDays(14)) > 0
            && left.compareTo(java.time.Duration.ofDays(15)) <= 0,
        "expires in about 15 days: " + expires);
    List<?> files = (List<?>) json.get("files");
    byte[] png = Files.readAllBytes(Path.of(files.get(0).toString()));
    assertEquals((byte) 0x89, png[0]);
    assertEquals('P', png[1]);
    assertTrue(run.err().contains("apixo task_"), "progress on stderr: " + run.err());
    assertTrue(run.err().contains("succeeded"), run.err());
  }

  @Test
  void a_seed_apixo_cannot_take_is_refused_unless_lenient_and_then_named_in_a_warning(
      @TempDir Path out) throws Exception {
    List<String> seeded =
        List.of(
            "generate",
            "--sandbox",
            "--provider",
            "apixo",
            "--prompt",
            "a fox",
            "--seed",
            "42",
            "--out",
            out.toString());
    CliRun strict = CliRun.of(seeded.toArray(String[]::new));
    assertEquals(2, strict.exitCode(), strict::toString);
    assertTrue(strict.err().contains("seed"), strict.err());
    List<String> withLenient = new java.util.ArrayList<>(seeded);
    withLenient.addAll(List.of("--lenient", "--json"));
    CliRun lenient = CliRun.of(withLenient.toArray(String[]::new));
    assertEquals(0, lenient.exitCode(), lenient::toString);
    assertTrue(
        lenient.err().contains("warning: apixo does not accept a seed; seed 42 was not sent"),
        lenient.err());
    assertEquals(
        List.of(
            Map.of(
                "option", "seed", "message", "apixo does not accept a seed; seed 42 was not sent")),
        lenient.json().get("warnings"));
  }

  @Test
  void a_count_of_three_at_a_one_image_vendor_makes_three_calls_and_saves_three_images(
      @TempDir Path out) throws Exception {
    CliRun run =
        CliRun.of(
            "generate",
            "--sandbox",
            "--provider",
            "apixo",
            "--prompt",
            "a fox",
            "--count",
            "3",
            "--out",
            out.toString(),
            "--json");
    assertEquals(0, run.exitCode(), run::toString);
    Map<String, Object> json = run.json();
    assertEquals("succeeded", json.get("state"));
    assertEquals(3, ((List<?>) json.get("taskIds")).size(), json::toString);
    assertEquals(3, new java.util.HashSet<>((List<?>) json.get("taskIds")).size());
    assertEquals(3, ((List<?>) json.get("images")).size());
    assertEquals(3, ((List<?>) json.get("expiresAt")).size());
    assertEquals("0.15", ((Map<?, ?>) json.get("estimatedCost")).get("amount"));
    List<?> files = (List<?>) json.get("files");
    assertEquals(3, files.size());
    for (Object file : files) {
      byte[] png = Files.readAllBytes(Path.of((String) file));
      assertEquals((byte) 0x89, png[0], "a PNG was saved: " + file);
    }
    assertEquals(3, run.err().split("submitted apixo task", -1).length - 1, run.err());
  }

  @Test
  void no_wait_with_a_count_beyond_one_call_is_a_usage_error() throws Exception {
    CliRun run =
        CliRun.of(
            "generate",
            "--sandbox",
            "--provider",
            "apixo",
            "--prompt",
            "a fox",
            "--count",
            "2",
            "--no-wait");
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().contains("--no-wait takes one job"), run.err());
  }

  @Test
  void sandbox_edits_a_local_file_refused_by_a_url_only_provider_before_sending(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("in.png");
    Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0});
    CliRun run =
        CliRun.of(
            "generate",
            "--sandbox",
            "--provider",
            "apixo",
            "--prompt",
            "warmer",
            "--image",
            file.toString());
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(
        run.err().contains("reference image 1 is an inline file; apixo accepts only http(s) URLs"),
        run.err());
  }

  @Test
  void text_to_image_against_a_server_answering_as_the_docs_show() throws Exception {
    try (ApixoDocsServer docs = new ApixoDocsServer(KEY, ApixoDocsServer.Outcome.SUCCESS)) {
      CliRun run =
          CliRun.of(
              "generate",
              "--provider",
              "apixo",
              "--api-key",
              KEY,
              "--base-url",
              docs.baseUrl(),
              "--prompt",
              "a cozy cyberpunk cafe with neon lights and rain-soaked streets",
              "--aspect-ratio",
              "3:2",
              "--resolution",
              "2K",
              "--poll-interval",
              "10ms",
              "--json");
      assertEquals(0, run.exitCode(), run::toString);
      Map<String, Object> json = run.json();
      assertEquals("succeeded", json.get("state"));
      assertEquals("task_12345678", json.get("taskId"));
      assertEquals(List.of("https://r2.apixo.ai/xxx.png"), json.get("images"));
      Map<String, Object> expected = Json.fixture("apixo/submit-request-quickstart.json");
      inputOf(expected).put("output_format", "png"); // our default, which the docs list
      assertEquals(expected, Json.parse(docs.requests.get(0).getBody().utf8()));
      assertEquals(1, docs.submissions());
      assertFalse(run.out().contains(KEY) || run.err().contains(KEY), "the key is never printed");
    }
  }

  @Test
  void edit_against_a_server_answering_as_the_docs_show() throws Exception {
    try (ApixoDocsServer docs = new ApixoDocsServer(KEY, ApixoDocsServer.Outcome.SUCCESS)) {
      CliRun run =
          CliRun.of(
              Map.of("APIXO_API_KEY", KEY, "APIXO_BASE_URL", docs.baseUrl()),
              "generate",
              "--provider",
              "apixo",
              "--prompt",
              "make this scene look like sunrise with warm golden light",
              "--image",
              "https://example.com/source.png",
              "--aspect-ratio",
              "4:5",
              "--resolution",
              "4K",
              "--format",
              "jpeg",
              "--poll-interval",
              "10ms",
              "--json");
      assertEquals(0, run.exitCode(), run::toString);
      Map<String, Object> expected = Json.fixture("apixo/submit-request-image-to-image.json");
      inputOf(expected).remove("google_search"); // not set: the vendor's default applies
      assertEquals(expected, Json.parse(docs.requests.get(0).getBody().utf8()));
      assertEquals("0.12", ((Map<?, ?>) run.json().get("estimatedCost")).get("amount"));
    }
  }

  @Test
  void a_failed_task_exits_3_with_the_reason_code_and_message() throws Exception {
    try (ApixoDocsServer docs = new ApixoDocsServer(KEY, ApixoDocsServer.Outcome.FAILED)) {
      CliRun run = docsRun(docs, KEY, "--json");
      assertEquals(3, run.exitCode(), run::toString);
      Map<String, Object> json = run.json();
      assertEquals("failed", json.get("state"));
      assertEquals(
          Map.of(
              "reason", "CONTENT_POLICY",
              "vendorCode", "SensitiveContent",
              "message", "Content violates safety policy, please adjust the prompt"),
          json.get("failure"));
    }
  }

  @Test
  void a_rejected_key_exits_4_without_printing_it() throws Exception {
    String wrong = "sk-wrong-key-9876543210";
    try (ApixoDocsServer docs = new ApixoDocsServer(KEY, ApixoDocsServer.Outcome.SUCCESS)) {
      CliRun run = docsRun(docs, wrong, "--json");
      assertEquals(4, run.exitCode(), run::toString);
      Map<?, ?> error = (Map<?, ?>) run.json().get("error");
      assertEquals("authentication", error.get("code"));
      assertEquals(401L, error.get("httpStatus"));
      assertFalse(run.out().contains(wrong) || run.err().contains(wrong), run::toString);
    }
  }

  @Test
  void a_submission_that_hangs_past_the_request_timeout_exits_5_as_outcome_unknown_sent_once()
      throws Exception {
    try (ApixoDocsServer docs = new ApixoDocsServer(KEY, ApixoDocsServer.Outcome.HANG_ON_SUBMIT)) {
      CliRun run = docsRun(docs, KEY, "--request-timeout", "300ms");
      assertEquals(5, run.exitCode(), run::toString);
      assertTrue(
          run.err().contains("may have accepted the job; it was sent once and is not sent again"),
          run.err());
      assertEquals(1, docs.submissions());
    }
  }

  @Test
  void the_timeout_bounds_the_whole_command_a_hanging_submission_included() throws Exception {
    try (ApixoDocsServer docs = new ApixoDocsServer(KEY, ApixoDocsServer.Outcome.HANG_ON_SUBMIT)) {
      long started = System.nanoTime();
      CliRun run = docsRun(docs, KEY, "--request-timeout", "60s", "--timeout", "1s", "--no-store");
      assertEquals(5, run.exitCode(), run::toString);
      assertTrue(run.err().contains("within --timeout"), run.err());
      assertTrue(
          System.nanoTime() - started < java.util.concurrent.TimeUnit.SECONDS.toNanos(30),
          "ended long before the request timeout");
      assertEquals(1, docs.submissions());
    }
  }

  @Test
  void without_a_key_or_sandbox_it_names_both_ways_out_and_sends_nothing() {
    CliRun run = CliRun.of("generate", "--provider", "apixo", "--prompt", "a fox");
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(
        run.err()
            .contains(
                "no API key for apixo: pass --api-key KEY or set APIXO_API_KEY, or add --sandbox"),
        run.err());
  }

  @Test
  void a_request_beyond_the_limits_exits_2_and_sends_nothing() throws Exception {
    try (ApixoDocsServer docs = new ApixoDocsServer(KEY, ApixoDocsServer.Outcome.SUCCESS)) {
      CliRun run = docsRun(docs, KEY, "--resolution", "512", "--seed", "3");
      assertEquals(2, run.exitCode(), run::toString);
      assertTrue(
          run.err().contains("resolution 512 is not supported by apixo; use one of 1K, 2K, 4K"),
          run.err());
      assertTrue(run.err().contains("apixo does not accept a seed"), run.err());
      assertEquals(List.of(), docs.requests);
    }
  }

  @Test
  void an_unknown_provider_exits_2_listing_those_installed() {
    CliRun run = CliRun.of("generate", "--sandbox", "--provider", "nope", "--prompt", "a fox");
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(
        run.err().contains("no provider with id 'nope' is installed; found: apixo"), run.err());
  }

  @Test
  void no_wait_prints_a_token_that_wait_completes_in_a_new_run_without_resubmitting()
      throws Exception {
    try (ApixoDocsServer docs = new ApixoDocsServer(KEY, ApixoDocsServer.Outcome.SUCCESS)) {
      CliRun submitted = docsRun(docs, KEY, "--no-wait", "--json");
      assertEquals(0, submitted.exitCode(), submitted::toString);
      assertEquals("submitted", submitted.json().get("state"));
      String token = submitted.json().get("token").toString();

      Map<String, String> env = Map.of("APIXO_API_KEY", KEY, "APIXO_BASE_URL", docs.baseUrl());
      CliRun status = CliRun.of(env, "status", token, "--json");
      assertEquals(0, status.exitCode(), status::toString);
      assertEquals("running", status.json().get("state"));

      CliRun waited = CliRun.of(env, "wait", token, "--poll-interval", "10ms", "--json");
      assertEquals(0, waited.exitCode(), waited::toString);
      assertEquals("succeeded", waited.json().get("state"));
      assertEquals(token, waited.json().get("token"));
      assertEquals(1, docs.submissions(), "the job was submitted once");
    }
  }

  private static CliRun docsRun(ApixoDocsServer docs, String key, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "generate",
                "--provider",
                "apixo",
                "--api-key",
                key,
                "--base-url",
                docs.baseUrl(),
                "--prompt",
                "a fox in watercolor style",
                "--poll-interval",
                "10ms"));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> inputOf(Map<String, Object> body) {
    return (Map<String, Object>) body.get("input");
  }

  private static Map<String, Object> subset(Object map, String... keys) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    for (String k : keys) {
      out.put(k, ((Map<?, ?>) map).get(k));
    }
    return out;
  }

  static String body(RecordedRequest request) {
    return request.getBody() == null ? "" : request.getBody().utf8();
  }

  @Test
  void reference_files_too_large_for_one_request_are_refused_before_any_is_read(@TempDir Path dir)
      throws Exception {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("generate", "--sandbox", "--provider", "mulerun", "--prompt", "merge these"));
    for (int i = 0; i < 8; i++) {
      Path file = dir.resolve("big-" + i + ".png");
      try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(file.toFile(), "rw")) {
        sparse.setLength(30L * 1024 * 1024); // 30 MiB on paper, nothing written
      }
      args.add("--image");
      args.add(file.toString());
    }
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().contains("bytes in all"), run.err());
  }
}
