package dev.nanobanana4j.core.application.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A map that keeps only its newest entries: for memories that must stay bounded. */
public final class Recent {
  private Recent() {}

  /** A synchronized map holding at most {@code capacity} entries, dropping the oldest first. */
  public static <K, V> Map<K, V> map(int capacity) {
    return Collections.synchronizedMap(
        new LinkedHashMap<K, V>() {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > capacity;
          }
        });
  }
}
