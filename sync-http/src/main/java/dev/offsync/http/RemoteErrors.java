package dev.offsync.http;

import dev.offsync.ConflictException;
import dev.offsync.DatasetNotFoundException;
import dev.offsync.NetworkException;
import dev.offsync.ServiceException;
import dev.offsync.SyncException;
import dev.offsync.ThrottledException;

/** Maps the client's exceptions to sync-core's typed errors, as {@link dev.offsync.spi.RemoteStore} demands. */
final class RemoteErrors {
  private RemoteErrors() {}

  static Throwable toSyncError(Throwable error) {
    if (error instanceof SyncException) {
      return error;
    }
    if (error instanceof CredentialsException) {
      Throwable cause = error.getCause();
      if (cause instanceof CredentialsException || cause == null) {
        return new dev.offsync.NotAuthorizedException(error.getMessage(), error);
      }
      Throwable mapped = toSyncError(cause);
      if (mapped instanceof NetworkException || mapped instanceof ThrottledException
          || (mapped instanceof ServiceException && ((ServiceException) mapped).isRetryable())) {
        return mapped;
      }
      return new dev.offsync.NotAuthorizedException(error.getMessage(), error);
    }
    if (error instanceof CognitoSyncIoException) {
      return new NetworkException(error.getMessage(), error);
    }
    if (error instanceof MalformedResponseException) {
      MalformedResponseException e = (MalformedResponseException) error;
      return new ServiceException(e.getMessage(), e.statusCode(), "MalformedResponse", e);
    }
    if (error instanceof CognitoSyncServiceException) {
      CognitoSyncServiceException e = (CognitoSyncServiceException) error;
      String message = e.errorMessage();
      if (e instanceof ResourceConflictException) {
        return new ConflictException(message, e);
      }
      if (e instanceof TooManyRequestsException || e instanceof LambdaThrottledException
          || e.statusCode() == 429) {
        return new ThrottledException(message, e.retryAfter(), e);
      }
      if (e instanceof LimitExceededException) {
        return new dev.offsync.LimitExceededException(message, e);
      }
      if (e instanceof NotAuthorizedException || e instanceof InvalidSignatureException
          || e.statusCode() == 403) {
        return new dev.offsync.NotAuthorizedException(message, e);
      }
      if (e instanceof ResourceNotFoundException || e.statusCode() == 404) {
        return new DatasetNotFoundException(message, e);
      }
      if (e instanceof InvalidParameterException) {
        return new dev.offsync.InvalidParameterException(message, e);
      }
      return new ServiceException(message, e.statusCode(), e.errorType(), e);
    }
    return error;
  }
}
