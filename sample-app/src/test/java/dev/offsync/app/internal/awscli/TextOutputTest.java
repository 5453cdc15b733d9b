package dev.offsync.app.internal.awscli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * {@code --output text}: the AWS CLI's layout of tab-separated values.
 *
 * <p>Every expected output was printed by the AWS CLI's own text formatter for the same JSON (awscli 1.45's
 * {@code awscli/text.py}, which AWS CLI v2 shares), on a pipe: 80 columns.
 */
class TextOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Parses JSON written with single quotes, for readability. */
  private static JsonNode json(String singleQuoted) throws Exception {
    return JSON.readTree(singleQuoted.replace('\'', '"'));
  }

  /** The top-level scalars, then nested members by sorted key; records are rows with the union of their keys. */
  @Test
  void aListRecordsResponse() throws Exception {
    JsonNode value = json("{'Records': [{'Key': 'a', 'Value': '1', 'SyncCount': 1, "
        + "'LastModifiedDate': '2024-05-01T12:00:00.250000+00:00', "
        + "'LastModifiedBy': 'us-east-1:1111', "
        + "'DeviceLastModifiedDate': '2024-05-01T11:59:00+00:00'}, {'Key': 'gone', 'SyncCount': 2, "
        + "'LastModifiedDate': '2024-05-01T12:00:01.000000+00:00', "
        + "'LastModifiedBy': 'us-east-1:1111'}], 'Count': 2, 'DatasetSyncCount': 2, "
        + "'LastModifiedBy': 'us-east-1:1111', 'MergedDatasetNames': ['settings.1', 'settings.2'], "
        + "'DatasetExists': true, 'DatasetDeletedAfterRequestedSyncCount': false, "
        + "'SyncSessionToken': 'tok'}");

    assertThat(TextOutput.format(value)).isEqualTo("""
        2\tFalse\tTrue\t2\tus-east-1:1111\ttok
        MERGEDDATASETNAMES\tsettings.1
        MERGEDDATASETNAMES\tsettings.2
        RECORDS\t2024-05-01T11:59:00+00:00\ta\tus-east-1:1111\t2024-05-01T12:00:00.250000+00:00\t1\t1
        RECORDS\t\tgone\tus-east-1:1111\t2024-05-01T12:00:01.000000+00:00\t2\t
        """);
  }

  /** Objects within objects, and a list of scalars under a member. */
  @Test
  void nestedObjectsAndListsOfScalars() throws Exception {
    JsonNode value = json("{'IdentityPoolId': 'us-east-1:pool', 'PushSync': {'ApplicationArns': ['arn:app/1', "
        + "'arn:app/2'], 'RoleArn': 'arn:role'}, 'CognitoStreams': {'StreamName': 'events', "
        + "'RoleArn': 'arn:role', 'StreamingStatus': 'ENABLED'}}");

    assertThat(TextOutput.format(value)).isEqualTo("""
        us-east-1:pool
        COGNITOSTREAMS\tarn:role\tevents\tENABLED
        PUSHSYNC\tarn:role
        APPLICATIONARNS\tarn:app/1
        APPLICATIONARNS\tarn:app/2
        """);
  }

  /** null, booleans and floats are written as Python writes them. */
  @Test
  void scalarsAsPythonWritesThem() throws Exception {
    JsonNode value = json("{'k': null, 'f': false, 't': true, 'n': 1.5, 'z': 0, 'e': '', 'big': 1e+20, "
        + "'small': 1e-05, 'i': 12}");

    assertThat(TextOutput.format(value)).isEqualTo("""
        1e+20\t\tFalse\t12\tNone\t1.5\t1e-05\tTrue\t0
        """);
  }

  /** Objects of a list that have list members: each followed by its nested lines. */
  @Test
  void listOfObjectsWithNestedMembers() throws Exception {
    JsonNode value = json("{'Usages': [{'Pool': 'p1', 'Tags': ['x', 'y']}, {'Pool': 'p2', 'Tags': ['z']}]}");

    assertThat(TextOutput.format(value)).isEqualTo("""
        USAGES\tp1
        TAGS\tx
        TAGS\ty
        USAGES\tp2
        TAGS\tz
        """);
  }

  /** A projection such as Datasets[].[DatasetName,NumRecords]. */
  @Test
  void listOfListsAsRows() throws Exception {
    JsonNode value = json("[['notes', 1], ['settings', 4]]");

    assertThat(TextOutput.format(value)).isEqualTo("""
        notes\t1
        settings\t4
        """);
  }

  /** An object member with several scalars. */
  @Test
  void singleObjectMember() throws Exception {
    JsonNode value = json("{'Dataset': {'IdentityId': 'us-east-1:11111111-2222-3333-4444-555555555555', "
        + "'DatasetName': 'settings', 'NumRecords': 4}}");

    assertThat(TextOutput.format(value)).isEqualTo("""
        DATASET\tsettings\tus-east-1:11111111-2222-3333-4444-555555555555\t4
        """);
  }

  /** Wide and ambiguous characters. */
  @Test
  void wideCharacters() throws Exception {
    JsonNode value = json("{'キー': '値', 'Größe': '×2'}");

    assertThat(TextOutput.format(value)).isEqualTo("""
        ×2\t値
        """);
  }

  @Test
  void aLoneScalarIsOneLineAndNothingPrintsNothing() throws Exception {
    assertThat(TextOutput.format(json("'dark'"))).isEqualTo("dark\n");
    assertThat(TextOutput.format(json("null"))).isEqualTo("None\n");
    assertThat(TextOutput.format(json("['a', 'b', 3]"))).isEqualTo("a\tb\t3\n");
    assertThat(TextOutput.format(json("[]"))).isEmpty();
    assertThat(TextOutput.format(json("{}"))).isEmpty();
  }

  @Test
  void pythonReprInsideContainersAndPythonFloats() throws Exception {
    assertThat(TextOutput.format(json("[{'a': 1}, {'a': {'b': [null, true, 'it']}}]")))
        .isEqualTo("1\n{'b': [None, True, 'it']}\n");
    assertThat(PythonText.floatRepr(1e16)).isEqualTo("1e+16");
    assertThat(PythonText.floatRepr(1e15)).isEqualTo("1000000000000000.0");
    assertThat(PythonText.floatRepr(0.0001)).isEqualTo("0.0001");
    assertThat(PythonText.floatRepr(-0.0)).isEqualTo("-0.0");
    assertThat(PythonText.floatRepr(123456789.123)).isEqualTo("123456789.123");
    assertThat(PythonText.floatRepr(Double.MIN_VALUE)).isEqualTo("5e-324");
    assertThat(JsonOutput.format(json("{'big': 1e20, 'small': 0.00001, 'n': [2.0]}")))
        .isEqualTo("{\n    \"big\": 1e+20,\n    \"small\": 1e-05,\n    \"n\": [\n        2.0\n    ]\n}");
  }
}
