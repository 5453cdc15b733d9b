package dev.offsync.http.internal.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A migration's checkpoint: a directory with one small file per identity (sharded by the first two hex digits of
 * the SHA-256 of its id) naming, per dataset, the source sync count through which every record has been imported,
 * and whether the identity's first copy is complete. Every file is replaced atomically: written to a temporary file,
 * forced to disk, renamed over the old one, and the directory forced, so a kill at any point leaves either the old
 * or the new checkpoint, never a torn one. Memory: one identity's state at a time.
 */
public final class Checkpoint {
  private final Path dir;

  /** One identity's progress. */
  public static final class IdentityState {
    private boolean copied;
    private final Map<String, Long> datasets = new TreeMap<>();

    /**
     * Whether the identity's first copy completed.
     *
     * @return true once every dataset was copied once
     */
    public boolean copied() {
      return copied;
    }

    /**
     * Marks the first copy complete.
     */
    public void markCopied() {
      copied = true;
    }

    /**
     * The source sync count through which a dataset is imported.
     *
     * @param dataset the dataset
     * @return the count, 0 if never copied
     */
    public long through(String dataset) {
      return datasets.getOrDefault(dataset, 0L);
    }

    /**
     * Whether a dataset was ever imported.
     *
     * @param dataset the dataset
     * @return true if a count is recorded
     */
    public boolean known(String dataset) {
      return datasets.containsKey(dataset);
    }

    /**
     * Records that a dataset is imported through a count.
     *
     * @param dataset the dataset
     * @param syncCount the count
     */
    public void setThrough(String dataset, long syncCount) {
      datasets.put(dataset, syncCount);
    }
  }

  /**
   * Opens (creating) a checkpoint directory.
   *
   * @param dir the directory
   */
  public Checkpoint(Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir == null");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create checkpoint directory " + dir, e);
    }
  }

  private Path file(String identityId) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(identityId.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(64);
      for (byte x : d) {
        hex.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
      }
      String h = hex.toString();
      return dir.resolve(h.substring(0, 2)).resolve(h + ".ckpt");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Loads an identity's progress.
   *
   * @param identityId the identity
   * @return its state (empty if none saved)
   */
  public IdentityState load(String identityId) {
    IdentityState s = new IdentityState();
    Path f = file(identityId);
    if (!Files.exists(f)) {
      return s;
    }
    try {
      List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      if (lines.isEmpty() || !lines.get(0).equals("identity\t" + identityId)) {
        throw new IllegalStateException("checkpoint file " + f + " is not for identity " + identityId);
      }
      for (String line : lines.subList(1, lines.size())) {
        String[] p = line.split("\t", -1);
        if (p[0].equals("copied")) {
          s.copied = Boolean.parseBoolean(p[1]);
        } else if (p[0].equals("dataset") && p.length == 3) {
          s.datasets.put(p[1], Long.parseLong(p[2]));
        }
      }
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + f, e);
    }
  }

  /**
   * Saves an identity's progress atomically and durably.
   *
   * @param identityId the identity
   * @param state its state
   */
  public void save(String identityId, IdentityState state) {
    StringBuilder b = new StringBuilder("identity\t").append(identityId).append('\n');
    b.append("copied\t").append(state.copied).append('\n');
    state.datasets.forEach((k, v) -> b.append("dataset\t").append(k).append('\t').append(v).append('\n'));
    write(file(identityId), b.toString());
  }

  /**
   * A small named value of the whole run (e.g. which passes completed).
   *
   * @param name the name
   * @return the value, or null
   */
  public String get(String name) {
    Path f = dir.resolve(name + ".state");
    try {
      return Files.exists(f) ? new String(Files.readAllBytes(f), StandardCharsets.UTF_8).trim() : null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    }
  }

  /**
   * Stores a named value atomically.
   *
   * @param name the name
   * @param value the value
   */
  public void put(String name, String value) {
    write(dir.resolve(name + ".state"), value + "\n");
  }

  private static void write(Path target, String text) {
    Path parent = target.getParent();
    Path tmp = parent.resolve(target.getFileName() + ".tmp");
    try {
      Files.createDirectories(parent);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      try (FileChannel d = FileChannel.open(parent, StandardOpenOption.READ)) {
        d.force(true);
      } catch (IOException ignored) {
        // some platforms cannot open a directory for fsync; the rename is still atomic
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + target, e);
    }
  }
}
