package dev.offsync;

/**
 * The push platform of a device registered for push sync ({@link SyncClient#registerDevice}): the values of
 * the Cognito Sync model's {@code Platform} shape. The constant's {@link #name()} is its wire value.
 */
public enum Platform {
  /** Apple Push Notification service (production). */
  APNS,
  /** Apple Push Notification service (sandbox). */
  APNS_SANDBOX,
  /** Google Cloud Messaging / Firebase Cloud Messaging. */
  GCM,
  /** Amazon Device Messaging. */
  ADM
}
