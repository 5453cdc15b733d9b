package dev.offsync.http;

import static dev.offsync.http.Fixtures.IDENTITY;
import static dev.offsync.http.Fixtures.POOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.offsync.http.model.DescribeDatasetRequest;
import java.net.InetAddress;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Error responses become the typed exception the model and the wire rules call for. */
class ErrorMappingTest {
  private final MockWebServer server = new MockWebServer();
  private CognitoSyncClient client;

  @BeforeEach
  void start() throws Exception {
    server.start(InetAddress.getLoopbackAddress(), 0);
    client = Fixtures.client(server, new RecordingSleeper()).retryPolicy(RetryPolicy.none()).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private CognitoSyncServiceException call(MockResponse response) {
    server.enqueue(response);
    return catchThrowableOfType(
        CognitoSyncServiceException.class,
        () ->
            client.describeDataset(
                DescribeDatasetRequest.builder()
                    .identityPoolId(POOL)
                    .identityId(IDENTITY)
                    .datasetName("d")
                    .build()));
  }

  private static MockResponse response(int code, String typeHeader, String body) {
    MockResponse.Builder builder =
        new MockResponse.Builder().code(code).addHeader("x-amzn-RequestId", "rid-1").body(body);
    if (typeHeader != null) {
      builder.addHeader("x-amzn-ErrorType", typeHeader);
    }
    return builder.build();
  }

  @Test
  void everyModelErrorMapsToItsOwnException() {
    Object[][] cases = {
      {400, "InvalidParameterException", InvalidParameterException.class},
      {403, "NotAuthorizedException", NotAuthorizedException.class},
      {404, "ResourceNotFoundException", ResourceNotFoundException.class},
      {409, "ResourceConflictException", ResourceConflictException.class},
      {400, "LimitExceededException", LimitExceededException.class},
      {429, "TooManyRequestsException", TooManyRequestsException.class},
      {429, "LambdaThrottledException", LambdaThrottledException.class},
      {400, "InvalidLambdaFunctionOutputException", InvalidLambdaFunctionOutputException.class},
      {400, "InvalidConfigurationException", InvalidConfigurationException.class},
      {400, "ConcurrentModificationException", ConcurrentModificationException.class},
      {400, "DuplicateRequestException", DuplicateRequestException.class},
      {400, "AlreadyStreamedException", AlreadyStreamedException.class},
      {500, "InternalErrorException", InternalErrorException.class},
    };
    for (Object[] c : cases) {
      int status = (Integer) c[0];
      String type = (String) c[1];
      CognitoSyncServiceException e =
          call(response(status, type + ":http://internal.amazon.com/coral/com.amazonaws.cognito.sync/",
              "{\"message\":\"boom " + type + "\"}"));
      assertThat(e).as(type).isExactlyInstanceOf((Class<?>) c[2]);
      assertThat(e.statusCode()).isEqualTo(status);
      assertThat(e.errorType()).isEqualTo(type);
      assertThat(e.errorMessage()).isEqualTo("boom " + type);
      assertThat(e.requestId()).isEqualTo("rid-1");
      assertThat(e.getMessage()).contains("boom " + type, String.valueOf(status), type, "rid-1");
    }
  }

  @Test
  void typeFromBodyWhenNoHeader() {
    assertThat(call(response(404, null, "{\"__type\":\"com.amazonaws.cognitosync#ResourceNotFoundException\","
        + "\"Message\":\"no dataset\"}")))
        .isInstanceOf(ResourceNotFoundException.class)
        .extracting(CognitoSyncServiceException::errorMessage)
        .isEqualTo("no dataset");
    assertThat(call(response(400, null, "{\"code\":\"LimitExceededException\",\"message\":\"too big\"}")))
        .isInstanceOf(LimitExceededException.class);
  }

  @Test
  void headerWinsOverBody() {
    assertThat(call(response(409, "ResourceConflictException", "{\"__type\":\"InvalidParameterException\","
        + "\"message\":\"x\"}")))
        .isInstanceOf(ResourceConflictException.class);
  }

  @Test
  void a409WithoutAnyErrorTypeIsStillAConflict() {
    assertThat(call(response(409, null, "{\"message\":\"Current SyncCount for: k is: 2 not: 1\"}")))
        .isInstanceOf(ResourceConflictException.class);
    assertThat(call(response(409, null, "not json at all"))).isInstanceOf(ResourceConflictException.class);
  }

  @Test
  void staleSyncCountReportedAs400IsAConflict() {
    CognitoSyncServiceException e =
        call(response(400, "InvalidParameterException",
            "{\"message\":\"Current SyncCount for: highScore is: 5 not: 4\"}"));
    assertThat(e).isInstanceOf(ResourceConflictException.class);
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.errorType()).isEqualTo("InvalidParameterException");
  }

  @Test
  void signatureFailuresAreTyped() {
    assertThat(call(response(403, "InvalidSignatureException", "{\"message\":\"The request signature we "
        + "calculated does not match the signature you provided.\"}")))
        .isInstanceOf(InvalidSignatureException.class);
    assertThat(call(response(403, null, "{\"message\":\"The request signature we calculated does not match\"}")))
        .isInstanceOf(InvalidSignatureException.class);
    assertThat(call(response(403, "UnrecognizedClientException", "{\"message\":\"bad key\"}")))
        .isInstanceOf(InvalidSignatureException.class);
  }

  @Test
  void unknownTypesAndNonJsonBodiesAreGenericServiceErrors() {
    CognitoSyncServiceException e = call(response(418, "TeapotException", "{\"message\":\"short and stout\"}"));
    assertThat(e).isExactlyInstanceOf(GenericServiceException.class);
    assertThat(e.errorType()).isEqualTo("TeapotException");

    CognitoSyncServiceException html = call(response(502, null, "<html>Bad Gateway</html>"));
    assertThat(html).isExactlyInstanceOf(GenericServiceException.class);
    assertThat(html.statusCode()).isEqualTo(502);
    assertThat(html.errorType()).isEmpty();
    assertThat(html.errorMessage()).isEqualTo("HTTP 502");
  }
}
