package dev.offsync.server.spi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A push-sync notification for one subscribed device, sent after a dataset change has been committed.
 *
 * @param device the subscribed device
 * @param dataset the dataset that changed
 * @param syncCount the dataset's sync count after the change
 */
public record PushNotification(Device device, DatasetId dataset, long syncCount) {

  /**
   * Validates the components.
   *
   * @param device the subscribed device
   * @param dataset the dataset that changed
   * @param syncCount the dataset's sync count after the change
   */
  public PushNotification {
    Objects.requireNonNull(device, "device == null");
    Objects.requireNonNull(dataset, "dataset == null");
  }

  /**
   * The payload AWS documents for push sync: {@code source}, {@code identityPoolId}, {@code identityId},
   * {@code datasetName}, {@code syncCount}.
   *
   * @return an ordered, unmodifiable map of the payload's string values
   */
  public Map<String, String> payload() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("source", "cognito-sync");
    m.put("identityPoolId", dataset.poolId());
    m.put("identityId", dataset.identityId());
    m.put("datasetName", dataset.datasetName());
    m.put("syncCount", Long.toString(syncCount));
    return java.util.Collections.unmodifiableMap(m);
  }
}
