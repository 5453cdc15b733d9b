package dev.offsync.app.internal.awscli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Lays a JSON value out as the AWS CLI's {@code --output table}, without the service model, drawn by
 * {@link TableRenderer}.
 *
 * <ul>
 *   <li>The table is titled with the operation's name ({@code ListRecords}).
 *   <li>An object with several scalar members is one row under headers (its sorted keys); with one, a
 *       {@code key | value} row. Each list or object member, sorted by key, follows as a sub-table titled with the
 *       member's name and nested one level deeper.
 *   <li>A list of objects is a table whose headers are the sorted scalar keys of all of them, one row each (an
 *       empty cell where an object lacks a key); when they have list or object members, each object gets its own
 *       section followed by its sub-tables.
 *   <li>A list of scalars is one row per element; a list of lists of scalars, one row per inner list.
 *   <li>An empty or false value ({@code null}, {@code false}, {@code 0}, {@code ""}, {@code []}, <code>{}</code>)
 *       prints nothing, and a lone scalar prints only the title.
 * </ul>
 */
final class TableOutput {
  private final List<TableSection> sections = new ArrayList<>();

  private TableOutput() {}

  /**
   * Formats a value.
   *
   * @param title the operation's name
   * @param value the (queried) response
   * @return the table, each line ending with a newline; empty when there is nothing to print
   */
  static String format(String title, JsonNode value) {
    Objects.requireNonNull(title, "title == null");
    TableOutput table = new TableOutput();
    if (!table.build(title, value, 0)) {
      return "";
    }
    return TableRenderer.render(table.sections);
  }

  private TableSection current() {
    return sections.get(sections.size() - 1);
  }

  private void newSection(String title, int indentLevel) {
    sections.add(new TableSection(title, indentLevel));
  }

  private boolean build(String title, JsonNode value, int indentLevel) {
    if (PythonText.isFalsy(value)) {
      return false;
    }
    if (title != null) {
      newSection(title, indentLevel);
    }
    if (value.isArray()) {
      if (value.get(0).isObject()) {
        listOfObjects(value, indentLevel, title);
      } else {
        for (JsonNode item : value) {
          if (PythonText.isScalar(item)) {
            current().addRow(List.of(PythonText.str(item)));
          } else if (allScalar(item)) {
            current().addRow(cells(item));
          } else {
            build(null, item, 0);
          }
        }
      }
    }
    if (value.isObject()) {
      object(value, indentLevel);
    }
    return true;
  }

  /** Python iterates a list's elements but an object's keys, and keys are always scalars. */
  private static boolean allScalar(JsonNode item) {
    if (item.isObject()) {
      return true;
    }
    for (JsonNode element : item) {
      if (!PythonText.isScalar(element)) {
        return false;
      }
    }
    return true;
  }

  private static List<String> cells(JsonNode item) {
    List<String> cells = new ArrayList<>();
    if (item.isObject()) {
      item.fieldNames().forEachRemaining(cells::add);
    } else {
      item.forEach(element -> cells.add(PythonText.str(element)));
    }
    return cells;
  }

  private void object(JsonNode object, int indentLevel) {
    List<String> headers = new ArrayList<>();
    List<String> more = new ArrayList<>();
    for (String key : PythonText.sortedKeys(object)) {
      (PythonText.isScalar(object.get(key)) ? headers : more).add(key);
    }
    if (headers.size() == 1) {
      current().addRow(List.of(headers.get(0), PythonText.str(object.get(headers.get(0)))));
    } else if (!headers.isEmpty()) {
      current().addHeaders(headers);
      List<String> row = new ArrayList<>();
      for (String key : headers) {
        row.add(PythonText.str(object.get(key)));
      }
      current().addRow(row);
    }
    for (String key : more) {
      build(key, object.get(key), indentLevel + 1);
    }
  }

  private void listOfObjects(JsonNode list, int indentLevel, String title) {
    TreeSet<String> headerSet = new TreeSet<>(PythonText.KEY_ORDER);
    TreeSet<String> moreSet = new TreeSet<>(PythonText.KEY_ORDER);
    for (JsonNode element : list) {
      for (Map.Entry<String, JsonNode> member : element.properties()) {
        (PythonText.isScalar(member.getValue()) ? headerSet : moreSet).add(member.getKey());
      }
    }
    List<String> headers = new ArrayList<>(headerSet);
    List<String> more = new ArrayList<>(moreSet);
    current().addHeaders(headers);
    boolean first = true;
    for (JsonNode element : list) {
      if (!first && !more.isEmpty()) {
        newSection(title, indentLevel);
        current().addHeaders(headers);
      }
      first = false;
      List<String> row = new ArrayList<>();
      for (String header : headers) {
        JsonNode value = element.get(header);
        row.add(value == null ? "" : PythonText.str(value));
      }
      current().addRow(row);
      for (String key : more) {
        if (element.has(key)) {
          build(key, element.get(key), indentLevel + 1);
        }
      }
    }
  }
}
