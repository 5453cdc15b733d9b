package dev.offsync.server.internal.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offsync.server.internal.http.ApiException;
import dev.offsync.server.internal.json.Json;
import dev.offsync.server.spi.DatasetId;
import dev.offsync.server.spi.Device;
import java.time.Instant;
import java.util.UUID;

/** RegisterDevice, SubscribeToDataset and UnsubscribeFromDataset (identity credentials only). */
final class PushOperations {
  private final Settings settings;

  PushOperations(Settings settings) {
    this.settings = settings;
  }

  byte[] registerDevice(ApiCall call) {
    String poolId = Fields.poolId(call.path("IdentityPoolId"));
    String identityId = Fields.identityId(call.path("IdentityId"));
    ObjectNode body = Json.parseObject(call.body());
    String platform = Fields.oneOf("Platform", Fields.string(body, "Platform", "Platform", true), Fields.PLATFORMS);
    String token = Fields.string(body, "Token", "Token", true);
    if (token.isEmpty()) {
      throw Fields.violation("Token", token, "Member must have length greater than or equal to 1");
    }
    Device device = settings.store().write(tx -> {
      DatasetOperations.requirePool(tx, poolId);
      return tx.deviceByToken(poolId, identityId, platform, token).orElseGet(() -> {
        Device d = new Device(poolId, identityId, UUID.randomUUID().toString(), platform, token);
        Instant now = settings.clock().instant();
        tx.createIdentityIfAbsent(poolId, identityId, now);
        tx.putDevice(d, now);
        return d;
      });
    });
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("DeviceId", device.deviceId());
    return DatasetOperations.bytes(out);
  }

  byte[] subscribe(ApiCall call, boolean subscribe) {
    DatasetId id = DatasetOperations.datasetId(call);
    String deviceId = Fields.deviceId("DeviceId", call.path("DeviceId"));
    settings.store().write(tx -> {
      DatasetOperations.requirePool(tx, id.poolId());
      if (tx.device(id.poolId(), id.identityId(), deviceId).isEmpty()) {
        throw ApiException.notFound("Device '" + deviceId + "' is not registered for identity " + id.identityId());
      }
      if (subscribe) {
        tx.subscribe(id, deviceId, settings.clock().instant());
      } else {
        tx.unsubscribe(id, deviceId);
      }
      return null;
    });
    return DatasetOperations.emptyObject();
  }
}
