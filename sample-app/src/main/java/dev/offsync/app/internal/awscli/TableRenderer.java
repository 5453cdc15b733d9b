package dev.offsync.app.internal.awscli;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws the sections of {@code --output table} as the AWS CLI does: all sections as wide as the widest one, a
 * {@code ---} line on top, titles centred between {@code |}, headers centred, cells left-aligned after two spaces,
 * {@code +---+} rules around headers and rows, nested sections framed by one more {@code |} on each side per level.
 * Output that would be wider than the terminal (80 columns: the AWS CLI's width when it cannot ask a terminal,
 * which is whenever its output is piped) turns every single-row section with headers on its side first.
 */
final class TableRenderer {
  /** The width the AWS CLI assumes without a terminal. */
  static final int TERMINAL_WIDTH = 80;
  private static final int PADDING = 4;

  private TableRenderer() {}

  /**
   * Draws sections.
   *
   * @param sections the sections, at least one
   * @return the table, each line ending with a newline
   */
  static String render(List<TableSection> sections) {
    List<TableSection> current = new ArrayList<>(sections);
    int width = maxWidth(current);
    if (width > TERMINAL_WIDTH) {
      current.replaceAll(TableSection::vertical);
      width = maxWidth(current);
    }
    StringBuilder out = new StringBuilder();
    out.append("-".repeat(width)).append('\n');
    for (TableSection section : current) {
      section(section, width, out);
    }
    return out.toString();
  }

  private static int maxWidth(List<TableSection> sections) {
    int max = 0;
    for (TableSection section : sections) {
      max = Math.max(max, section.totalWidth(PADDING));
    }
    return max;
  }

  private static void section(TableSection section, int tableWidth, StringBuilder out) {
    String indent = "|".repeat(section.indentLevel());
    int width = tableWidth - 2 * section.indentLevel();
    List<String> lines = new ArrayList<>();
    String title = section.title();
    if (title != null && !title.isEmpty()) {
      lines.add(center(title, width, "|", "|"));
      if (section.headers().isEmpty() && section.rows().isEmpty()) {
        lines.add("+" + repeat('-', width - 2) + "+");
      }
    }
    if (!section.headers().isEmpty()) {
      List<Integer> widths = section.columnWidths(PADDING, width);
      StringBuilder header = new StringBuilder();
      for (int i = 0; i < Math.min(widths.size(), section.headers().size()); i++) {
        header.append(center(section.headers().get(i), widths.get(i), i == 0 ? "|" : "", "|"));
      }
      lines.add(rule(widths));
      lines.add(header.toString());
    }
    if (!section.rows().isEmpty()) {
      List<Integer> widths = section.columnWidths(PADDING, width);
      if (!widths.isEmpty()) {
        lines.add(rule(widths));
        for (List<String> row : section.rows()) {
          StringBuilder line = new StringBuilder();
          for (int i = 0; i < Math.min(widths.size(), row.size()); i++) {
            line.append(alignLeft(row.get(i), widths.get(i), i == 0 ? "|" : "", "|"));
          }
          lines.add(line.toString());
        }
        lines.add(rule(widths));
      }
    }
    for (String line : lines) {
      out.append(indent).append(line).append(indent).append('\n');
    }
  }

  /** {@code +-----+------+}: the first column has both corners, the others their right one. */
  private static String rule(List<Integer> widths) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < widths.size(); i++) {
      out.append(i == 0 ? "+" + repeat('-', widths.get(i) - 2) + "+" : repeat('-', widths.get(i) - 1) + "+");
    }
    return out.toString();
  }

  /** Centres text in {@code length} columns, the edges included; a text too wide overflows. */
  private static String center(String text, int length, String left, String right) {
    int textWidth = DisplayWidth.of(text);
    int start = Math.floorDiv(length, 2) - Math.floorDiv(textWidth, 2) - 1;
    int soFar = DisplayWidth.of(left) + start + textWidth;
    int rightSpaces = length - DisplayWidth.of(right) - soFar;
    return left + repeat(' ', start) + text + repeat(' ', rightSpaces) + right;
  }

  /** Left-aligns text after two spaces (none if it would not fit) in {@code length} columns, edges included. */
  private static String alignLeft(String text, int length, String left, String right) {
    int textWidth = DisplayWidth.of(text);
    int padding = length - (textWidth + 2 + DisplayWidth.of(left) + DisplayWidth.of(right)) >= 0 ? 2 : 0;
    int soFar = left.length() + padding + textWidth;
    return left + repeat(' ', padding) + text + repeat(' ', length - soFar - right.length()) + right;
  }

  private static String repeat(char c, int times) {
    return times <= 0 ? "" : String.valueOf(c).repeat(times);
  }
}
