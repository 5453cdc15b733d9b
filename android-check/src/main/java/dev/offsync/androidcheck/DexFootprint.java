package dev.offsync.androidcheck;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The size of a set of classes*.dex files and their method ids ({@code method_ids_size} of each dex header). */
final class DexFootprint {
  final int dexFiles;
  final long bytes;
  final long methodIds;
  final long classDefs;

  private DexFootprint(int dexFiles, long bytes, long methodIds, long classDefs) {
    this.dexFiles = dexFiles;
    this.bytes = bytes;
    this.methodIds = methodIds;
    this.classDefs = classDefs;
  }

  static DexFootprint of(Path dir) throws IOException {
    List<Path> dexes;
    try (Stream<Path> s = Files.list(dir)) {
      dexes = s.filter(p -> p.getFileName().toString().matches("classes\\d*\\.dex")).sorted()
          .collect(Collectors.toList());
    }
    if (dexes.isEmpty()) {
      throw new IOException("no classes*.dex in " + dir);
    }
    long bytes = 0;
    long methods = 0;
    long classes = 0;
    for (Path dex : dexes) {
      byte[] header = new byte[0x70];
      try (var in = Files.newInputStream(dex)) {
        if (in.readNBytes(header, 0, header.length) != header.length
            || header[0] != 'd' || header[1] != 'e' || header[2] != 'x') {
          throw new IOException("not a dex file: " + dex);
        }
      }
      ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
      bytes += Files.size(dex);
      methods += Integer.toUnsignedLong(b.getInt(0x58)); // method_ids_size
      classes += Integer.toUnsignedLong(b.getInt(0x60)); // class_defs_size
    }
    return new DexFootprint(dexes.size(), bytes, methods, classes);
  }

  @Override
  public String toString() {
    return String.format("%,9d bytes  %,7d method ids  %,5d classes  (%d dex)", bytes, methodIds, classDefs, dexFiles);
  }
}
