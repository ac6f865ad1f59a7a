package dev.nanobanana4j.core.application.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The waits under way, by provider and task id, for callbacks to find. A job has one wait, rarely
 * more (two callers awaiting one handle), so an entry is a {@link Watch} or, for more, an array of
 * them: the index costs a map node per job, keyed by the handle's own task id.
 */
final class ActiveWatches {
  private final Map<String, Map<String, Object>> byProvider = new ConcurrentHashMap<>();

  void add(Watch watch) {
    byProvider
        .computeIfAbsent(watch.handle.providerId(), id -> new ConcurrentHashMap<>())
        .merge(watch.handle.taskId(), watch, ActiveWatches::joined);
  }

  void remove(Watch watch) {
    Map<String, Object> tasks = byProvider.get(watch.handle.providerId());
    if (tasks != null && !tasks.remove(watch.handle.taskId(), watch)) {
      // Not the only wait for its job: it leaves the array it shares.
      tasks.computeIfPresent(watch.handle.taskId(), (id, entry) -> without(entry, watch));
    }
  }

  /** The waits for one job, in the order they began. */
  List<Watch> of(String providerId, String taskId) {
    Map<String, Object> tasks = byProvider.get(providerId);
    return tasks == null ? List.of() : list(tasks.get(taskId));
  }

  /** Every wait. */
  List<Watch> all() {
    List<Watch> all = new ArrayList<>();
    for (Map<String, Object> tasks : byProvider.values()) {
      for (Object entry : tasks.values()) {
        all.addAll(list(entry));
      }
    }
    return all;
  }

  void clear() {
    byProvider.clear();
  }

  private static Object joined(Object entry, Object added) {
    Watch[] before = entry instanceof Watch one ? new Watch[] {one} : (Watch[]) entry;
    Watch[] after = Arrays.copyOf(before, before.length + 1);
    after[before.length] = (Watch) added;
    return after;
  }

  private static Object without(Object entry, Watch watch) {
    if (entry == watch) {
      return null;
    }
    if (!(entry instanceof Watch[] many)) {
      return entry;
    }
    Watch[] rest = Arrays.stream(many).filter(w -> w != watch).toArray(Watch[]::new);
    return rest.length == 0 ? null : rest.length == 1 ? rest[0] : rest;
  }

  private static List<Watch> list(Object entry) {
    if (entry == null) {
      return List.of();
    }
    return entry instanceof Watch one ? List.of(one) : List.of((Watch[]) entry);
  }
}
