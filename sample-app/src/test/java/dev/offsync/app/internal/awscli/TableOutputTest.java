package dev.offsync.app.internal.awscli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offsync.app.internal.CliFailure;
import org.junit.jupiter.api.Test;

/**
 * {@code --output table}: the AWS CLI's boxed tables, titled with the operation's name.
 *
 * <p>Every expected output was printed by the AWS CLI's own table formatter for the same JSON (awscli 1.45's
 * {@code awscli/formatter.py and awscli/table.py}, which AWS CLI v2 shares), on a pipe: 80 columns.
 */
class TableOutputTest {
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

    assertThat(TableOutput.format("ListRecords", value)).isEqualTo("""
        ---------------------------------------------------------------------------------------------------------------------
        |                                                    ListRecords                                                    |
        +-------------------------------------------------------------------------------+-----------------------------------+
        |  Count                                                                        |  2                                |
        |  DatasetDeletedAfterRequestedSyncCount                                        |  False                            |
        |  DatasetExists                                                                |  True                             |
        |  DatasetSyncCount                                                             |  2                                |
        |  LastModifiedBy                                                               |  us-east-1:1111                   |
        |  SyncSessionToken                                                             |  tok                              |
        +-------------------------------------------------------------------------------+-----------------------------------+
        ||                                               MergedDatasetNames                                                ||
        |+-----------------------------------------------------------------------------------------------------------------+|
        ||  settings.1                                                                                                     ||
        ||  settings.2                                                                                                     ||
        |+-----------------------------------------------------------------------------------------------------------------+|
        ||                                                     Records                                                     ||
        |+----------------------------+-------+-----------------+------------------------------------+------------+--------+|
        ||   DeviceLastModifiedDate   |  Key  | LastModifiedBy  |         LastModifiedDate           | SyncCount  | Value  ||
        |+----------------------------+-------+-----------------+------------------------------------+------------+--------+|
        ||  2024-05-01T11:59:00+00:00 |  a    |  us-east-1:1111 |  2024-05-01T12:00:00.250000+00:00  |  1         |  1     ||
        ||                            |  gone |  us-east-1:1111 |  2024-05-01T12:00:01.000000+00:00  |  2         |        ||
        |+----------------------------+-------+-----------------+------------------------------------+------------+--------+|
        """);
  }

  /** Objects within objects, and a list of scalars under a member. */
  @Test
  void nestedObjectsAndListsOfScalars() throws Exception {
    JsonNode value = json("{'IdentityPoolId': 'us-east-1:pool', 'PushSync': {'ApplicationArns': ['arn:app/1', "
        + "'arn:app/2'], 'RoleArn': 'arn:role'}, 'CognitoStreams': {'StreamName': 'events', "
        + "'RoleArn': 'arn:role', 'StreamingStatus': 'ENABLED'}}");

    assertThat(TableOutput.format("GetIdentityPoolConfiguration", value)).isEqualTo("""
        -------------------------------------------------
        |         GetIdentityPoolConfiguration          |
        +----------------------+------------------------+
        |  IdentityPoolId      |  us-east-1:pool        |
        +----------------------+------------------------+
        ||               CognitoStreams                ||
        |+----------+--------------+-------------------+|
        ||  RoleArn | StreamName   |  StreamingStatus  ||
        |+----------+--------------+-------------------+|
        ||  arn:role|  events      |  ENABLED          ||
        |+----------+--------------+-------------------+|
        ||                  PushSync                   ||
        |+--------------------+------------------------+|
        ||  RoleArn           |  arn:role              ||
        |+--------------------+------------------------+|
        |||              ApplicationArns              |||
        ||+-------------------------------------------+||
        |||  arn:app/1                                |||
        |||  arn:app/2                                |||
        ||+-------------------------------------------+||
        """);
  }

  /** null, booleans and floats are written as Python writes them. */
  @Test
  void scalarsAsPythonWritesThem() throws Exception {
    JsonNode value = json("{'k': null, 'f': false, 't': true, 'n': 1.5, 'z': 0, 'e': '', 'big': 1e+20, "
        + "'small': 1e-05, 'i': 12}");

    assertThat(TableOutput.format("Q", value)).isEqualTo("""
        --------------------------------------------------------------------
        |                                 Q                                |
        +-------+----+--------+-----+-------+------+--------+--------+-----+
        |  big  | e  |   f    |  i  |   k   |  n   | small  |   t    |  z  |
        +-------+----+--------+-----+-------+------+--------+--------+-----+
        |  1e+20|    |  False |  12 |  None |  1.5 |  1e-05 |  True  |  0  |
        +-------+----+--------+-----+-------+------+--------+--------+-----+
        """);
  }

  /** Objects of a list that have list members: each followed by its nested lines. */
  @Test
  void listOfObjectsWithNestedMembers() throws Exception {
    JsonNode value = json("{'Usages': [{'Pool': 'p1', 'Tags': ['x', 'y']}, {'Pool': 'p2', 'Tags': ['z']}]}");

    assertThat(TableOutput.format("Q", value)).isEqualTo("""
        ------------
        |     Q    |
        +----------+
        || Usages ||
        |+--------+|
        ||  Pool  ||
        |+--------+|
        ||  p1    ||
        |+--------+|
        ||| Tags |||
        ||+------+||
        |||  x   |||
        |||  y   |||
        ||+------+||
        || Usages ||
        |+--------+|
        ||  Pool  ||
        |+--------+|
        ||  p2    ||
        |+--------+|
        ||| Tags |||
        ||+------+||
        |||  z   |||
        ||+------+||
        """);
  }

  /** A projection such as Datasets[].[DatasetName,NumRecords]. */
  @Test
  void listOfListsAsRows() throws Exception {
    JsonNode value = json("[['notes', 1], ['settings', 4]]");

    assertThat(TableOutput.format("ListDatasets", value)).isEqualTo("""
        -------------------
        |  ListDatasets   |
        +-----------+-----+
        |  notes    |  1  |
        |  settings |  4  |
        +-----------+-----+
        """);
  }

  /** An object member with several scalars. */
  @Test
  void singleObjectMember() throws Exception {
    JsonNode value = json("{'Dataset': {'IdentityId': 'us-east-1:11111111-2222-3333-4444-555555555555', "
        + "'DatasetName': 'settings', 'NumRecords': 4}}");

    assertThat(TableOutput.format("DescribeDataset", value)).isEqualTo("""
        ---------------------------------------------------------------------
        |                          DescribeDataset                          |
        +-------------------------------------------------------------------+
        ||                             Dataset                             ||
        |+-------------+---------------------------------------------------+|
        ||  DatasetName|  settings                                         ||
        ||  IdentityId |  us-east-1:11111111-2222-3333-4444-555555555555   ||
        ||  NumRecords |  4                                                ||
        |+-------------+---------------------------------------------------+|
        """);
  }

  /** Wide and ambiguous characters. */
  @Test
  void wideCharacters() throws Exception {
    JsonNode value = json("{'キー': '値', 'Größe': '×2'}");

    assertThat(TableOutput.format("Q", value)).isEqualTo("""
        --------------------
        |         Q        |
        +---------+--------+
        | Größe  | キー   |
        +---------+--------+
        |  ×2    |  値    |
        +---------+--------+
        """);
  }

  @Test
  void falseOrEmptyPrintsNothingAndALoneScalarOnlyTheTitle() throws Exception {
    for (String nothing : new String[] {"null", "false", "0", "''", "[]", "{}"}) {
      assertThat(TableOutput.format("ListRecords", json(nothing))).as(nothing).isEmpty();
    }
    assertThat(TableOutput.format("ListRecords", json("'dark'"))).isEqualTo("""
        -------------
        |ListRecords|
        +-----------+
        """);
  }

  @Test
  void rowsOfDifferentLengthsFailAsInTheAwsCli() throws Exception {
    assertThatThrownBy(() -> TableOutput.format("Q", json("[['a', 'b'], ['c', 'd', 'e']]")))
        .isInstanceOf(CliFailure.class)
        .hasMessage("Row should have 2 elements, instead it has 3");
  }
}
