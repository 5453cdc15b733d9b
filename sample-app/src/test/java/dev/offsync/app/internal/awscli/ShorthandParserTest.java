package dev.offsync.app.internal.awscli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ShorthandParserTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String json(String shorthand) {
    ObjectNode node = ShorthandParser.parse(shorthand);
    return node.toString();
  }

  @Test
  void parsesKeyValuePairs() {
    assertThat(json("Op=replace,Key=k,Value=v,SyncCount=0"))
        .isEqualTo("{\"Op\":\"replace\",\"Key\":\"k\",\"Value\":\"v\",\"SyncCount\":\"0\"}");
  }

  @Test
  void quotedValuesKeepCommasEqualsAndBraces() throws Exception {
    ObjectNode node = ShorthandParser.parse("Key=k,Value='{\"a\":1,\"b\":[2,3]}',SyncCount=0");
    assertThat(node.get("Value").asText()).isEqualTo("{\"a\":1,\"b\":[2,3]}");
    assertThat(JSON.readTree(node.get("Value").asText()).get("b").size()).isEqualTo(2);
    assertThat(ShorthandParser.parse("Value=\"say \\\"hi\\\", then=go\"").get("Value").asText())
        .isEqualTo("say \"hi\", then=go");
  }

  @Test
  void escapedCommaStaysInAnUnquotedValue() {
    assertThat(ShorthandParser.parse("Value=a\\,b,Key=k").get("Value").asText()).isEqualTo("a,b");
  }

  @Test
  void emptyValueIsAnEmptyString() {
    assertThat(ShorthandParser.parse("Key=k,Value=").get("Value").asText()).isEmpty();
  }

  @Test
  void equalsSignsInsideAValueAreKept() {
    assertThat(ShorthandParser.parse("Value=YWJj==,Key=k").get("Value").asText()).isEqualTo("YWJj==");
  }

  @Test
  void explicitListsAndCommaSeparatedValuesBecomeLists() {
    assertThat(json("ApplicationArns=[a,b],RoleArn=r"))
        .isEqualTo("{\"ApplicationArns\":[\"a\",\"b\"],\"RoleArn\":\"r\"}");
    assertThat(json("ApplicationArns=a,b,RoleArn=r"))
        .isEqualTo("{\"ApplicationArns\":[\"a\",\"b\"],\"RoleArn\":\"r\"}");
    assertThat(json("ApplicationArns=[]")).isEqualTo("{\"ApplicationArns\":[]}");
  }

  @Test
  void nestedStructures() {
    assertThat(json("Outer={Inner=x,List=[1,2]},Next=y"))
        .isEqualTo("{\"Outer\":{\"Inner\":\"x\",\"List\":[\"1\",\"2\"]},\"Next\":\"y\"}");
  }

  @Test
  void whitespaceAroundTokensIsIgnored() {
    assertThat(json(" Op = replace , Key = k ")).isEqualTo("{\"Op\":\"replace\",\"Key\":\"k\"}");
  }

  @Test
  void malformedInputIsRejectedWithItsColumn() {
    assertThatThrownBy(() -> ShorthandParser.parse("Op"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("expected '='");
    assertThatThrownBy(() -> ShorthandParser.parse("Value='open"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("unterminated");
    assertThatThrownBy(() -> ShorthandParser.parse("Key=a,Key=b"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("given twice");
    assertThatThrownBy(() -> ShorthandParser.parse("=x"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("column 1");
    assertThatThrownBy(() -> ShorthandParser.parse("L=[a,b"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("expected ']'");
  }
}
