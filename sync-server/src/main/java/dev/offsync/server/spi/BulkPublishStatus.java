package dev.offsync.server.spi;

/** Status of an identity pool's bulk publish, as the Cognito Sync model names it. */
public enum BulkPublishStatus {
  /** Never requested. */
  NOT_STARTED,
  /** Running. */
  IN_PROGRESS,
  /** Ended with an error. */
  FAILED,
  /** Completed. */
  SUCCEEDED
}
