package dev.offsync.server.spi;

/**
 * Delivers push-sync notifications. Called after the dataset change is committed, once per subscribed device, on the
 * request thread; implementations that talk to a network should hand off to their own executor. Exceptions are
 * logged and never fail the request.
 */
@FunctionalInterface
public interface PushNotifier {

  /**
   * Delivers one notification.
   *
   * @param notification the device and payload
   */
  void notify(PushNotification notification);
}
