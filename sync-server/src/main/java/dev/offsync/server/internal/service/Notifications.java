package dev.offsync.server.internal.service;

import dev.offsync.server.spi.DatasetId;
import dev.offsync.server.spi.Device;
import dev.offsync.server.spi.PushNotification;
import dev.offsync.server.spi.PushNotifier;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands committed dataset changes to the {@link PushNotifier}, one call per subscribed device. */
final class Notifications {
  private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

  private Notifications() {}

  static void send(PushNotifier notifier, List<Device> devices, DatasetId dataset, long syncCount, String skipDevice) {
    for (Device d : devices) {
      if (d.deviceId().equals(skipDevice)) {
        continue; // the device that made the change already knows
      }
      try {
        notifier.notify(new PushNotification(d, dataset, syncCount));
      } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
        // the change is committed: a notifier's bug must not turn its acknowledgement into an error
        LOG.warn("push notifier failed for device {}: {}", d.deviceId(), e.toString());
      }
    }
  }
}
