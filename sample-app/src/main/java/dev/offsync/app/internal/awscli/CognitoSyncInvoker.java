package dev.offsync.app.internal.awscli;

import dev.offsync.app.internal.CliContext;
import dev.offsync.app.internal.CliFailure;
import dev.offsync.app.internal.Credentials;
import dev.offsync.http.CognitoSyncClient;
import dev.offsync.http.CognitoSyncIoException;
import dev.offsync.http.CognitoSyncServiceException;
import dev.offsync.http.CredentialsException;
import dev.offsync.http.spi.CredentialsProvider;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Objects;

/**
 * Sends {@code cognito-sync} requests with sync-http's {@link CognitoSyncClient}, calling the client method named
 * after the operation. Credentials come from the environment, or else (for requests naming an identity pool and
 * an identity) from Cognito Identity at the same endpoint. Service errors are reported like the AWS CLI does.
 */
public final class CognitoSyncInvoker implements OperationInvoker {
  private final CliContext context;

  /**
   * Creates the invoker.
   *
   * @param context the environment, for credentials
   */
  public CognitoSyncInvoker(CliContext context) {
    this.context = Objects.requireNonNull(context, "context == null");
  }

  @Override
  public Object invoke(OperationModel operation, Object request, ClientSettings settings) {
    Objects.requireNonNull(operation, "operation == null");
    Objects.requireNonNull(request, "request == null");
    Objects.requireNonNull(settings, "settings == null");
    CognitoSyncClient.Builder builder = CognitoSyncClient.builder()
        .region(settings.region())
        .credentialsProvider(credentials(request, settings));
    if (settings.endpointUrl() != null) {
      try {
        builder.endpoint(settings.endpointUrl());
      } catch (IllegalArgumentException e) {
        throw new InputException("Invalid --endpoint-url \"" + settings.endpointUrl() + "\": " + e.getMessage());
      }
    }
    try (CognitoSyncClient client = builder.build()) {
      Method method = CognitoSyncClient.class.getMethod(Names.lowerCamel(operation.name()), request.getClass());
      return method.invoke(client, request);
    } catch (InvocationTargetException e) {
      throw translate(operation, client(settings), e.getCause());
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new IllegalStateException("CognitoSyncClient cannot call " + operation.name(), e);
    }
  }

  private CredentialsProvider credentials(Object request, ClientSettings settings) {
    if (Credentials.inEnvironment(context)) {
      return Credentials.fromEnvironment(context);
    }
    String pool = member(request, "identityPoolId");
    String identity = member(request, "identityId");
    if (pool != null && identity != null) {
      return Credentials.cognitoIdentity(settings.endpointUrl(), settings.region(), pool, identity);
    }
    throw new CliFailure("Unable to locate credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
        + "(for a local 'offsync server', one of its --developer-key pairs)");
  }

  private static String member(Object request, String accessor) {
    try {
      Object value = request.getClass().getMethod(accessor).invoke(request);
      return value == null ? null : value.toString();
    } catch (NoSuchMethodException e) {
      return null;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String client(ClientSettings settings) {
    return settings.endpointUrl() != null
        ? settings.endpointUrl()
        : "https://cognito-sync." + settings.region() + ".amazonaws.com/";
  }

  private static RuntimeException translate(OperationModel operation, String endpoint, Throwable failure) {
    if (failure instanceof CognitoSyncServiceException) {
      CognitoSyncServiceException e = (CognitoSyncServiceException) failure;
      return new CliFailure("An error occurred (" + e.errorType() + ") when calling the " + operation.name()
          + " operation: " + e.errorMessage(), e);
    }
    if (failure instanceof CredentialsException) {
      return new CliFailure("Unable to get credentials: " + failure.getMessage(), failure);
    }
    if (failure instanceof CognitoSyncIoException) {
      Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
      return new CliFailure("Could not connect to the endpoint URL: \"" + endpoint + "\" ("
          + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")", failure);
    }
    if (failure instanceof IllegalArgumentException) {
      return new InputException("Invalid parameter: " + failure.getMessage());
    }
    if (failure instanceof RuntimeException) {
      return (RuntimeException) failure;
    }
    return new IllegalStateException(failure);
  }
}
