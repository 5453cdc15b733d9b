package dev.offsync.http.internal;

import okhttp3.Headers;

/** A fully read HTTP response: status, headers and a size-bounded body. */
final class RawResponse {
  final int status;
  final Headers headers;
  final byte[] body;
  final boolean bodyTooLarge;

  RawResponse(int status, Headers headers, byte[] body, boolean bodyTooLarge) {
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.bodyTooLarge = bodyTooLarge;
  }

  boolean isSuccessful() {
    return status >= 200 && status < 300;
  }

  String requestId() {
    String id = headers.get("x-amzn-RequestId");
    return id != null ? id : headers.get("x-amz-request-id");
  }
}
