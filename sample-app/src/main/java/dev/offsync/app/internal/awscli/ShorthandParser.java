package dev.offsync.app.internal.awscli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Objects;

/**
 * Parses the AWS CLI's shorthand syntax into a JSON tree of strings, lists and objects, e.g.
 * {@code Op=replace,Key=k,Value=v,SyncCount=0} or {@code RoleArn=arn:...,ApplicationArns=[a,b]}.
 *
 * <p>The grammar follows the AWS CLI: {@code key=value} pairs separated by commas; a value is unquoted (ends at
 * the next {@code ,} unless escaped as {@code \,}), single- or double-quoted (backslash escapes the quote), a list
 * {@code [a,b]}, an object {@code {k=v,...}}, or comma-separated values {@code k=a,b} (a list, as long as the part
 * after a comma does not look like {@code key=}). Values stay strings here; {@link ShapeCoercer} converts them by
 * the model.
 */
public final class ShorthandParser {
  private final String input;
  private int pos;

  private ShorthandParser(String input) {
    this.input = input;
  }

  /**
   * Parses one shorthand expression.
   *
   * @param input the text, e.g. {@code Op=replace,Key=k,SyncCount=0}
   * @return an object whose values are text, array or object nodes
   * @throws InputException if the text is not valid shorthand
   */
  public static ObjectNode parse(String input) {
    Objects.requireNonNull(input, "input == null");
    ShorthandParser parser = new ShorthandParser(input);
    ObjectNode result = parser.keyValues(false);
    parser.skipWhitespace();
    if (!parser.atEnd()) {
      throw parser.error("unexpected '" + parser.peek() + "'");
    }
    return result;
  }

  private ObjectNode keyValues(boolean insideBraces) {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    while (true) {
      skipWhitespace();
      if (insideBraces && !atEnd() && peek() == '}' && object.isEmpty()) {
        return object;
      }
      String key = key();
      skipWhitespace();
      expect('=');
      skipWhitespace();
      JsonNode value = values(insideBraces);
      if (object.has(key)) {
        throw error("key \"" + key + "\" given twice");
      }
      object.set(key, value);
      skipWhitespace();
      if (atEnd() || (insideBraces && peek() == '}')) {
        return object;
      }
      expect(',');
    }
  }

  private String key() {
    int start = pos;
    while (!atEnd() && isKeyChar(peek())) {
      pos++;
    }
    if (start == pos) {
      throw error(atEnd() ? "expected a key" : "expected a key but found '" + peek() + "'");
    }
    return input.substring(start, pos);
  }

  private static boolean isKeyChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '#' || c == '/' || c == ':';
  }

  private JsonNode values(boolean insideBraces) {
    if (!atEnd() && peek() == '[') {
      return explicitList();
    }
    if (!atEnd() && peek() == '{') {
      return hash();
    }
    String terminators = insideBraces ? ",}" : ",";
    TextNode first = value(terminators);
    skipWhitespace();
    if (atEnd() || peek() != ',') {
      return first;
    }
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    list.add(first);
    while (!atEnd() && peek() == ',') {
      int comma = pos;
      pos++;
      skipWhitespace();
      if (looksLikeKeyAssignment()) {
        pos = comma;
        break;
      }
      list.add(value(terminators));
      skipWhitespace();
    }
    return list.size() == 1 ? first : list;
  }

  private boolean looksLikeKeyAssignment() {
    int i = pos;
    while (i < input.length() && isKeyChar(input.charAt(i))) {
      i++;
    }
    if (i == pos) {
      return false;
    }
    while (i < input.length() && Character.isWhitespace(input.charAt(i))) {
      i++;
    }
    return i < input.length() && input.charAt(i) == '=';
  }

  private ArrayNode explicitList() {
    expect('[');
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    skipWhitespace();
    if (!atEnd() && peek() == ']') {
      pos++;
      return list;
    }
    while (true) {
      skipWhitespace();
      if (!atEnd() && peek() == '[') {
        list.add(explicitList());
      } else if (!atEnd() && peek() == '{') {
        list.add(hash());
      } else {
        list.add(value(",]"));
      }
      skipWhitespace();
      if (!atEnd() && peek() == ',') {
        pos++;
        continue;
      }
      expect(']');
      return list;
    }
  }

  private ObjectNode hash() {
    expect('{');
    ObjectNode object = keyValues(true);
    skipWhitespace();
    expect('}');
    return object;
  }

  private TextNode value(String terminators) {
    if (!atEnd() && (peek() == '\'' || peek() == '"')) {
      return TextNode.valueOf(quoted(peek()));
    }
    StringBuilder out = new StringBuilder();
    while (!atEnd()) {
      char c = peek();
      if (c == '\\' && pos + 1 < input.length() && input.charAt(pos + 1) == ',') {
        out.append(',');
        pos += 2;
        continue;
      }
      if (terminators.indexOf(c) >= 0) {
        break;
      }
      out.append(c);
      pos++;
    }
    return TextNode.valueOf(out.toString().strip());
  }

  private String quoted(char quote) {
    int start = pos;
    pos++;
    StringBuilder out = new StringBuilder();
    while (!atEnd()) {
      char c = peek();
      if (c == '\\' && pos + 1 < input.length()
          && (input.charAt(pos + 1) == quote || input.charAt(pos + 1) == '\\')) {
        out.append(input.charAt(pos + 1));
        pos += 2;
        continue;
      }
      if (c == quote) {
        pos++;
        return out.toString();
      }
      out.append(c);
      pos++;
    }
    pos = start;
    throw error("unterminated quoted value");
  }

  private void expect(char c) {
    if (atEnd()) {
      throw error("expected '" + c + "' but the input ended");
    }
    if (peek() != c) {
      throw error("expected '" + c + "' but found '" + peek() + "'");
    }
    pos++;
  }

  private void skipWhitespace() {
    while (!atEnd() && Character.isWhitespace(peek())) {
      pos++;
    }
  }

  private boolean atEnd() {
    return pos >= input.length();
  }

  private char peek() {
    return input.charAt(pos);
  }

  private InputException error(String what) {
    return new InputException(
        "invalid shorthand syntax at column " + (pos + 1) + " of \"" + abbreviate(input) + "\": " + what);
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
