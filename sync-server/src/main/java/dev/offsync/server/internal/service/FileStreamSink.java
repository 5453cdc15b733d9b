package dev.offsync.server.internal.service;

import dev.offsync.server.spi.StreamSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The default {@link StreamSink}: appends the lines, each terminated by {@code \n}, to
 * {@code <stream directory>/<StreamName>.jsonl} in one locked append (see {@link StreamFiles}), the same file bulk
 * publish writes to.
 */
public final class FileStreamSink implements StreamSink {
  private final Path streamDirectory;

  /**
   * Creates the sink.
   *
   * @param streamDirectory the stream directory (created when first written)
   */
  public FileStreamSink(Path streamDirectory) {
    this.streamDirectory = Objects.requireNonNull(streamDirectory, "streamDirectory == null");
  }

  @Override
  public void publish(String streamName, List<String> jsonLines) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    for (String line : jsonLines) {
      buffer.write(line.getBytes(StandardCharsets.UTF_8));
      buffer.write('\n');
    }
    StreamFiles.append(StreamFiles.streamFile(streamDirectory, streamName), buffer::writeTo);
  }
}
