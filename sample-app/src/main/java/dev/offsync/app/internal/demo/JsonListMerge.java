package dev.offsync.app.internal.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.offsync.ConflictResolvers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A three-way merge of JSON lists of strings, item by item against the base: items either side added are kept
 * (remote order first, then local additions), items either side removed stay removed. Values that are not JSON
 * lists are not merged: the local value wins.
 *
 * <p>For example base {@code ["milk","eggs"]}, local {@code ["milk","eggs","coffee"]} and remote
 * {@code ["milk","bread"]} merge to {@code ["milk","bread","coffee"]}.
 */
public final class JsonListMerge implements ConflictResolvers.MergeFunction {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Creates the merge. */
  public JsonListMerge() {}

  @Override
  public String merge(String base, String local, String remote) {
    List<String> localItems = items(local);
    List<String> remoteItems = items(remote);
    if (localItems == null || remoteItems == null) {
      return local;
    }
    List<String> baseItems = items(base);
    Set<String> baseSet = new LinkedHashSet<>(baseItems == null ? List.of() : baseItems);
    Set<String> localSet = new LinkedHashSet<>(localItems);
    Set<String> merged = new LinkedHashSet<>();
    for (String item : remoteItems) {
      boolean removedLocally = baseSet.contains(item) && !localSet.contains(item);
      if (!removedLocally) {
        merged.add(item);
      }
    }
    for (String item : localItems) {
      if (!baseSet.contains(item)) {
        merged.add(item);
      }
    }
    return write(new ArrayList<>(merged));
  }

  /**
   * Parses a JSON list of strings.
   *
   * @param value the value, or {@code null}
   * @return the items; empty for {@code null}; {@code null} if the value is not a JSON list of strings
   */
  static List<String> items(String value) {
    if (value == null) {
      return List.of();
    }
    try {
      JsonNode node = JSON.readTree(value);
      if (node == null || !node.isArray()) {
        return null;
      }
      List<String> items = new ArrayList<>();
      for (JsonNode item : node) {
        if (!item.isTextual()) {
          return null;
        }
        items.add(item.asText());
      }
      return items;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /**
   * Writes a JSON list of strings.
   *
   * @param items the items
   * @return e.g. {@code ["milk","bread"]}
   */
  static String write(List<String> items) {
    ArrayNode array = JSON.createArrayNode();
    items.forEach(array::add);
    return array.toString();
  }
}
