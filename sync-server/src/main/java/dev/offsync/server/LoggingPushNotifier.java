package dev.offsync.server;

import dev.offsync.server.spi.PushNotification;
import dev.offsync.server.spi.PushNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default {@link PushNotifier}: logs each notification (device id, platform, payload; never the push token). */
public final class LoggingPushNotifier implements PushNotifier {
  private static final Logger LOG = LoggerFactory.getLogger("dev.offsync.server.push");

  /** Creates the notifier. */
  public LoggingPushNotifier() {}

  @Override
  public void notify(PushNotification notification) {
    LOG.info("push-sync notification device={} platform={} payload={}", notification.device().deviceId(),
        notification.device().platform(), notification.payload());
  }
}
