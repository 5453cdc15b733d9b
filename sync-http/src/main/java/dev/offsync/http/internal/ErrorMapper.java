package dev.offsync.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offsync.http.AlreadyStreamedException;
import dev.offsync.http.CognitoSyncServiceException;
import dev.offsync.http.ConcurrentModificationException;
import dev.offsync.http.DuplicateRequestException;
import dev.offsync.http.GenericServiceException;
import dev.offsync.http.InternalErrorException;
import dev.offsync.http.InvalidConfigurationException;
import dev.offsync.http.InvalidLambdaFunctionOutputException;
import dev.offsync.http.InvalidParameterException;
import dev.offsync.http.InvalidSignatureException;
import dev.offsync.http.LambdaThrottledException;
import dev.offsync.http.LimitExceededException;
import dev.offsync.http.NotAuthorizedException;
import dev.offsync.http.ResourceConflictException;
import dev.offsync.http.ResourceNotFoundException;
import dev.offsync.http.TooManyRequestsException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Turns an error response into a typed exception, following the restJson1 rules: the type from the
 * {@code x-amzn-ErrorType} header, else the body's {@code __type} or {@code code}, keeping what follows the last
 * {@code #} and cutting at the first {@code :}; the message from the body's {@code message}, {@code Message} or
 * {@code errorMessage}; the request id from {@code x-amzn-RequestId}. A 400 whose message starts with
 * {@code "Current SyncCount for:"} is a conflict.
 */
final class ErrorMapper {
  static final String CONFLICT_MESSAGE_PREFIX = "Current SyncCount for:";

  private static final List<String> SIGNATURE_TYPES =
      Arrays.asList(
          "InvalidSignatureException",
          "SignatureDoesNotMatch",
          "IncompleteSignature",
          "IncompleteSignatureException",
          "MissingAuthenticationToken",
          "MissingAuthenticationTokenException",
          "UnrecognizedClientException",
          "InvalidClientTokenId");
  private static final List<String> EXPIRED_TYPES =
      Arrays.asList("ExpiredTokenException", "ExpiredToken", "TokenRefreshRequired");
  private static final int MAX_MESSAGE_LENGTH = 2048;

  private ErrorMapper() {}

  static CognitoSyncServiceException map(RawResponse response, Redactor redactor, Duration retryAfter) {
    JsonNode body = null;
    if (!response.bodyTooLarge) {
      try {
        body = Json.parse(response.body);
      } catch (MalformedJsonException e) {
        body = null;
      }
    }
    String type = normalizeType(response.headers.get("x-amzn-ErrorType"));
    if (type == null && body != null && body.isObject()) {
      type = normalizeType(textMember(body, "__type"));
      if (type == null) {
        type = normalizeType(textMember(body, "code"));
      }
    }
    String message = null;
    if (body != null && body.isObject()) {
      message = textMember(body, "message");
      if (message == null) {
        message = textMember(body, "Message");
      }
      if (message == null) {
        message = textMember(body, "errorMessage");
      }
    }
    if (message == null) {
      message = "HTTP " + response.status;
    }
    if (message.length() > MAX_MESSAGE_LENGTH) {
      message = message.substring(0, MAX_MESSAGE_LENGTH) + "...";
    }
    message = redactor.redact(message);
    return create(response.status, type == null ? "" : type, message, response.requestId(), retryAfter);
  }

  static CognitoSyncServiceException create(
      int status, String type, String message, String requestId, Duration retryAfter) {
    if (status == 400 && message.startsWith(CONFLICT_MESSAGE_PREFIX)) {
      return new ResourceConflictException(status, type, message, requestId);
    }
    switch (type) {
      case "InvalidParameterException":
        return new InvalidParameterException(status, type, message, requestId);
      case "NotAuthorizedException":
        return new NotAuthorizedException(status, type, message, requestId);
      case "ResourceNotFoundException":
        return new ResourceNotFoundException(status, type, message, requestId);
      case "ResourceConflictException":
        return new ResourceConflictException(status, type, message, requestId);
      case "LimitExceededException":
        return new LimitExceededException(status, type, message, requestId);
      case "TooManyRequestsException":
        return new TooManyRequestsException(status, type, message, requestId, retryAfter);
      case "LambdaThrottledException":
        return new LambdaThrottledException(status, type, message, requestId, retryAfter);
      case "InvalidLambdaFunctionOutputException":
        return new InvalidLambdaFunctionOutputException(status, type, message, requestId);
      case "InvalidConfigurationException":
        return new InvalidConfigurationException(status, type, message, requestId);
      case "ConcurrentModificationException":
        return new ConcurrentModificationException(status, type, message, requestId);
      case "DuplicateRequestException":
        return new DuplicateRequestException(status, type, message, requestId);
      case "AlreadyStreamedException":
        return new AlreadyStreamedException(status, type, message, requestId);
      case "InternalErrorException":
        return new InternalErrorException(status, type, message, requestId, retryAfter);
      default:
        break;
    }
    if (SIGNATURE_TYPES.contains(type)
        || (status == 403 && message.toLowerCase(Locale.ROOT).contains("signature"))) {
      return new InvalidSignatureException(status, type, message, requestId);
    }
    if (status == 409) {
      // a conflict whose type was lost on the way (a proxy dropped the header): classify by status, as AWS's
      // .NET client had to (aws-sdk-net#430), so the engine's re-pull-and-resolve path still runs
      return new ResourceConflictException(status, type, message, requestId);
    }
    return new GenericServiceException(status, type, message, requestId, retryAfter);
  }

  /** Whether the error says the credentials expired, so that fresh ones may succeed. */
  static boolean isExpiredCredentials(CognitoSyncServiceException error) {
    if (error.statusCode() < 400 || error.statusCode() >= 500) {
      return false;
    }
    if (EXPIRED_TYPES.contains(error.errorType())) {
      return true;
    }
    String message = error.errorMessage().toLowerCase(Locale.ROOT);
    return message.contains("expired")
        && (message.contains("token") || message.contains("credential"));
  }

  /** Whether the error is worth retrying: server faults and throttling. */
  static boolean isRetryable(CognitoSyncServiceException error) {
    int status = error.statusCode();
    return status >= 500
        || status == 429
        || error instanceof TooManyRequestsException
        || error instanceof LambdaThrottledException
        || "ThrottlingException".equals(error.errorType())
        || "Throttling".equals(error.errorType());
  }

  private static String textMember(JsonNode body, String name) {
    JsonNode value = body.get(name);
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  static String normalizeType(String raw) {
    if (raw == null) {
      return null;
    }
    String type = raw.trim();
    int colon = type.indexOf(':');
    if (colon >= 0) {
      type = type.substring(0, colon);
    }
    int hash = type.lastIndexOf('#');
    if (hash >= 0) {
      type = type.substring(hash + 1);
    }
    type = type.trim();
    return type.isEmpty() ? null : type;
  }
}
