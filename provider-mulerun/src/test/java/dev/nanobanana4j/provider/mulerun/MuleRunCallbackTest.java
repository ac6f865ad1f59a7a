package dev.nanobanana4j.provider.mulerun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nanobanana4j.core.application.callbacks.CallbackReceiver;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.port.CallbackRequest;
import dev.nanobanana4j.core.port.Secret;
import dev.nanobanana4j.spi.StandardWebhooks;
import dev.nanobanana4j.testkit.CallbackContractTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * MuleRun's callbacks, as the simulator sends them, through the client's receiver; and its events
 * besides a task's end, which are acknowledged, never refused (a refusal makes MuleRun deliver them
 * again).
 */
class MuleRunCallbackTest extends CallbackContractTest {
  @Override
  protected String providerId() {
    return "mulerun";
  }

  @Override
  protected boolean signed() {
    return true;
  }

  /** Receives {@code body}, signed as MuleRun signs its webhooks. */
  private CallbackReceiver.Result receive(String messageId, String body, String secret) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    long timestamp = clock.instant().getEpochSecond();
    Map<String, List<String>> headers =
        Map.of(
            "webhook-id", List.of(messageId),
            "webhook-timestamp", List.of(Long.toString(timestamp)),
            "webhook-signature",
                List.of(
                    StandardWebhooks.signatureHeader(
                        Secret.of(secret), messageId, timestamp, bytes)));
    return client
        .callbackReceiver()
        .receive(
            "mulerun",
            new CallbackRequest(URI.create("https://app.example/callbacks"), headers, bytes));
  }

  @Test
  void a_balance_event_carries_no_task_and_is_acknowledged() {
    CallbackReceiver.Result result =
        receive(
            "msg_balance",
            "{\"id\":\"evt_balance_1\",\"type\":\"balance.low\",\"created_at\":"
                + "\"2026-01-01T00:00:00Z\",\"data\":{\"balance\":1.25,\"threshold\":5}}",
            WEBHOOK_SECRET);
    assertEquals(CallbackReceiver.Outcome.IGNORED, result.outcome());
    assertEquals(200, result.httpStatus());
    assertEquals(1, observer.count("callback mulerun ignored"));
    CallbackReceiver.Result forged =
        receive(
            "msg_balance_2",
            "{\"id\":\"evt_balance_2\",\"type\":\"balance.low\",\"data\":{}}",
            "whsec_bm90LXRoZS1zZWNyZXQtYXQtYWxsLTAxMjM0NTY3");
    assertEquals(CallbackReceiver.Outcome.FORGED, forged.outcome(), "still verified first");
  }

  @Test
  void a_task_created_event_is_taken_and_one_before_the_submission_is_known_acknowledged() {
    JobHandle handle =
        client.blocking().submit("mulerun", ImageRequest.builder().prompt("a fox").build());
    String created =
        "{\"id\":\"evt_created_%s\",\"type\":\"task.created\",\"data\":{\"vendor\":\"google\","
            + "\"model_name\":\"nano-banana-2\",\"payload\":{\"task_info\":{\"id\":\"%s\","
            + "\"status\":\"pending\"}}}}";
    CallbackReceiver.Result known =
        receive("msg_created_1", String.format(created, "1", handle.taskId()), WEBHOOK_SECRET);
    assertEquals(CallbackReceiver.Outcome.ACCEPTED, known.outcome());
    CallbackReceiver.Result early =
        receive(
            "msg_created_2",
            String.format(created, "2", "123e4567-e89b-12d3-a456-426614174999"),
            WEBHOOK_SECRET);
    assertEquals(CallbackReceiver.Outcome.IGNORED, early.outcome());
    assertEquals(200, early.httpStatus());
  }
}
