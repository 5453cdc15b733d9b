package dev.offsync.app.internal.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DeviceSettingsTest {
  private static DeviceSettings settings(String endpoint, String identityEndpoint) {
    return new DeviceSettings("d", Path.of("d.db"), endpoint, identityEndpoint, "eu-west-1",
        "eu-west-1:0d3b5a52-5d1f-4c1b-9a4e-3c1f0e0c2a11", null);
  }

  @Test
  void identityEndpointFollowsTheSyncEndpointExceptOnAws() {
    assertThat(Device.identityEndpoint(settings("http://127.0.0.1:8080", null))).isEqualTo("http://127.0.0.1:8080");
    assertThat(Device.identityEndpoint(settings("https://cognito-sync.eu-west-1.amazonaws.com", null))).isNull();
    assertThat(Device.identityEndpoint(settings("https://cognito-sync.eu-west-1.amazonaws.com/", "http://id:1")))
        .isEqualTo("http://id:1");
    assertThat(settings(null, null).hasServer()).isFalse();
  }
}
