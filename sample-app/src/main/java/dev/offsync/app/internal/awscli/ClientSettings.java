package dev.offsync.app.internal.awscli;

import java.util.Objects;

/**
 * Where and how a {@code cognito-sync} command sends its request.
 *
 * @param endpointUrl the {@code --endpoint-url}, or {@code null} for AWS's regional endpoint
 * @param region the signing region
 */
public record ClientSettings(String endpointUrl, String region) {
  /** Rejects a null region. */
  public ClientSettings {
    Objects.requireNonNull(region, "region == null");
  }
}
