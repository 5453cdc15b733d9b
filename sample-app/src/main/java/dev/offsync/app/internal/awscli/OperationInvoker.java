package dev.offsync.app.internal.awscli;

/** Sends one request of a {@code cognito-sync} command and returns the response; a seam for tests. */
@FunctionalInterface
public interface OperationInvoker {
  /**
   * Calls an operation.
   *
   * @param operation the operation
   * @param request an instance of its sync-http request type
   * @param settings endpoint and region
   * @return an instance of its sync-http response type
   */
  Object invoke(OperationModel operation, Object request, ClientSettings settings);
}
