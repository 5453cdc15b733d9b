package dev.offsync.app.internal.awscli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The number of columns a text takes in {@code --output table}, counted as the AWS CLI counts it: two for each
 * code point of East Asian Width wide, fullwidth or ambiguous, one for every other. The ranges are a bundled
 * resource ({@value #RESOURCE}).
 */
final class DisplayWidth {
  static final String RESOURCE = "east-asian-wide.txt";

  /** Sorted, disjoint: starts[i]..ends[i] are two columns wide. */
  private static final int[] STARTS;
  private static final int[] ENDS;

  static {
    List<int[]> ranges = new ArrayList<>();
    try (InputStream in = DisplayWidth.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int dots = line.indexOf("..");
        ranges.add(new int[] {
            Integer.parseInt(line.substring(0, dots), 16), Integer.parseInt(line.substring(dots + 2), 16)});
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    STARTS = ranges.stream().mapToInt(r -> r[0]).toArray();
    ENDS = ranges.stream().mapToInt(r -> r[1]).toArray();
  }

  private DisplayWidth() {}

  /**
   * Returns the width of a text in columns.
   *
   * @param text the text
   * @return its width
   */
  static int of(String text) {
    Objects.requireNonNull(text, "text == null");
    int width = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      width += isWide(codePoint) ? 2 : 1;
      i += Character.charCount(codePoint);
    }
    return width;
  }

  private static boolean isWide(int codePoint) {
    if (codePoint < 0xA1) {
      return false;
    }
    int i = Arrays.binarySearch(STARTS, codePoint);
    if (i >= 0) {
      return true;
    }
    int before = -i - 2;
    return before >= 0 && codePoint <= ENDS[before];
  }
}
