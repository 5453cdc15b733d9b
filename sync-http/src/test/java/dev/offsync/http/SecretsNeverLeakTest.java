package dev.offsync.http;

import static dev.offsync.http.Fixtures.IDENTITY;
import static dev.offsync.http.Fixtures.POOL;
import static dev.offsync.http.Fixtures.SECRET;
import static dev.offsync.http.Fixtures.SESSION_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.offsync.http.model.ListRecordsRequest;
import dev.offsync.http.model.RegisterDeviceRequest;
import dev.offsync.http.model.UpdateRecordsRequest;
import dev.offsync.http.model.Platform;
import dev.offsync.http.spi.AwsCredentials;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Secret keys, session tokens and signatures never show in toString(), exception messages or logs. */
class SecretsNeverLeakTest {
  private final MockWebServer server = new MockWebServer();
  private final StringBuilder logs = new StringBuilder();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          logs.append(record.getLoggerName()).append(' ').append(record.getMessage()).append('\n');
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private CognitoSyncClient client;

  @BeforeEach
  void start() throws Exception {
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    Logger.getLogger("okhttp3").setLevel(Level.ALL);
    server.start(InetAddress.getLoopbackAddress(), 0);
    client = Fixtures.client(server, new RecordingSleeper()).retryPolicy(RetryPolicy.none()).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
    Logger.getLogger("").removeHandler(capture);
  }

  private static void assertClean(String text) {
    assertThat(text)
        .doesNotContain(SECRET)
        .doesNotContain(SESSION_TOKEN)
        .doesNotContain("FwoGZXIvYXdzEXAMPLE")
        .doesNotContain("session-token-xyz")
        .doesNotContainPattern("Signature=[0-9a-f]{64}");
  }

  private static String stackTrace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  @Test
  void valueTypesAndProvidersRedactSecrets() {
    assertClean(Fixtures.CREDENTIALS.toString());
    assertThat(Fixtures.CREDENTIALS.toString()).contains(Fixtures.ACCESS_KEY);
    assertClean(StaticCredentialsProvider.create(Fixtures.CREDENTIALS).toString());
    Map<String, String> env = new HashMap<>();
    env.put("AWS_ACCESS_KEY_ID", "AKIDENV");
    env.put("AWS_SECRET_ACCESS_KEY", SECRET);
    env.put("AWS_SESSION_TOKEN", SESSION_TOKEN);
    EnvironmentCredentialsProvider provider = EnvironmentCredentialsProvider.fromMap(env);
    assertClean(provider.toString());
    assertClean(provider.credentials().toString());
    assertClean(client.toString());
    String request =
        UpdateRecordsRequest.builder()
            .identityPoolId(POOL)
            .identityId(IDENTITY)
            .datasetName("d")
            .syncSessionToken("session-token-xyz")
            .build()
            .toString();
    assertClean(request);
    assertClean(
        RegisterDeviceRequest.builder().identityPoolId(POOL).identityId(IDENTITY).platform(Platform.GCM)
            .token("session-token-xyz").build().toString());
  }

  @Test
  void cognitoIdentityErrorsThatEchoTheLoginTokenAreRedacted() {
    String login = "eyJraWQiOiJLT0.login-token-payload.c2lnbmF0dXJl";
    server.enqueue(
        new MockResponse.Builder()
            .code(400)
            .addHeader("x-amzn-ErrorType", "NotAuthorizedException")
            .body("{\"message\":\"Invalid login token. Can't parse token: " + login + "\"}")
            .build());
    CognitoIdentityCredentialsProvider provider =
        CognitoIdentityCredentialsProvider.builder()
            .endpoint(server.url("/").toString())
            .identityPoolId(POOL)
            .login("accounts.example.com", login)
            .retryPolicy(RetryPolicy.none())
            .build();
    Throwable error = catchThrowable(provider::credentials);
    assertThat(error).isInstanceOf(CredentialsException.class);
    assertThat(error.getMessage()).contains("Invalid login token").contains("<redacted>");
    assertThat(stackTrace(error)).doesNotContain(login);
    assertThat(provider.toString()).doesNotContain(login);
  }

