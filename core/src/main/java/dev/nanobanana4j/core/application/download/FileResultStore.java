package dev.nanobanana4j.core.application.download;

import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.port.ResultStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ResultStore} that keeps each job's images in a directory, as {@code <provider>/<task
 * id>-1.png} and so on, downloaded with an {@link ImageDownloader} (its deadline, size limits and
 * address rules bound each job's saving) or written from the bytes a vendor returned inline. Saving
 * runs on two daemon threads of its own, at most {@value #MAX_QUEUED} jobs waiting; a job beyond
 * that, or after {@link #close()}, fails to be kept.
 *
 * <pre>{@code
 * try (FileResultStore store = FileResultStore.of(Path.of("results"))) {
 *   NanoBananaClient client = NanoBananaClient.builder().resultStore(store)...build();
 * }
 * }</pre>
 */
public final class FileResultStore implements ResultStore, AutoCloseable {
  /** How many jobs may wait to be saved. */
  public static final int MAX_QUEUED = 10_000;

  private final Path directory;
  private final ImageDownloader downloader;
  private final ThreadPoolExecutor executor;

  private FileResultStore(Path directory, ImageDownloader downloader) {
    this.directory = Objects.requireNonNull(directory, "directory == null");
    this.downloader = Objects.requireNonNull(downloader, "downloader == null");
    this.executor =
        new ThreadPoolExecutor(
            2,
            2,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(MAX_QUEUED),
            runnable -> {
              Thread thread = new Thread(runnable, "nanobanana-result-store");
              thread.setDaemon(true);
              return thread;
            });
    executor.allowCoreThreadTimeOut(true);
  }

  /** A store in {@code directory}, downloading with the default {@link ImageDownloader}. */
  public static FileResultStore of(Path directory) {
    return of(directory, ImageDownloader.builder().build());
  }

  /** A store in {@code directory}, downloading with {@code downloader}. */
  public static FileResultStore of(Path directory, ImageDownloader downloader) {
    return new FileResultStore(directory, downloader);
  }

  /** The directory the images are kept in. */
  public Path directory() {
    return directory;
  }

  @Override
  public CompletableFuture<List<GeneratedImage>> store(
      JobHandle handle, List<GeneratedImage> images) {
    Objects.requireNonNull(handle, "handle == null");
    List<GeneratedImage> copy = List.copyOf(images);
    try {
      return CompletableFuture.supplyAsync(() -> save(handle, copy), executor);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(
          new RejectedExecutionException(
              "the result store is closed, or " + MAX_QUEUED + " jobs wait to be saved", e));
    }
  }

  private List<GeneratedImage> save(JobHandle handle, List<GeneratedImage> images) {
    Path dir = directory.resolve(safe(handle.providerId()));
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    List<Path> files = downloader.saveAll(images, dir, safe(handle.taskId()));
    List<GeneratedImage> kept = new ArrayList<>(images.size());
    for (int i = 0; i < images.size(); i++) {
      kept.add(i < files.size() ? images.get(i).withStoredAt(files.get(i).toUri()) : images.get(i));
    }
    return List.copyOf(kept);
  }

  /**
   * A file name part made of the id: anything but letters, digits, '.', '_' and '-' becomes '_'.
   */
  static String safe(String id) {
    String safe = id.replaceAll("[^A-Za-z0-9._-]", "_");
    return safe.startsWith(".") ? "_" + safe.substring(1) : safe;
  }

  /** Stops taking jobs; the jobs taken are still saved. Idempotent. */
  @Override
  public void close() {
    executor.shutdown();
  }

  @Override
  public String toString() {
    return "FileResultStore{" + directory + "}";
  }
}
