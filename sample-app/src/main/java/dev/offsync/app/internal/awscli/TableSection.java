package dev.offsync.app.internal.awscli;

import dev.offsync.app.internal.CliFailure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One boxed section of {@code --output table}: an optional title, optional column headers, rows of cells, and an
 * indentation level (each level is one {@code |} on both sides). It keeps the widest cell of each column and
 * computes the column widths the AWS CLI would.
 */
final class TableSection {
  private final String title;
  private final int indentLevel;
  private List<String> headers = List.of();
  private final List<List<String>> rows = new ArrayList<>();
  private final List<Integer> maxWidths = new ArrayList<>();
  private int columns = -1;

  /**
   * Creates an empty section.
   *
   * @param title its title, or {@code null} for none
   * @param indentLevel how deep it is nested
   */
  TableSection(String title, int indentLevel) {
    this.title = title;
    this.indentLevel = indentLevel;
  }

  String title() {
    return title;
  }

  int indentLevel() {
    return indentLevel;
  }

  List<String> headers() {
    return headers;
  }

  List<List<String>> rows() {
    return Collections.unmodifiableList(rows);
  }

  /**
   * Sets the column headers.
   *
   * @param headers the headers
   */
  void addHeaders(List<String> headers) {
    updateMaxWidths(headers);
    if (columns < 0) {
      columns = headers.size();
    }
    this.headers = List.copyOf(headers);
  }

  /**
   * Adds a row.
   *
   * @param row its cells
   * @throws CliFailure if the section already has rows (or headers) of another length, as the AWS CLI fails
   */
  void addRow(List<String> row) {
    if (columns < 0) {
      columns = row.size();
    }
    if (row.size() != columns) {
      throw new CliFailure("Row should have " + columns + " elements, instead it has " + row.size());
    }
    rows.add(List.copyOf(row));
    updateMaxWidths(row);
  }

  private void updateMaxWidths(List<String> cells) {
    if (maxWidths.isEmpty()) {
      for (String cell : cells) {
        maxWidths.add(DisplayWidth.of(cell));
      }
      return;
    }
    for (int i = 0; i < cells.size(); i++) {
      int width = DisplayWidth.of(cells.get(i));
      if (i < maxWidths.size()) {
        maxWidths.set(i, Math.max(width, maxWidths.get(i)));
      } else {
        maxWidths.add(width);
      }
    }
  }

  /**
   * Returns the widths of the columns, each its widest cell plus {@code padding}, scaled to add up to
   * {@code width} exactly (rounding half to even, then taking the difference off the first columns or adding it to
   * the last ones).
   *
   * @param padding added to each column before scaling
   * @param width the width to fill
   * @return the widths, empty when the section has no columns
   */
  List<Integer> columnWidths(int padding, int width) {
    List<Integer> scaled = new ArrayList<>();
    if (maxWidths.isEmpty()) {
      return scaled;
    }
    long sum = 0;
    for (int w : maxWidths) {
      sum += w + padding;
    }
    double factor = width / (double) sum;
    int total = 0;
    for (int w : maxWidths) {
      int s = (int) Math.rint(factor * (w + padding));
      scaled.add(s);
      total += s;
    }
    int offBy = total - width;
    while (offBy != 0) {
      for (int k = 0; k < scaled.size() && offBy != 0; k++) {
        int i = offBy < 0 ? scaled.size() - 1 - k : k;
        if (offBy > 0) {
          scaled.set(i, scaled.get(i) - 1);
          offBy--;
        } else {
          scaled.set(i, scaled.get(i) + 1);
          offBy++;
        }
      }
    }
    return scaled;
  }

  /**
   * Returns the width this section needs: its widest cells with {@code padding} each, its border and its
   * indentation, or its title with border and indentation if that is wider.
   *
   * @param padding added to each column
   * @return the width in columns
   */
  int totalWidth(int padding) {
    int total = 2 + 2 * indentLevel;
    for (int w : maxWidths) {
      total += w + padding;
    }
    // The AWS CLI measures a missing title as the text "None".
    int titleWidth = DisplayWidth.of(title == null ? "None" : title) + 2 + 2 * indentLevel;
    return Math.max(titleWidth, total);
  }

  /**
   * Returns this section turned on its side when it has headers and a single row: one row per header,
   * {@code header | value}; otherwise this section.
   *
   * @return the vertical section, or this one
   */
  TableSection vertical() {
    if (rows.size() != 1 || headers.isEmpty()) {
      return this;
    }
    TableSection vertical = new TableSection(title, indentLevel);
    List<String> row = rows.get(0);
    for (int i = 0; i < Math.min(headers.size(), row.size()); i++) {
      vertical.addRow(List.of(headers.get(i), row.get(i)));
    }
    return vertical;
  }
}
