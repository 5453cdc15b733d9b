package dev.offsync.server.internal.service;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The stream files, {@code <stream directory>/<StreamName>.jsonl}: the local stand-in for Kinesis streams that bulk
 * publish and the default live-stream sink append to. Every append holds a lock within this process and the file's
 * own lock (other instances sharing the directory), so appends never interleave; a failed append is cut off again,
 * so a file only ever holds whole appends; a successful one is forced to disk before it returns.
 */
final class StreamFiles {
  private static final Object FILE_LOCK = new Object();

  /** Writes an append's content. */
  @FunctionalInterface
  interface Content {
    /**
     * Writes the content.
     *
     * @param out the file, positioned at its end
     * @throws IOException if writing fails
     */
    void writeTo(OutputStream out) throws IOException;
  }

  private StreamFiles() {}

  /**
   * The file of a stream: the name with characters outside {@code [A-Za-z0-9_.-]} replaced by {@code _} (and a
   * leading dot too), plus {@code .jsonl}.
   *
   * @param streamDirectory the stream directory
   * @param streamName the stream name
   * @return the file
   */
  static Path streamFile(Path streamDirectory, String streamName) {
    StringBuilder safe = new StringBuilder();
    for (char c : streamName.toCharArray()) {
      safe.append(Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' || c == '.' ? c : '_');
    }
    String name = safe.toString();
    if (name.startsWith(".")) {
      name = "_" + name.substring(1);
    }
    return streamDirectory.resolve(name + ".jsonl");
  }

  /** The length of the file up to and including its last line break (0 if it has none). */
  private static long completeLength(FileChannel file) throws IOException {
    long size = file.size();
    ByteBuffer buffer = ByteBuffer.allocate(8192);
    long end = size;
    while (end > 0) {
      long start = Math.max(0, end - buffer.capacity());
      buffer.clear().limit((int) (end - start));
      while (buffer.hasRemaining()) {
        if (file.read(buffer, start + buffer.position()) < 0) {
          throw new IOException("stream file shrank while locked");
        }
      }
      for (int i = (int) (end - start) - 1; i >= 0; i--) {
        if (buffer.get(i) == '\n') {
          return start + i + 1;
        }
      }
      end = start;
    }
    return 0;
  }

  /**
   * Appends content to a stream file in one piece, creating the file and its directory if needed.
   *
   * @param target the stream file
   * @param content writes the content
   * @throws IOException if the append failed (the file is then left as it was, as far as the file system allows)
   */
  static void append(Path target, Content content) throws IOException {
    Files.createDirectories(target.toAbsolutePath().getParent());
    synchronized (FILE_LOCK) {
      try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
          FileLock lock = out.lock()) {
        // every complete append ends with a line break; anything after the last one is what remains of an append
        // cut short by a crash (never acknowledged, so published again): it goes, or this append's first line
        // would be glued to it
        long end = completeLength(out);
        if (end < out.size()) {
          out.truncate(end);
        }
        out.position(end);
        try {
          OutputStream os = Channels.newOutputStream(out);
          content.writeTo(os);
          os.flush();
          out.force(false);
        } catch (IOException | RuntimeException e) {
          try {
            out.truncate(end);
          } catch (IOException suppressed) {
            e.addSuppressed(suppressed);
          }
          throw e;
        }
      }
    }
  }
}
