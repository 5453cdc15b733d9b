package dev.offsync.app.internal.awscli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Prints a JSON value as the AWS CLI's {@code --output text}: tab-separated lines.
 *
 * <ul>
 *   <li>A scalar is one line ({@code None} for null, {@code True}/{@code False}, see {@link PythonText}).
 *   <li>An object prints one line with its scalar values in the order of their sorted keys, prefixed by the
 *       upper-cased name of the member that holds it (none at the top); then each list or object member, sorted by
 *       key, with that member's name as its prefix.
 *   <li>A list of scalars is one line of tab-separated values at the top, and one {@code NAME\tvalue} line per
 *       element under a member.
 *   <li>A list of objects prints a row per object; the columns are the sorted keys of all the scalar members of
 *       all the objects, an object without one of them leaves its cell empty.
 * </ul>
 */
final class TextOutput {
  private TextOutput() {}

  /**
   * Formats a value.
   *
   * @param value the (queried) response
   * @return the text, each line ending with a newline; empty when there is nothing to print
   */
  static String format(JsonNode value) {
    StringBuilder out = new StringBuilder();
    item(value, null, null, out);
    return out.toString();
  }

  private static void item(JsonNode item, String identifier, List<String> scalarKeys, StringBuilder out) {
    if (item != null && item.isObject()) {
      object(item, identifier, scalarKeys, out);
    } else if (item != null && item.isArray()) {
      list(item, identifier, out);
    } else {
      out.append(PythonText.str(item)).append('\n');
    }
  }

  private static void list(JsonNode list, String identifier, StringBuilder out) {
    if (list.isEmpty()) {
      return;
    }
    boolean hasObject = false;
    boolean hasList = false;
    for (JsonNode element : list) {
      hasObject |= element.isObject();
      hasList |= element.isArray();
    }
    if (hasObject) {
      List<String> keys = scalarKeysOfAll(list);
      for (JsonNode element : list) {
        item(element, identifier, keys, out);
      }
    } else if (hasList) {
      List<JsonNode> scalars = new ArrayList<>();
      List<JsonNode> lists = new ArrayList<>();
      for (JsonNode element : list) {
        (PythonText.isScalar(element) ? scalars : lists).add(element);
      }
      if (!scalars.isEmpty()) {
        scalarList(scalars, identifier, out);
      }
      for (JsonNode nested : lists) {
        item(nested, identifier, null, out);
      }
    } else {
      List<JsonNode> all = new ArrayList<>();
      list.forEach(all::add);
      scalarList(all, identifier, out);
    }
  }

  private static void scalarList(List<JsonNode> elements, String identifier, StringBuilder out) {
    if (identifier != null) {
      for (JsonNode element : elements) {
        out.append(upper(identifier)).append('\t').append(PythonText.str(element)).append('\n');
      }
      return;
    }
    List<String> values = new ArrayList<>();
    for (JsonNode element : elements) {
      values.add(PythonText.str(element));
    }
    out.append(String.join("\t", values)).append('\n');
  }

  private static void object(JsonNode object, String identifier, List<String> scalarKeys, StringBuilder out) {
    List<String> scalars = new ArrayList<>();
    List<Map.Entry<String, JsonNode>> nested = new ArrayList<>();
    if (scalarKeys == null) {
      for (String key : PythonText.sortedKeys(object)) {
        JsonNode value = object.get(key);
        if (PythonText.isScalar(value)) {
          scalars.add(PythonText.str(value));
        } else {
          nested.add(Map.entry(key, value));
        }
      }
    } else {
      for (String key : scalarKeys) {
        JsonNode value = object.get(key);
        scalars.add(value == null ? "" : PythonText.str(value));
      }
      for (String key : PythonText.sortedKeys(object)) {
        if (!scalarKeys.contains(key)) {
          nested.add(Map.entry(key, object.get(key)));
        }
      }
    }
    if (!scalars.isEmpty()) {
      if (identifier != null) {
        scalars.add(0, upper(identifier));
      }
      out.append(String.join("\t", scalars)).append('\n');
    }
    for (Map.Entry<String, JsonNode> member : nested) {
      item(member.getValue(), member.getKey(), null, out);
    }
  }

  private static List<String> scalarKeysOfAll(JsonNode list) {
    TreeSet<String> keys = new TreeSet<>(PythonText.KEY_ORDER);
    for (JsonNode element : list) {
      if (!element.isObject()) {
        continue;
      }
      for (Map.Entry<String, JsonNode> member : element.properties()) {
        if (PythonText.isScalar(member.getValue())) {
          keys.add(member.getKey());
        }
      }
    }
    return new ArrayList<>(keys);
  }

  private static String upper(String identifier) {
    return identifier.toUpperCase(Locale.ROOT);
  }
}