  @Test
  void errorsThatEchoThePushTokenAreRedacted() {
    String pushToken = "push-token-0123456789abcdef";
    server.enqueue(
        new MockResponse.Builder()
            .code(400)
            .addHeader("x-amzn-ErrorType", "InvalidParameterException")
            .body("{\"message\":\"Invalid device token: " + pushToken + "\"}")
            .build());
    Throwable error =
        catchThrowable(
            () ->
                client.registerDevice(
                    RegisterDeviceRequest.builder().identityPoolId(POOL).identityId(IDENTITY)
                        .platform(Platform.GCM).token(pushToken).build()));
    assertThat(error).isInstanceOf(InvalidParameterException.class);
    assertThat(error.getMessage()).contains("Invalid device token").contains("<redacted>");
    assertThat(stackTrace(error)).doesNotContain(pushToken);
  }

  @Test
  void errorMessagesThatEchoSecretsAreRedacted() {
    // a server that echoes the canonical request, security token and signature back (as AWS's 403 does)
    server.enqueue(
        new MockResponse.Builder()
            .code(403)
            .addHeader("x-amzn-ErrorType", "InvalidSignatureException")
            .body("{\"message\":\"The request signature we calculated does not match. The Canonical String "
                + "should have been 'GET\\n/\\nsyncSessionToken=session-token-xyz\\nx-amz-security-token:"
                + SESSION_TOKEN + "\\n' secret " + SECRET + " Signature="
                + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"}")
            .build());
    Throwable error =
        catchThrowable(
            () ->
                client.listRecords(
                    ListRecordsRequest.builder()
                        .identityPoolId(POOL)
                        .identityId(IDENTITY)
                        .datasetName("d")
                        .syncSessionToken("session-token-xyz")
                        .build()));
    assertThat(error).isInstanceOf(InvalidSignatureException.class);
    assertThat(error.getMessage()).contains("<redacted>");
    assertClean(error.getMessage());
    assertClean(((CognitoSyncServiceException) error).errorMessage());
    assertClean(stackTrace(error));
    assertClean(logs.toString());
  }

  @Test
  void ioErrorsDoNotCarrySecrets() throws Exception {
    int port = server.getPort();
    server.close();
    CognitoSyncClient offline =
        CognitoSyncClient.builder()
            .endpoint("http://127.0.0.1:" + port + "/")
            .credentialsProvider(StaticCredentialsProvider.create(Fixtures.CREDENTIALS))
            .retryPolicy(RetryPolicy.none())
            .build();
    try {
      Throwable error =
          catchThrowable(
              () ->
                  offline.listRecords(
                      ListRecordsRequest.builder()
                          .identityPoolId(POOL)
                          .identityId(IDENTITY)
                          .datasetName("d")
                          .syncSessionToken("session-token-xyz")
                          .build()));
      assertThat(error).isInstanceOf(CognitoSyncIoException.class);
      assertClean(stackTrace(error));
      assertClean(logs.toString());
    } finally {
      offline.close();
    }
  }

  @Test
  void missingEnvironmentCredentialsSayWhichVariables() {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_SECRET_ACCESS_KEY", SECRET);
    Throwable error = catchThrowable(() -> EnvironmentCredentialsProvider.fromMap(env).credentials());
    assertThat(error).isInstanceOf(CredentialsException.class).hasMessageContaining("AWS_ACCESS_KEY_ID");
    assertClean(error.getMessage());
    AwsCredentials parsed =
        EnvironmentCredentialsProvider.fromMap(
                new HashMap<String, String>() {
                  {
                    put("AWS_ACCESS_KEY_ID", " AKID ");
                    put("AWS_SECRET_ACCESS_KEY", SECRET);
                  }
                })
            .credentials();
    assertThat(parsed.accessKeyId()).isEqualTo("AKID");
    assertThat(parsed.sessionToken()).isNull();
  }
}
